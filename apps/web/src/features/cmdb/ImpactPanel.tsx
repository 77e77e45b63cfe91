import type { CiClass, CiImpact } from '@guichet/contracts';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/Badges';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ciClasses } from '../../lib/enums';
import { useCiImpact } from './api';
import { CiStatusBadge } from './CiStatusBadge';

/** impacted items the API returns per class at most (IMPACT_ITEMS_PER_CLASS on the server) */
const ITEMS_PER_CLASS = 200;

/**
 * "Analyse d'impact": what fails when this item fails. The query walks the whole graph, so it runs
 * only when asked for (button), then shows the counts per class, the people, the open tickets and the
 * impacted items with their path, all in text.
 */
/** `autoRun` starts the analysis at once (a dialog opened to see it), otherwise it waits for the button. */
export function ImpactPanel({ id, name, autoRun = false }: { id: number; name: string; autoRun?: boolean }) {
  const { t } = useTranslation();
  const uid = useId();
  const [asked, setAsked] = useState(autoRun);
  const impact = useCiImpact(id, asked);
  const data = impact.data;
  const total = data ? Object.values(data.counts).reduce((a, n) => a + (n ?? 0), 0) : 0;

  const status = impact.isFetching
    ? t('cmdb.impact.running')
    : data
      ? t('cmdb.impact.done', { count: total })
      : '';

  return (
    <section aria-labelledby={`${uid}-title`}>
      <Title order={2} fz="h4" mb="xs" id={`${uid}-title`}>
        {t('cmdb.impact.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('cmdb.impact.intro')}
      </Text>
      <Group gap="sm" mb="sm">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconBolt size={14} aria-hidden />}
          loading={impact.isFetching}
          onClick={() => (asked ? void impact.refetch() : setAsked(true))}
        >
          {asked ? t('cmdb.impact.rerun') : t('cmdb.impact.run')}
        </Button>
        <Text size="sm" role="status" aria-live="polite">
          {status}
        </Text>
      </Group>
      {impact.error ? (
        <ErrorAlert error={impact.error} />
      ) : data ? (
        <ImpactResult data={data} name={name} total={total} uid={uid} />
      ) : null}
    </section>
  );
}

function ImpactResult({
  data,
  name,
  total,
  uid,
}: {
  data: CiImpact;
  name: string;
  total: number;
  uid: string;
}) {
  const { t } = useTranslation();
  const counts = ciClasses
    .filter((c) => (data.counts[c] ?? 0) > 0)
    .map((c) => t(`cmdb.impact.classCount.${c}`, { count: data.counts[c] ?? 0 }));
  const nameOf = new Map<number, string>([[data.item.id, data.item.name]]);
  for (const it of data.items) nameOf.set(it.id, it.name);
  const stepName = (s: { name: string | null }) => s.name ?? t('cmdb.impact.hiddenStep');
  const className = (c: CiClass) => t(`cmdb.class.${c}`);
  const truncated = data.items.length < total;

  return (
    <Stack gap="md">
      {total === 0 ? (
        <Text size="sm" fw={600}>
          {t('cmdb.impact.empty')}
        </Text>
      ) : (
        <Text size="sm" fw={600}>
          {t('cmdb.impact.summary', { list: counts.join(', ') })}
        </Text>
      )}
      {data.hiddenCount > 0 && <Text size="sm">{t('cmdb.impact.hidden', { count: data.hiddenCount })}</Text>}

      <section aria-labelledby={`${uid}-people`}>
        <Title order={3} fz="h5" mb={4} id={`${uid}-people`}>
          {t('cmdb.impact.people.title')}
        </Title>
        {data.people.count === 0 ? (
          <Text size="sm">{t('cmdb.impact.people.none')}</Text>
        ) : (
          <>
            <Text size="sm">{t('cmdb.impact.people.count', { count: data.people.count })}</Text>
            {data.people.sample.length > 0 && (
              <Text size="sm">
                {t('cmdb.impact.people.sample', { names: data.people.sample.map((p) => p.name).join(', ') })}
                {data.people.count > data.people.sample.length &&
                  ` ${t('cmdb.impact.people.others', { count: data.people.count - data.people.sample.length })}`}
              </Text>
            )}
          </>
        )}
      </section>

      <section aria-labelledby={`${uid}-tickets`}>
        <Title order={3} fz="h5" mb={4} id={`${uid}-tickets`}>
          {t('cmdb.impact.tickets.title')}
        </Title>
        {data.openTickets.count === 0 ? (
          <Text size="sm">{t('cmdb.impact.tickets.none')}</Text>
        ) : (
          <>
            <Text size="sm">
              {t('cmdb.impact.tickets.count', { count: data.openTickets.count })}
              {data.openTickets.items.length < data.openTickets.count &&
                ` ${t('cmdb.impact.tickets.shown', { count: data.openTickets.items.length })}`}
            </Text>
            <Stack component="ul" gap={4} m={0} pl="md">
              {data.openTickets.items.map((tk) => (
                <Text component="li" size="sm" key={tk.number}>
                  <Anchor component={Link} to={`/desk/tickets/${tk.number}`} ff="monospace" size="sm">
                    {tk.number}
                  </Anchor>{' '}
                  {tk.title} <StatusBadge status={tk.status} />
                  {nameOf.has(tk.itemId) && (
                    <Text span size="sm">
                      {' '}
                      ({t('cmdb.impact.tickets.about', { name: nameOf.get(tk.itemId) })})
                    </Text>
                  )}
                </Text>
              ))}
            </Stack>
          </>
        )}
      </section>

      {data.items.length > 0 && (
        <section aria-labelledby={`${uid}-items`}>
          <Title order={3} fz="h5" mb={4} id={`${uid}-items`}>
            {t('cmdb.impact.items.title')}
          </Title>
          {truncated && (
            <Text size="sm" mb={4}>
              {t('cmdb.impact.items.limited', { max: ITEMS_PER_CLASS })}
            </Text>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4}>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
                {t('cmdb.impact.items.caption', { name, count: data.items.length, total })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cmdb.impact.items.item')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.impact.items.class')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.impact.items.status')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.impact.items.depth')}</Table.Th>
                  <Table.Th scope="col">{t('cmdb.impact.items.path')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((it) => (
                  <Table.Tr key={it.id}>
                    <Table.Th scope="row" fw={400}>
                      <Anchor component={Link} to={`/cmdb/items/${it.id}`} size="sm">
                        {it.name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{className(it.class)}</Table.Td>
                    <Table.Td>
                      <CiStatusBadge status={it.status} />
                    </Table.Td>
                    <Table.Td>{it.depth}</Table.Td>
                    <Table.Td>{it.path.map(stepName).join(' › ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
    </Stack>
  );
}
