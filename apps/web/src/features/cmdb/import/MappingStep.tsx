import type { CiClass, CiStatus, ImportField, ImportPreview } from '@guichet/contracts';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ciClasses, ciRelationKinds, ciStatuses } from '../../../lib/enums';
import type { ImportMappingDraft } from './api';
import { attributeTargets, coreTargets, duplicateTargets, identifiesItems, missingForCreate } from './fields';
import { PreviewTable } from './PreviewTable';
import { ReconcileOrder } from './ReconcileOrder';
import { useTargetLabel } from './targetLabel';

const SAMPLES = 3;

/** The first distinct values of a column in the preview rows. */
const samplesOf = (preview: ImportPreview, col: number) =>
  [
    ...new Set(preview.rows.map((r) => r[col]).filter((v): v is string => v !== null && v !== undefined)),
  ].slice(0, SAMPLES);

/**
 * Step 2: one row per file column (its sample values and the field it feeds), values given to every
 * row, the reconciliation order, and a preview of the first rows as the import will read them.
 */
export function MappingStep({
  preview,
  mapping,
  onChange,
  source,
  saveForSource,
  onSaveForSource,
  onBack,
  onDryRun,
  busy,
}: {
  preview: ImportPreview;
  mapping: ImportMappingDraft;
  onChange: (next: ImportMappingDraft) => void;
  source: string;
  saveForSource: boolean;
  onSaveForSource: (save: boolean) => void;
  onBack: () => void;
  onDryRun: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const label = useTargetLabel();
  const twice = duplicateTargets(mapping);
  const missing = missingForCreate(mapping);
  const identifies = identifiesItems(mapping);
  const options = [
    { value: '', label: t('cmdbImport.mapping.ignore') },
    {
      group: t('cmdbImport.mapping.coreGroup'),
      items: coreTargets.map((f) => ({ value: f, label: label(f) })),
    },
    {
      group: t('cmdbImport.mapping.attributeGroup'),
      items: attributeTargets.map(({ key, classes }) => ({
        value: `attributes.${key}`,
        label: t('cmdbImport.mapping.attributeOption', {
          label: t(`cmdb.attr.${key}`),
          classes: classes.map((c) => t(`cmdb.class.${c}`)).join(', '),
        }),
      })),
    },
    {
      group: t('cmdbImport.mapping.relationGroup'),
      items: ciRelationKinds.map((kind) => ({ value: `relation.${kind}`, label: label(`relation.${kind}`) })),
    },
  ];
  const setColumn = (header: string, value: string) =>
    onChange({
      ...mapping,
      columns: { ...mapping.columns, [header]: (value || null) as ImportField | null },
    });
  const setFixed = (patch: Partial<ImportMappingDraft['fixed']>) => {
    const fixed = { ...mapping.fixed, ...patch };
    for (const k of Object.keys(fixed) as (keyof typeof fixed)[]) if (!fixed[k]) delete fixed[k];
    onChange({ ...mapping, fixed });
  };

  return (
    <Stack gap="lg">
      <Title order={2} fz="h3">
        {t('cmdbImport.mapping.title')}
      </Title>
      <Text size="sm">{t('cmdbImport.mapping.hint')}</Text>

      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={6} data-testid="mapping-table">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('cmdbImport.mapping.caption', { count: preview.headers.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cmdbImport.mapping.column')}</Table.Th>
              <Table.Th scope="col">{t('cmdbImport.mapping.samples')}</Table.Th>
              <Table.Th scope="col">{t('cmdbImport.mapping.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.headers.map((header, col) =>
              header === '' ? null : (
                <Table.Tr key={header}>
                  <Table.Th scope="row" fw={600}>
                    {header}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {samplesOf(preview, col).join(' · ') || t('cmdbImport.mapping.noSample')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('cmdbImport.mapping.targetFor', { column: header })}
                      value={mapping.columns[header] ?? ''}
                      onChange={(e) => setColumn(header, e.currentTarget.value)}
                      data={options}
                      error={
                        mapping.columns[header] && twice.has(mapping.columns[header] as ImportField)
                          ? t('cmdbImport.mapping.twice')
                          : undefined
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <section aria-labelledby="import-fixed-title">
        <Title order={3} fz="h4" id="import-fixed-title">
          {t('cmdbImport.fixed.title')}
        </Title>
        <Text size="sm" mb="xs">
          {t('cmdbImport.fixed.hint')}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('cmdbImport.fixed.class')}
            value={mapping.fixed.class ?? ''}
            onChange={(e) => setFixed({ class: (e.currentTarget.value || undefined) as CiClass | undefined })}
            data={[
              { value: '', label: t('cmdbImport.fixed.fromFile') },
              ...ciClasses.map((c) => ({ value: c, label: t(`cmdb.class.${c}`) })),
            ]}
          />
          <NativeSelect
            label={t('cmdbImport.fixed.status')}
            value={mapping.fixed.status ?? ''}
            onChange={(e) =>
              setFixed({ status: (e.currentTarget.value || undefined) as CiStatus | undefined })
            }
            data={[
              { value: '', label: t('cmdbImport.fixed.fromFile') },
              ...ciStatuses.map((s) => ({ value: s, label: t(`cmdb.status.${s}`) })),
            ]}
          />
          <TextInput
            label={t('cmdbImport.fixed.entity')}
            description={t('cmdbImport.fixed.entityHint')}
            value={mapping.fixed.entity ?? ''}
            maxLength={200}
            onChange={(e) =>
              setFixed({ entity: e.currentTarget.value.trim() === '' ? undefined : e.currentTarget.value })
            }
          />
        </Group>
      </section>

      <ReconcileOrder
        order={mapping.reconcileOrder}
        onChange={(reconcileOrder) => onChange({ ...mapping, reconcileOrder })}
      />

      <section aria-labelledby="import-required-title">
        <Title order={3} fz="h4" id="import-required-title">
          {t('cmdbImport.required.title')}
        </Title>
        {missing.length === 0 ? (
          <Text size="sm">{t('cmdbImport.required.ok')}</Text>
        ) : (
          <Alert color="yellow" variant="light" data-testid="import-missing">
            {t('cmdbImport.required.missing', { fields: missing.map((f) => label(f)).join(', ') })}
          </Alert>
        )}
      </section>

      <PreviewTable preview={preview} mapping={mapping} />

      {!identifies && (
        <Alert color="red" variant="light" role="alert">
          {t('cmdbImport.mapping.noKey')}
        </Alert>
      )}
      <Checkbox
        label={t('cmdbImport.mapping.save', { source: source.trim() })}
        description={source.trim() ? undefined : t('cmdbImport.mapping.saveNeedsSource')}
        checked={saveForSource && source.trim() !== ''}
        disabled={source.trim() === ''}
        onChange={(e) => onSaveForSource(e.currentTarget.checked)}
      />
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('cmdbImport.back')}
        </Button>
        <Button onClick={onDryRun} disabled={twice.size > 0 || !identifies} loading={busy}>
          {t('cmdbImport.mapping.dryRun')}
        </Button>
      </Group>
    </Stack>
  );
}
