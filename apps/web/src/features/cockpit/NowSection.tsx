import type { CockpitNow } from '@guichet/contracts';
import { Button, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketStatuses } from '../../lib/enums';
import type { ExportTable } from './api';
import { ChartPanel } from './ChartPanel';
import { CountBarChart, type CountRow } from './Charts';
import { useCockpitFormat } from './cockpitFormat';
import { type Column, DataTable } from './DataTable';
import { ExportLinks } from './ExportLinks';
import { useCockpitLabels } from './labels';
import { StatCard } from './StatCard';

type AgentLoad = CockpitNow['agentLoad'][number];

/** The most loaded agents first; the whole list on request (a desk has dozens). */
const AGENTS_SHOWN = 10;

const statusRank = (key: string): number => {
  const i = (ticketStatuses as readonly string[]).indexOf(key);
  return i === -1 ? ticketStatuses.length : i;
};

function CountPanel({
  title,
  rows,
  sideways,
  exportTable,
}: {
  title: string;
  rows: CountRow[];
  sideways?: boolean;
  exportTable: ExportTable;
}) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const columns: Column<CountRow>[] = [
    { header: t('cockpit.col.label'), cell: (r) => r.label },
    { header: t('cockpit.col.open'), cell: (r) => f.number(r.count), numeric: true },
  ];
  return (
    <ChartPanel
      title={title}
      exportTable={exportTable}
      isEmpty={rows.length === 0}
      emptyText={t('cockpit.now.noOpen')}
      chart={<CountBarChart rows={rows} sideways={sideways} />}
      table={(id) => (
        <DataTable
          id={id}
          caption={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          empty={t('cockpit.empty')}
        />
      )}
    />
  );
}

/** The desk as it stands: open work, what needs attention, today's flow, and who holds what. */
export function NowSection({ now, headingId }: { now: CockpitNow; headingId: string }) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const label = useCockpitLabels();
  const [allAgents, setAllAgents] = useState(false);

  // statuses in their lifecycle order, as agents read the queue
  const byStatus = [...now.open.byStatus]
    .sort((a, b) => statusRank(a.key) - statusRank(b.key))
    .map((r) => ({ key: r.key, label: label.status(r.key), count: r.count }));
  const byPriority = [...now.open.byPriority]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((r) => ({ key: r.key, label: label.priority(r.key), count: r.count }));
  const byGroup = now.open.byGroup.map((r) => ({
    key: String(r.id ?? 'none'),
    label: r.id === null ? t('cockpit.noGroup') : r.name,
    count: r.count,
  }));
  const byEntity = now.open.byEntity.map((r) => ({ key: String(r.id), label: r.name, count: r.count }));

  const agentTitle = t('cockpit.now.agentLoad');
  const agentColumns: Column<AgentLoad>[] = [
    { header: t('cockpit.col.agent'), cell: (r) => r.name },
    { header: t('cockpit.col.open'), cell: (r) => f.number(r.count), numeric: true },
    { header: t('cockpit.col.inProgress'), cell: (r) => f.number(r.inProgress), numeric: true },
    { header: t('cockpit.col.pending'), cell: (r) => f.number(r.pending), numeric: true },
  ];

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} fz="h3" id={headingId}>
        {t('cockpit.now.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <StatCard label={t('cockpit.now.open')} value={f.number(now.open.total)} />
        <StatCard label={t('cockpit.now.unassigned')} value={f.number(now.unassigned)} />
        <StatCard label={t('cockpit.now.waitingForRequester')} value={f.number(now.waitingForRequester)} />
        <StatCard
          label={t('cockpit.now.nearBreach')}
          value={f.number(now.nearBreach)}
          tone={now.nearBreach > 0 ? 'warning' : undefined}
        />
        <StatCard
          label={t('cockpit.now.breached')}
          value={f.number(now.breached)}
          tone={now.breached > 0 ? 'alert' : undefined}
        />
        <StatCard
          label={t('cockpit.now.today')}
          value={t('cockpit.now.todayValue', {
            incoming: f.number(now.today.incoming),
            resolved: f.number(now.today.resolved),
          })}
          hint={t('cockpit.now.todayHint')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <CountPanel title={t('cockpit.now.byStatus')} rows={byStatus} exportTable="openByStatus" />
        <CountPanel title={t('cockpit.now.byPriority')} rows={byPriority} exportTable="openByPriority" />
        <CountPanel title={t('cockpit.now.byGroup')} rows={byGroup} exportTable="openByGroup" sideways />
        <CountPanel title={t('cockpit.now.byEntity')} rows={byEntity} exportTable="openByEntity" sideways />
      </SimpleGrid>
      <Stack gap={4}>
        <Group justify="space-between" align="center" gap="xs">
          <Title order={3} fz="md">
            {agentTitle}
          </Title>
          <ExportLinks table="agentLoad" title={agentTitle} />
        </Group>
        <DataTable
          caption={t('cockpit.now.agentLoadCaption')}
          columns={agentColumns}
          rows={allAgents ? now.agentLoad : now.agentLoad.slice(0, AGENTS_SHOWN)}
          rowKey={(r) => String(r.id)}
          empty={t('cockpit.now.noAgentLoad')}
        />
        {now.agentLoad.length > AGENTS_SHOWN && (
          <Group>
            <Button variant="default" size="compact-sm" onClick={() => setAllAgents((v) => !v)}>
              {allAgents
                ? t('cockpit.now.fewerAgents', { count: AGENTS_SHOWN })
                : t('cockpit.now.allAgents', { count: now.agentLoad.length })}
            </Button>
          </Group>
        )}
      </Stack>
    </Stack>
  );
}
