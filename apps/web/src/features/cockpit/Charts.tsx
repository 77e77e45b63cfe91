import { BarChart, LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCockpitFormat } from './cockpitFormat';

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface CompareRow {
  key: string;
  label: string;
  current: number;
  previous: number;
}

// Bar height per category when categories run down the side: long names stay readable.
const ROW_HEIGHT = 28;
const chartHeight = (rows: number) => Math.max(140, Math.min(520, 48 + rows * ROW_HEIGHT));
const LABEL_WIDTH = 170;

/** Beyond this many categories a chart is unreadable: it draws the largest, the table has them all. */
const CHART_ROWS = 12;

function largest<Row>(rows: readonly Row[], size: (row: Row) => number): Row[] {
  return rows.length <= CHART_ROWS
    ? [...rows]
    : [...rows].sort((a, b) => size(b) - size(a)).slice(0, CHART_ROWS);
}

function TopOnlyNote({ total }: { total: number }) {
  const { t } = useTranslation();
  if (total <= CHART_ROWS) return null;
  return (
    <Text size="xs" c="dark.4">
      {t('cockpit.chartTopOnly', { count: CHART_ROWS, total })}
    </Text>
  );
}

/** One series of counts; categories down the side when their names are long (groups, entities). */
export function CountBarChart({ rows, sideways = false }: { rows: readonly CountRow[]; sideways?: boolean }) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const shown = largest(rows, (r) => r.count);
  return (
    <>
      <BarChart
        h={sideways ? chartHeight(shown.length) : 220}
        data={shown.map((r) => ({ label: r.label, count: r.count }))}
        dataKey="label"
        orientation={sideways ? 'vertical' : 'horizontal'}
        series={[{ name: 'count', label: t('cockpit.col.count'), color: 'blue.7' }]}
        valueFormatter={f.number}
        yAxisProps={sideways ? { width: LABEL_WIDTH } : { allowDecimals: false }}
        xAxisProps={sideways ? { allowDecimals: false } : undefined}
        gridAxis={sideways ? 'x' : 'y'}
        accessibilityLayer={false}
        tooltipAnimationDuration={0}
      />
      <TopOnlyNote total={rows.length} />
    </>
  );
}

/** The period beside the previous one, category by category. */
export function CompareBarChart({ rows }: { rows: readonly CompareRow[] }) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const shown = largest(rows, (r) => Math.max(r.current, r.previous));
  return (
    <>
      <BarChart
        h={chartHeight(shown.length * 1.6)}
        data={shown.map((r) => ({ label: r.label, current: r.current, previous: r.previous }))}
        dataKey="label"
        orientation="vertical"
        series={[
          { name: 'current', label: t('cockpit.col.current'), color: 'blue.7' },
          { name: 'previous', label: t('cockpit.col.previous'), color: 'gray.5' },
        ]}
        valueFormatter={f.number}
        yAxisProps={{ width: LABEL_WIDTH }}
        xAxisProps={{ allowDecimals: false }}
        gridAxis="x"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        accessibilityLayer={false}
        tooltipAnimationDuration={0}
      />
      <TopOnlyNote total={rows.length} />
    </>
  );
}

/** Open tickets at the end of each day. */
export function BacklogChart({ points }: { points: readonly { date: string; open: number }[] }) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  return (
    <LineChart
      h={240}
      data={points.map((p) => ({ day: f.day(p.date), open: p.open }))}
      dataKey="day"
      series={[{ name: 'open', label: t('cockpit.col.open'), color: 'blue.7' }]}
      valueFormatter={f.number}
      curveType="linear"
      withDots={points.length <= 31}
      yAxisProps={{ allowDecimals: false }}
      accessibilityLayer={false}
      tooltipAnimationDuration={0}
    />
  );
}
