import type { ImportPreview } from '@guichet/contracts';
import {
  Alert,
  Autocomplete,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormat } from '../../../lib/format';
import { IMPORT_MAX_BYTES, useImportSources } from './api';

/** Same rule as the server's importSourceNameSchema. */
export const SOURCE_NAME = /^[\p{L}\p{N} ._-]{1,100}$/u;

export interface FileChoice {
  file: File | null;
  source: string;
  sheet: string | undefined;
}

/**
 * Step 1: the file (CSV or XLSX, 20 MB at most, checked before any upload), where it comes from (a
 * saved source brings back its mapping) and, for a workbook, the sheet to read.
 */
export function FileStep({
  choice,
  onChange,
  preview,
  previewing,
  previewError,
  onContinue,
}: {
  choice: FileChoice;
  onChange: (next: FileChoice) => void;
  preview: ImportPreview | null;
  previewing: boolean;
  previewError: unknown;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const sources = useImportSources();
  const { file, source, sheet } = choice;
  const tooBig = file !== null && file.size > IMPORT_MAX_BYTES;
  const badName = source.trim() !== '' && !SOURCE_NAME.test(source.trim());
  const known = sources.data?.some((s) => s.name === source.trim()) ?? false;

  return (
    <Stack gap="md" maw={640}>
      <Title order={2} fz="h3">
        {t('cmdbImport.file.title')}
      </Title>
      <FileInput
        label={t('cmdbImport.file.file')}
        description={t('cmdbImport.file.fileHint')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        value={file}
        onChange={(next) => onChange({ ...choice, file: next, sheet: undefined })}
        clearable
        withAsterisk
        error={tooBig ? t('cmdbImport.file.tooBig', { size: f.fileSize(IMPORT_MAX_BYTES) }) : undefined}
      />
      {file && (
        <Text size="sm" data-testid="import-file-size">
          {t('cmdbImport.file.size', { name: file.name, size: f.fileSize(file.size) })}
        </Text>
      )}
      <Autocomplete
        label={t('cmdbImport.file.source')}
        description={known ? t('cmdbImport.file.sourceKnown') : t('cmdbImport.file.sourceHint')}
        data={(sources.data ?? []).map((s) => s.name)}
        value={source}
        onChange={(value) => onChange({ ...choice, source: value })}
        error={badName ? t('cmdbImport.file.sourceInvalid') : undefined}
        maxLength={100}
      />
      {preview && preview.sheets.length > 1 && (
        <NativeSelect
          label={t('cmdbImport.file.sheet')}
          value={sheet ?? preview.sheet ?? ''}
          onChange={(e) => onChange({ ...choice, sheet: e.currentTarget.value })}
          data={preview.sheets}
        />
      )}
      {preview && !previewError && (
        <Text size="sm" data-testid="import-file-shape">
          {preview.format === 'csv'
            ? t('cmdbImport.file.shapeCsv', {
                count: preview.rowCount,
                rows: f.number(preview.rowCount),
                columns: preview.headers.length,
                encoding: preview.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8',
                delimiter: t(`cmdbImport.file.delimiter.${delimiterName(preview.delimiter)}`),
              })
            : t('cmdbImport.file.shapeXlsx', {
                count: preview.rowCount,
                rows: f.number(preview.rowCount),
                columns: preview.headers.length,
                sheet: preview.sheet ?? '',
              })}
        </Text>
      )}
      {previewError ? <ErrorAlert error={previewError} /> : null}
      {tooBig && (
        <Alert color="red" variant="light">
          {t('cmdbImport.file.tooBigHelp')}
        </Alert>
      )}
      <Group>
        <Button onClick={onContinue} disabled={!file || tooBig || badName} loading={previewing}>
          {t('cmdbImport.file.continue')}
        </Button>
      </Group>
    </Stack>
  );
}

const delimiterName = (d: string | null) =>
  d === ';' ? 'semicolon' : d === ',' ? 'comma' : d === '\t' ? 'tab' : d === '|' ? 'pipe' : 'other';
