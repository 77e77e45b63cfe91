import { describe, expect, it } from 'vitest';
import { formatCell } from './monthly-report.tables.js';
import { monthOf, monthRange, shiftMonth } from './report-month.js';

describe('report cells as people read them', () => {
  it('writes rates, changes in points, times and scores in French and English', () => {
    expect(formatCell({ kind: 'rate', value: 0.875 }, 'fr-FR')).toBe('87,5\u00a0%');
    expect(formatCell({ kind: 'rate', value: 0.025, signed: true }, 'fr-FR')).toBe('+2,5\u00a0pt');
    expect(formatCell({ kind: 'rate', value: -0.5, signed: true }, 'en-GB')).toBe('-50\u00a0pt');
    expect(formatCell({ kind: 'minutes', value: 200 }, 'fr-FR')).toBe('3 h 20 min');
    expect(formatCell({ kind: 'minutes', value: -140, signed: true }, 'fr-FR')).toBe('-2 h 20 min');
    expect(formatCell({ kind: 'minutes', value: 42.5 }, 'fr-FR')).toBe('43 min');
    expect(formatCell({ kind: 'score', value: 4.214 }, 'en-GB')).toBe('4.21');
    expect(formatCell({ kind: 'count', value: 12, signed: true }, 'fr-FR')).toBe('+12');
    expect(formatCell({ kind: 'count', value: null }, 'fr-FR')).toBe('–');
  });
});

describe('report months', () => {
  it('gives a month its first and last days, across years and leap years', () => {
    expect(monthRange('2028-02')).toEqual({ month: '2028-02', from: '2028-02-01', to: '2028-02-29' });
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    // 1 April 00:30 in Paris is still 31 March in UTC
    expect(monthOf(new Date('2027-03-31T22:30:00Z'))).toBe('2027-04');
  });
});
