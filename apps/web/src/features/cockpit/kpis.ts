import type { KpiKey, KpiValue } from '@guichet/contracts';
import { rateToFraction } from './cockpitFormat';

/** The period figures shown as cards (backlog is a series, drawn as a chart). */
export type PeriodKpi = Exclude<KpiKey, 'backlog'>;

type KpiUnit = 'count' | 'rate' | 'minutes' | 'score';

interface KpiDefinition {
  unit: KpiUnit;
  /** which way is an improvement; null when a change is neither good nor bad (volume) */
  better: 'up' | 'down' | null;
}

export const periodKpis: Record<PeriodKpi, KpiDefinition> = {
  volume: { unit: 'count', better: null },
  first_contact_resolution_rate: { unit: 'rate', better: 'up' },
  first_response_mean_minutes: { unit: 'minutes', better: 'down' },
  first_response_p90_minutes: { unit: 'minutes', better: 'down' },
  resolution_mean_minutes: { unit: 'minutes', better: 'down' },
  resolution_p90_minutes: { unit: 'minutes', better: 'down' },
  sla_compliance_rate: { unit: 'rate', better: 'up' },
  reopen_rate: { unit: 'rate', better: 'down' },
  satisfaction_mean: { unit: 'score', better: 'up' },
};

export const periodKpiKeys = Object.keys(periodKpis) as PeriodKpi[];

/**
 * How a figure moved against the previous period. Rates compare in percentage points (from 40 % to
 * 44 % is +4 points, not +10 %); satisfaction scores by their difference on the 1–5 scale; counts
 * and durations relative to the previous value.
 */
export type Variation =
  | { kind: 'none' }
  | { kind: 'same' }
  | {
      kind: 'change';
      direction: 'up' | 'down';
      measure: 'relative' | 'points' | 'difference';
      /** a fraction for `relative`, percentage points for `points`, score units for `difference` */
      amount: number;
      judgement: 'better' | 'worse' | 'neutral';
    };

export function variation(kpi: PeriodKpi, value: KpiValue | undefined): Variation {
  const current = value?.current ?? null;
  const previous = value?.previous ?? null;
  if (current === null || previous === null) return { kind: 'none' };
  const { unit, better } = periodKpis[kpi];
  let amount: number;
  let measure: 'relative' | 'points' | 'difference';
  if (unit === 'rate') {
    amount = (rateToFraction(current) - rateToFraction(previous)) * 100;
    measure = 'points';
  } else if (unit === 'score') {
    amount = current - previous;
    measure = 'difference';
  } else {
    if (previous === 0) return current === 0 ? { kind: 'same' } : { kind: 'none' };
    amount = (current - previous) / previous;
    measure = 'relative';
  }
  // below what the formats show, a change is no change
  const shown = measure === 'relative' ? Math.round(amount * 100) : Math.round(amount * 10);
  if (shown === 0) return { kind: 'same' };
  const direction = amount > 0 ? 'up' : 'down';
  const judgement = better === null ? 'neutral' : better === direction ? 'better' : 'worse';
  return { kind: 'change', direction, measure, amount, judgement };
}
