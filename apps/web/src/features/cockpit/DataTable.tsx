import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** right-aligned, as figures are read */
  numeric?: boolean;
}

/**
 * A table of figures for assistive technologies and for reading: a caption, column headers, and the
 * first column as row headers (RGAA 5.x).
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  id,
  empty,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  id?: string;
  empty: string;
}) {
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table id={id} verticalSpacing={4} striped withTableBorder fz="sm">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.header} scope="col" ta={c.numeric ? 'right' : undefined}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <Table.Th key={c.header} scope="row" fw={500}>
                    {c.cell(row)}
                  </Table.Th>
                ) : (
                  <Table.Td key={c.header} ta={c.numeric ? 'right' : undefined} className="cockpit-figure">
                    {c.cell(row)}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
