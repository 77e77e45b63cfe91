import type { KpiValue } from '@guichet/contracts';
import { Group, Paper, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type CockpitFormat, useCockpitFormat } from './cockpitFormat';
import { type PeriodKpi, periodKpis, type Variation, variation } from './kpis';

export function formatKpi(f: CockpitFormat, kpi: PeriodKpi, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (periodKpis[kpi].unit) {
    case 'count':
      return f.number(value);
    case 'rate':
      return f.rate(value);
    case 'minutes':
      return f.minutes(value);
    case 'score':
      return f.decimal(value);
  }
}

const judgementColour = { better: 'teal.9', worse: 'red.9', neutral: 'dark.6' } as const;

/** The change in words, e.g. « +12 % par rapport à la période précédente (amélioration) ». */
export function useVariationText() {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  return (v: Variation): string => {
    if (v.kind === 'none') return t('cockpit.variation.none');
    if (v.kind === 'same') return t('cockpit.variation.same');
    const amount =
      v.measure === 'relative'
        ? f.signedPercent(v.amount)
        : v.measure === 'points'
          ? t('cockpit.variation.points', { value: f.signedDecimal(v.amount) })
          : f.signedDecimal(v.amount);
    const change = t('cockpit.variation.change', { value: amount });
    return v.judgement === 'neutral' ? change : `${change} ${t(`cockpit.variation.${v.judgement}`)}`;
  };
}

/** A period figure with the previous period's and the change, judged when the KPI has a good direction. */
export function KpiCard({
  kpi,
  value,
  extra,
}: {
  kpi: PeriodKpi;
  value: KpiValue | undefined;
  extra?: string;
}) {
  const { t } = useTranslation();
  const f = useCockpitFormat();
  const variationText = useVariationText();
  const v = variation(kpi, value);
  const Arrow =
    v.kind !== 'change' ? IconArrowRight : v.direction === 'up' ? IconArrowUpRight : IconArrowDownRight;
  const colour = v.kind === 'change' ? judgementColour[v.judgement] : 'dark.4';
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      className="cockpit-card"
      data-judgement={v.kind === 'change' ? v.judgement : undefined}
    >
      <dl className="cockpit-stat">
        <Text component="dt" size="sm" c="dark.4" fw={500}>
          {t(`cockpit.kpi.${kpi}`)}
        </Text>
        <Text component="dd" fz={26} fw={700} className="cockpit-figure">
          {formatKpi(f, kpi, value?.current)}
        </Text>
        {extra && (
          <Text component="dd" size="xs" c="dark.4">
            {extra}
          </Text>
        )}
        <Text component="dd" size="xs" c="dark.4">
          {t('cockpit.previousValue', { value: formatKpi(f, kpi, value?.previous) })}
        </Text>
        <Text component="dd" size="xs" c={colour} fw={600}>
          <Group gap={4} wrap="nowrap" align="flex-start" component="span">
            <Arrow size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <span>{variationText(v)}</span>
          </Group>
        </Text>
      </dl>
    </Paper>
  );
}
