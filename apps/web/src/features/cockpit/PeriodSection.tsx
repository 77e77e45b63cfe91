import type { CockpitPeriod } from '@guichet/contracts';
import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExportTable } from './api';
import { ChartPanel } from './ChartPanel';
import { BacklogChart, CompareBarChart, type CompareRow } from './Charts';
import { useCockpitFormat } from './cockpitFormat';
import { type Column, DataTable } from './DataTable';
import { ExportLinks } from './ExportLinks';
import { KpiCard } from './KpiCard';
import { periodKpiKeys } from './kpis';
import { useCockpitLabels } from './labels';

type BacklogPoint = CockpitPeriod['backlog'][number];

function ComparePanel({
  title,
  rows,
  exportTable,
}: {
  title: string;
  rows: CompareRow[];
  exportTable: ExportTable;
}) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const columns: Column<CompareRow>[] = [
    { header: t('cockpit.col.label'), cell: (r) => r.label },
    { header: t('cockpit.col.current'), cell: (r) => f.number(r.current), numeric: true },
    { header: t('cockpit.col.previous'), cell: (r) => f.number(r.previous), numeric: true },
    {
      header: t('cockpit.col.change'),
      cell: (r) => (r.previous === 0 ? '—' : f.signedPercent((r.current - r.previous) / r.previous)),
      numeric: true,
    },
  ];
  return (
    <ChartPanel
      title={title}
      exportTable={exportTable}
      isEmpty={rows.length === 0}
      emptyText={t('cockpit.period.noTickets')}
      chart={<CompareBarChart rows={rows} />}
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

/** Figures over the chosen period, each beside the previous period of the same length. */
export function PeriodSection({ data, headingId }: { data: CockpitPeriod; headingId: string }) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const label = useCockpitLabels();
  const kpisTitle = t('cockpit.period.kpis');

  const byChannel = data.byChannel.map((r) => ({ ...r, label: label.channel(r.key, r.label) }));
  const bySiteKind = data.bySiteKind.map((r) => ({ ...r, label: label.siteKind(r.key, r.label) }));
  const backlogTitle = t('cockpit.period.backlog');
  const backlogColumns: Column<BacklogPoint>[] = [
    { header: t('cockpit.col.date'), cell: (p) => <time dateTime={p.date}>{f.fullDay(p.date)}</time> },
    { header: t('cockpit.col.open'), cell: (p) => f.number(p.open), numeric: true },
  ];
  const answers = data.satisfactionCount.current ?? 0;
  const satisfactionText =
    answers === 0
      ? t('cockpit.period.satisfactionNone')
      : t('cockpit.period.satisfactionCount', { count: answers, formatted: f.number(answers) });

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} fz="h3" id={headingId}>
        {t('cockpit.period.title', { from: f.fullDay(data.period.from), to: f.fullDay(data.period.to) })}
      </Title>
      <Text size="sm" c="dark.4">
        {t('cockpit.period.comparedWith', {
          from: f.fullDay(data.previous.from),
          to: f.fullDay(data.previous.to),
        })}
      </Text>

      <Group justify="space-between" align="center" gap="xs">
        <Title order={3} fz="md">
          {kpisTitle}
        </Title>
        <ExportLinks table="kpis" title={kpisTitle} />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm">
        {periodKpiKeys.map((kpi) => (
          <KpiCard
            key={kpi}
            kpi={kpi}
            value={data.kpis[kpi]}
            extra={kpi === 'satisfaction_mean' ? satisfactionText : undefined}
          />
        ))}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <ComparePanel title={t('cockpit.period.byChannel')} rows={byChannel} exportTable="byChannel" />
        <ComparePanel
          title={t('cockpit.period.byCategory')}
          rows={data.byCategory}
          exportTable="byCategory"
        />
        <ComparePanel title={t('cockpit.period.byEntity')} rows={data.byEntity} exportTable="byEntity" />
        <ComparePanel title={t('cockpit.period.bySiteKind')} rows={bySiteKind} exportTable="bySiteKind" />
      </SimpleGrid>

      <ChartPanel
        title={backlogTitle}
        exportTable="backlog"
        isEmpty={data.backlog.length === 0}
        chart={<BacklogChart points={data.backlog} />}
        table={(id) => (
          <DataTable
            id={id}
            caption={backlogTitle}
            columns={backlogColumns}
            rows={data.backlog}
            rowKey={(p) => p.date}
            empty={t('cockpit.empty')}
          />
        )}
      />
    </Stack>
  );
}
