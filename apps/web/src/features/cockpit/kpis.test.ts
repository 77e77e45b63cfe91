import { describe, expect, it } from 'vitest';
import { variation } from './kpis';

describe('KPI variation against the previous period', () => {
  it('judges a change by the KPI’s good direction', () => {
    expect(variation('first_contact_resolution_rate', { current: 0.44, previous: 0.4 })).toMatchObject({
      kind: 'change',
      direction: 'up',
      measure: 'points',
      judgement: 'better',
    });
    expect(variation('resolution_mean_minutes', { current: 120, previous: 100 })).toMatchObject({
      direction: 'up',
      measure: 'relative',
      amount: 0.2,
      judgement: 'worse',
    });
    expect(variation('reopen_rate', { current: 0.02, previous: 0.05 })).toMatchObject({
      judgement: 'better',
    });
    // more tickets is neither good nor bad
    expect(variation('volume', { current: 110, previous: 100 })).toMatchObject({ judgement: 'neutral' });
  });

  it('compares rates in points and scores by their difference', () => {
    const rate = variation('sla_compliance_rate', { current: 0.91, previous: 0.93 });
    expect(rate.kind === 'change' && rate.amount).toBeCloseTo(-2);
    const score = variation('satisfaction_mean', { current: 4.3, previous: 4.1 });
    expect(score).toMatchObject({ measure: 'difference', judgement: 'better' });
    expect(score.kind === 'change' && score.amount).toBeCloseTo(0.2);
  });

  it('has nothing to compare without both figures or from zero', () => {
    expect(variation('satisfaction_mean', { current: 4, previous: null })).toEqual({ kind: 'none' });
    expect(variation('volume', { current: 5, previous: 0 })).toEqual({ kind: 'none' });
    expect(variation('volume', { current: 0, previous: 0 })).toEqual({ kind: 'same' });
    expect(variation('volume', undefined)).toEqual({ kind: 'none' });
  });

  it('calls a change too small to show stable', () => {
    expect(variation('volume', { current: 1001, previous: 1000 })).toEqual({ kind: 'same' });
    expect(variation('reopen_rate', { current: 0.0501, previous: 0.05 })).toEqual({ kind: 'same' });
  });
});
