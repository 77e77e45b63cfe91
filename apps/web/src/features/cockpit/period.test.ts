import { describe, expect, it } from 'vitest';
import { addDays, periodDays, periodProblem, presetPeriod, todayInParis } from './period';

describe('cockpit periods', () => {
  it('counts today in Paris, not in UTC', () => {
    // 23:30 UTC on 31 March is already 1 April in Paris (UTC+2 in summer time)
    expect(todayInParis(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(todayInParis(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });

  it('computes each preset from a given day', () => {
    const today = '2026-11-29';
    expect(presetPeriod('thisMonth', today)).toEqual({ from: '2026-11-01', to: '2026-11-29' });
    expect(presetPeriod('lastMonth', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('last7Days', today)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('last30Days', today)).toEqual({ from: '2026-10-31', to: '2026-11-29' });
    expect(presetPeriod('thisQuarter', today)).toEqual({ from: '2026-10-01', to: '2026-11-29' });
  });

  it('crosses years and daylight-saving changes without losing a day', () => {
    expect(presetPeriod('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('thisQuarter', '2027-03-31')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
    expect(periodDays({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
  });

  it('says what is wrong with a custom period', () => {
    expect(periodProblem({ from: '2026-11-01', to: '2026-11-30' })).toBeNull();
    expect(periodProblem({ from: '2026-11-01', to: '' })).toBe('invalid');
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('invalid');
    expect(periodProblem({ from: '2026-11-30', to: '2026-11-01' })).toBe('order');
    // the API's limit: at most 366 days between the two dates
    expect(periodProblem({ from: '2025-11-29', to: '2026-11-30' })).toBeNull();
    expect(periodProblem({ from: '2025-11-29', to: '2026-12-01' })).toBe('tooLong');
  });
});
