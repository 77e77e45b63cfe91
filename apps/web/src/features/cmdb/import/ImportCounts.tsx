import type { ImportCounts as Counts } from '@guichet/contracts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

const order = ['rows', 'create', 'update', 'unchanged', 'error'] as const;

/** What an import did or would do, as a small table (one row per outcome) plus the warnings count. */
export function ImportCounts({
  counts,
  warnings,
  caption,
}: {
  counts: Counts;
  warnings: number;
  caption: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table
      withTableBorder
      verticalSpacing={4}
      style={{ width: 'auto', minWidth: 320 }}
      data-testid="import-counts"
    >
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
      <Table.Tbody>
        {order.map((k) => (
          <Table.Tr key={k}>
            <Table.Th scope="row">{t(`cmdbImport.counts.${k}`)}</Table.Th>
            <Table.Td ta="right" c={k === 'error' && counts.error > 0 ? 'red.8' : undefined} fw={600}>
              {f.number(counts[k])}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">{t('cmdbImport.counts.warnings')}</Table.Th>
          <Table.Td ta="right" fw={600}>
            {f.number(warnings)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
