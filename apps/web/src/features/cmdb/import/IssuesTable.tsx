import type { ImportIssue } from '@guichet/contracts';
import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMappingDraft } from './api';
import { useTargetLabel } from './targetLabel';

type Filter = 'all' | 'error' | 'warning';
const PAGE = 200;

/**
 * The row errors and warnings of an import, sorted by row, filterable by kind. The column shown is
 * the file's column that feeds the field, so the user finds the cell to fix.
 */
export function IssuesTable({
  errors,
  warnings,
  truncated,
  mapping,
}: {
  errors: ImportIssue[];
  warnings: ImportIssue[];
  truncated: boolean;
  mapping: ImportMappingDraft;
}) {
  const { t } = useTranslation();
  const label = useTargetLabel();
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(PAGE);
  const columnOf = new Map(Object.entries(mapping.columns).map(([col, f]) => [f, col]));
  const issues = [
    ...(filter === 'warning' ? [] : errors.map((i) => ({ ...i, kind: 'error' as const }))),
    ...(filter === 'error' ? [] : warnings.map((i) => ({ ...i, kind: 'warning' as const }))),
  ].sort((a, b) => a.row - b.row || (a.kind === b.kind ? 0 : a.kind === 'error' ? -1 : 1));

  if (errors.length + warnings.length === 0) {
    return <Text>{t('cmdbImport.issues.none')}</Text>;
  }
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <NativeSelect
          label={t('cmdbImport.issues.filter')}
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value as Filter);
            setShown(PAGE);
          }}
          data={[
            { value: 'all', label: t('cmdbImport.issues.all', { count: errors.length + warnings.length }) },
            { value: 'error', label: t('cmdbImport.issues.errors', { count: errors.length }) },
            { value: 'warning', label: t('cmdbImport.issues.warnings', { count: warnings.length }) },
          ]}
        />
      </Group>
      {truncated && (
        <Alert color="yellow" variant="light">
          {t('cmdbImport.issues.truncated')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing={4}>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('cmdbImport.issues.caption', { count: issues.length })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cmdbImport.issues.row')}</Table.Th>
              <Table.Th scope="col">{t('cmdbImport.issues.kind')}</Table.Th>
              <Table.Th scope="col">{t('cmdbImport.issues.column')}</Table.Th>
              <Table.Th scope="col">{t('cmdbImport.issues.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, shown).map((i, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row can carry the same message twice
              <Table.Tr key={`${i.kind}-${i.row}-${n}`}>
                <Table.Td>{i.row}</Table.Td>
                <Table.Td>
                  <Badge
                    // white on dark red, black on light yellow: both above 4.5:1 (RGAA 3.2)
                    color={i.kind === 'error' ? 'red.9' : 'yellow.4'}
                    autoContrast
                    variant="filled"
                    tt="none"
                    fw={600}
                  >
                    {t(`cmdbImport.issues.${i.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {i.field ? (
                    <>
                      {columnOf.get(i.field as never) ?? label(i.field)}
                      <Text span size="xs" display="block">
                        {label(i.field)}
                      </Text>
                    </>
                  ) : (
                    t('cmdbImport.issues.wholeRow')
                  )}
                </Table.Td>
                <Table.Td>{i.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {issues.length > shown && (
        <Group>
          <Button variant="default" size="xs" onClick={() => setShown((s) => s + PAGE)}>
            {t('cmdbImport.issues.more', { count: issues.length - shown })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
