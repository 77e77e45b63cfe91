import { describe, expect, it } from 'vitest';
import { currentMonthInParis, monthProblem, shiftMonth } from './month';

describe('report months', () => {
  it('reads the month in Paris, where 1 April starts at 22:00 UTC the day before', () => {
    expect(currentMonthInParis(new Date('2027-03-31T22:30:00Z'))).toBe('2027-04');
    expect(currentMonthInParis(new Date('2027-03-31T21:30:00Z'))).toBe('2027-03');
  });

  it('moves across years and refuses malformed and future months', () => {
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(monthProblem('2027-13', '2027-04')).toBe('invalid');
    expect(monthProblem('2027-05', '2027-04')).toBe('future');
    expect(monthProblem('2027-04', '2027-04')).toBeNull();
  });
});
