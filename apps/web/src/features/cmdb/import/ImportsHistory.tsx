import { Anchor, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../lib/format';
import { useImportList } from './api';
import { ImportStatusBadge } from './ImportStatusBadge';

/** Past imports (admins see all, agents their own), newest first, each opening its report. */
export function ImportsHistory() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useImportList();
  return (
    <section aria-labelledby="import-history-title">
      <Title order={2} fz="h3" id="import-history-title" mb="xs">
        {t('cmdbImport.history.title')}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.length === 0 ? (
        <Text size="sm">{t('cmdbImport.history.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing={4} fz="sm">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
              {t('cmdbImport.history.caption', { count: list.data.length })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cmdbImport.history.at')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.history.file')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.history.by')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.history.status')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.counts.rows')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.counts.create')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.counts.update')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.counts.unchanged')}</Table.Th>
                <Table.Th scope="col">{t('cmdbImport.counts.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cmdb/imports/${r.id}`} size="sm">
                      <time dateTime={r.at}>{f.dateTime(r.at)}</time>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {r.fileName}
                    {r.source && (
                      <Text span size="xs" display="block">
                        {r.source}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{r.by?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <ImportStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{f.number(r.counts.rows)}</Table.Td>
                  <Table.Td>{f.number(r.counts.create)}</Table.Td>
                  <Table.Td>{f.number(r.counts.update)}</Table.Td>
                  <Table.Td>{f.number(r.counts.unchanged)}</Table.Td>
                  <Table.Td>{f.number(r.counts.error)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
