import '@mantine/charts/styles.css';
import type { KpiKey } from '@guichet/contracts';
import { Sparkline } from '@mantine/charts';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useKpiTrend } from './api';

const monthLabel = (month: string, lng: 'fr' | 'en') =>
  new Intl.DateTimeFormat(lng === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));

/**
 * A KPI's six-month trend next to an action: a sparkline for the eye (hidden from assistive
 * technologies), the first and last values in text, and the monthly values in a table that screen
 * readers read. While the cockpit endpoint is missing or failing, « Tendance indisponible ».
 */
export function KpiTrend({ kpi, entityId }: { kpi: KpiKey; entityId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const trend = useKpiTrend(kpi, entityId);
  if (trend.isPending) {
    return (
      <Text size="xs" c="dimmed">
        {t('improvement.trendLoading')}
      </Text>
    );
  }
  const points = trend.data?.points ?? [];
  const known = points.filter((p) => p.value !== null);
  if (trend.error || known.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('improvement.trendUnavailable')}
      </Text>
    );
  }
  const show = (v: number | null) =>
    v === null ? t('improvement.trendNoValue') : f.number(Math.round(v * 10) / 10);
  const first = known[0]?.value ?? null;
  const last = known.at(-1)?.value ?? null;
  return (
    <Group gap="xs" wrap="nowrap">
      <div aria-hidden>
        <Sparkline
          w={90}
          h={28}
          data={points.map((p) => p.value)}
          connectNulls
          curveType="linear"
          color="blue"
          fillOpacity={0.3}
          strokeWidth={2}
        />
      </div>
      <Text size="xs" aria-hidden>
        {t('improvement.trendSummary', { first: show(first), last: show(last) })}
      </Text>
      <table className="visually-hidden">
        <caption>{t('improvement.trendCaption', { kpi: t(`improvement.kpi.${kpi}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('improvement.trendMonth')}</th>
            <th scope="col">{t('improvement.trendValue')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.month}>
              <th scope="row">{monthLabel(p.month, f.lng)}</th>
              <td>{show(p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Group>
  );
}
