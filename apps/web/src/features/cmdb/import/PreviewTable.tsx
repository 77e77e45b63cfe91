import type { ImportPreview } from '@guichet/contracts';
import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportMappingDraft } from './api';
import { useFixedText, useTargetLabel } from './targetLabel';

/** The first rows of the file as the import reads them: mapped columns only, under their field names. */
export function PreviewTable({ preview, mapping }: { preview: ImportPreview; mapping: ImportMappingDraft }) {
  const { t } = useTranslation();
  const label = useTargetLabel();
  const used = preview.headers
    .map((header, col) => ({ header, col, field: mapping.columns[header] ?? null }))
    .filter((c) => c.field !== null);
  const fixedText = useFixedText();
  const fixed = Object.entries(mapping.fixed).filter(([, v]) => v) as [
    keyof ImportMappingDraft['fixed'],
    string,
  ][];

  return (
    <section aria-labelledby="import-preview-title">
      <Title order={3} fz="h4" id="import-preview-title">
        {t('cmdbImport.preview.title')}
      </Title>
      {used.length === 0 ? (
        <Text size="sm">{t('cmdbImport.preview.nothing')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="import-preview">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('cmdbImport.preview.caption', { count: preview.rows.length, total: preview.rowCount })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cmdbImport.issues.row')}</Table.Th>
                {used.map((c) => (
                  <Table.Th scope="col" key={c.header}>
                    {label(c.field)}
                    <Text span size="xs" fw={400} display="block">
                      {t('cmdbImport.preview.from', { column: c.header })}
                    </Text>
                  </Table.Th>
                ))}
                {fixed.map(([k]) => (
                  <Table.Th scope="col" key={`fixed-${k}`}>
                    {label(k)}
                    <Text span size="xs" fw={400} display="block">
                      {t('cmdbImport.preview.fixed')}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row, i) => (
                <Table.Tr key={preview.rowNumbers[i] ?? i}>
                  <Table.Td>{preview.rowNumbers[i]}</Table.Td>
                  {used.map((c) => (
                    <Table.Td key={c.header}>{row[c.col] ?? '—'}</Table.Td>
                  ))}
                  {fixed.map(([k, v]) => (
                    <Table.Td key={`fixed-${k}`}>{fixedText(k, v)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
