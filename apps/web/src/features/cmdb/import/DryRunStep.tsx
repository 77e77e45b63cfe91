import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ImportProgressBar } from './ImportProgressBar';
import { ReportDetails } from './ReportDetails';
import type { RunState } from './useImportRun';

/** Step 3: the dry run's progress, then what would happen; applying is refused while a row has an error. */
export function DryRunStep({
  run,
  onBack,
  onRetry,
  onApply,
}: {
  run: RunState;
  onBack: () => void;
  onRetry: () => void;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  const report = run.status === 'done' ? run.report : null;
  const blocked = !report || report.counts.error > 0;
  const nothing = report !== null && report.counts.create + report.counts.update === 0;
  return (
    <Stack gap="md">
      <Title order={2} fz="h3">
        {t('cmdbImport.dryRun.title')}
      </Title>
      {run.status === 'running' && (
        <ImportProgressBar progress={run.progress} label={t('cmdbImport.dryRun.progress')} />
      )}
      {run.status === 'error' && (
        <>
          <ErrorAlert error={run.error} showFields />
          <Group>
            <Button variant="default" onClick={onBack}>
              {t('cmdbImport.back')}
            </Button>
            <Button onClick={onRetry}>{t('cmdbImport.retry')}</Button>
          </Group>
        </>
      )}
      {report && (
        <>
          <ReportDetails report={report} headingOrder={3} />
          {report.counts.error > 0 ? (
            <Alert color="red" variant="light" data-testid="import-blocked">
              {t('cmdbImport.dryRun.blocked', { count: report.counts.error })}
            </Alert>
          ) : (
            <Text size="sm">{nothing ? t('cmdbImport.dryRun.nothing') : t('cmdbImport.dryRun.ready')}</Text>
          )}
          <Group>
            <Button variant="default" onClick={onBack}>
              {t('cmdbImport.dryRun.backToMapping')}
            </Button>
            <Button onClick={onApply} disabled={blocked}>
              {t('cmdbImport.dryRun.apply')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
