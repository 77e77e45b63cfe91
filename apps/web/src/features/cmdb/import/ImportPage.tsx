import type { ImportPreview } from '@guichet/contracts';
import { Alert, Anchor, Breadcrumbs, Divider, Stack, Stepper } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../auth/session';
import { ApplyStep } from './ApplyStep';
import { type ImportMappingDraft, useInvalidateAfterImport, usePreviewImport, useSaveSource } from './api';
import { canImport } from './canImport';
import { DryRunStep } from './DryRunStep';
import { type FileChoice, FileStep } from './FileStep';
import { ImportsHistory } from './ImportsHistory';
import { MappingStep } from './MappingStep';
import { useImportRun } from './useImportRun';

const STEPS = ['file', 'mapping', 'dryRun', 'apply'] as const;

/**
 * /cmdb/import: file → mapping → dry run → apply, then the list of past imports. Every step has its
 * heading; going back keeps what was chosen; a new dry run is needed after any change of mapping.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [step, setStep] = useState(0);
  const [choice, setChoice] = useState<FileChoice>({ file: null, source: '', sheet: undefined });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMappingDraft | null>(null);
  const [saveForSource, setSaveForSource] = useState(true);
  const previewer = usePreviewImport();
  const saveSource = useSaveSource();
  const invalidate = useInvalidateAfterImport();
  const dryRun = useImportRun(invalidate);
  const apply = useImportRun(invalidate);
  const source = choice.source.trim();
  const running = dryRun.state.status === 'running' || apply.state.status === 'running';

  if (!canImport(user)) {
    return (
      <Stack gap="md">
        <PageTitle>{t('cmdbImport.title')}</PageTitle>
        <Alert color="yellow">{t('cmdbImport.notAllowed')}</Alert>
      </Stack>
    );
  }

  const readFile = async (next: FileChoice, withSource: boolean) => {
    if (!next.file) return null;
    try {
      return await previewer.mutateAsync({
        file: next.file,
        sheet: next.sheet,
        source: withSource && next.source.trim() ? next.source.trim() : undefined,
      });
    } catch {
      return null; // shown by FileStep from previewer.error
    }
  };

  const changeChoice = async (next: FileChoice) => {
    const reread = next.file !== choice.file || next.sheet !== choice.sheet;
    setChoice(next);
    if (!reread) return;
    setPreview(null);
    setMapping(null);
    previewer.reset();
    if (next.file) setPreview(await readFile(next, false));
  };

  const toMapping = async () => {
    const p = await readFile(choice, true);
    if (!p) return;
    setPreview(p);
    setMapping(p.mapping);
    dryRun.reset();
    apply.reset();
    setStep(1);
  };

  const runInput = (m: ImportMappingDraft, applyIt: boolean) => ({
    file: choice.file as File,
    sheet: choice.sheet ?? preview?.sheet ?? undefined,
    // on apply the server saves the mapping to the source: only when the user asked for it
    source: source && (!applyIt || saveForSource) ? source : undefined,
    mapping: m,
    apply: applyIt,
  });

  const startDryRun = async () => {
    if (!mapping || !choice.file) return;
    if (saveForSource && source) {
      try {
        await saveSource.mutateAsync({ name: source, mapping });
      } catch {
        // not blocking: the apply saves it again; the error shows under the button
      }
    }
    apply.reset();
    setStep(2);
    void dryRun.start(runInput(mapping, false));
  };

  const startApply = () => {
    if (!mapping || !choice.file) return;
    setStep(3);
    void apply.start(runInput(mapping, true));
  };

  const restart = () => {
    setChoice({ file: null, source: choice.source, sheet: undefined });
    setPreview(null);
    setMapping(null);
    dryRun.reset();
    apply.reset();
    previewer.reset();
    setStep(0);
  };

  return (
    <Stack gap="lg">
      <Breadcrumbs aria-label={t('cmdbImport.breadcrumbs')}>
        <Anchor component={Link} to="/cmdb">
          {t('cmdb.list.title')}
        </Anchor>
      </Breadcrumbs>
      <PageTitle>{t('cmdbImport.title')}</PageTitle>
      <Stepper
        active={step}
        onStepClick={(s) => {
          if (!running && s < step && apply.state.status !== 'done') setStep(s);
        }}
        allowNextStepsSelect={false}
        size="sm"
      >
        {STEPS.map((s, i) => (
          <Stepper.Step
            key={s}
            label={t(`cmdbImport.steps.${s}`)}
            description={t('cmdbImport.steps.number', { n: i + 1, total: STEPS.length })}
            aria-current={i === step ? 'step' : undefined}
          />
        ))}
      </Stepper>

      {step === 0 && (
        <FileStep
          choice={choice}
          onChange={(next) => void changeChoice(next)}
          preview={preview}
          previewing={previewer.isPending}
          previewError={previewer.error}
          onContinue={() => void toMapping()}
        />
      )}
      {step === 1 && preview && mapping && (
        <MappingStep
          preview={preview}
          mapping={mapping}
          onChange={setMapping}
          source={choice.source}
          saveForSource={saveForSource}
          onSaveForSource={setSaveForSource}
          onBack={() => setStep(0)}
          onDryRun={() => void startDryRun()}
          busy={saveSource.isPending}
        />
      )}
      {step === 2 && (
        <DryRunStep
          run={dryRun.state}
          onBack={() => setStep(1)}
          onRetry={() => void startDryRun()}
          onApply={startApply}
        />
      )}
      {step === 3 && <ApplyStep run={apply.state} onBack={() => setStep(1)} onRestart={restart} />}

      <Divider />
      <ImportsHistory />
    </Stack>
  );
}
