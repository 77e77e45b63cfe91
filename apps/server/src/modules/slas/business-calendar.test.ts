import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  calendarProblems,
} from './business-calendar.js';
import { easterSunday, frenchPublicHolidays } from './holidays.js';

const weekdays = (start: string, end: string) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start, end }]])) as BusinessCalendar['weekly'];
const office: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: weekdays('08:00', '18:00'),
  publicHolidays: true,
  closedDates: [],
};
const always: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  weekly: null,
  publicHolidays: false,
  closedDates: [],
};
/** a Paris wall-clock time as an instant */
const paris = (local: string) => {
  const d = new Date(`${local}:00Z`);
  const offset = local >= '2026-03-29T02:00' && local < '2026-10-25T03:00' ? 2 : 1;
  return new Date(d.getTime() - offset * 3_600_000);
};

describe('French public holidays', () => {
  it('computes Easter and the days that follow from it', () => {
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 });
    expect(easterSunday(2027)).toEqual({ month: 3, day: 28 });
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });
});

describe('business time', () => {
  it('carries a ticket opened Friday 17:55 with 4 business hours to Tuesday 11:55, over Easter Monday', () => {
    const due = addBusinessMinutes(office, paris('2026-04-03T17:55'), 240);
    expect(due).toEqual(paris('2026-04-07T11:55'));
  });

  it('starts counting at opening time when the ticket arrives at night', () => {
    expect(addBusinessMinutes(office, paris('2026-04-08T03:00'), 30)).toEqual(paris('2026-04-08T08:30'));
  });

  it('counts wall-clock hours across the spring and autumn daylight-saving changes', () => {
    // 24/7: four real hours from Saturday 22:00 reach 03:00 on Sunday in spring (02:00 does not exist)
    expect(addBusinessMinutes(always, paris('2026-03-28T22:00'), 240)).toEqual(
      new Date('2026-03-29T01:00:00Z'),
    );
    // office hours: Friday 17:00 + 2 h = Monday 09:00, on either side of the change
    expect(addBusinessMinutes(office, paris('2026-03-27T17:00'), 120)).toEqual(
      new Date('2026-03-30T07:00:00Z'),
    );
    expect(addBusinessMinutes(office, paris('2026-10-23T17:00'), 120)).toEqual(
      new Date('2026-10-26T08:00:00Z'),
    );
  });

  it('skips extra closed days and honours split opening hours', () => {
    const townHall: BusinessCalendar = {
      timeZone: 'Europe/Paris',
      weekly: Object.fromEntries(
        [1, 2, 3, 4, 5].map((d) => [
          d,
          [
            { start: '08:30', end: '12:00' },
            { start: '13:30', end: '17:00' },
          ],
        ]),
      ),
      publicHolidays: true,
      closedDates: ['2026-05-15'], // the bridge day after Ascension
    };
    // Wednesday 11:30 + 1 h: 30 min before lunch, 30 min after
    expect(addBusinessMinutes(townHall, paris('2026-05-13T11:30'), 60)).toEqual(paris('2026-05-13T14:00'));
    // Wednesday 16:30 + 1 h: Thursday is Ascension, Friday is closed: Monday 09:00
    expect(addBusinessMinutes(townHall, paris('2026-05-13T16:30'), 60)).toEqual(paris('2026-05-18T09:00'));
    expect(businessMinutesBetween(townHall, paris('2026-05-13T16:30'), paris('2026-05-18T09:00'))).toBe(60);
  });

  it('measures elapsed business minutes, for pauses and compliance', () => {
    expect(businessMinutesBetween(office, paris('2026-04-03T17:55'), paris('2026-04-07T11:55'))).toBe(240);
    expect(businessMinutesBetween(office, paris('2026-04-07T12:00'), paris('2026-04-07T11:00'))).toBe(0);
  });

  it('refuses negative targets', () => {
    expect(() => addBusinessMinutes(office, new Date(), -5)).toThrow(RangeError);
  });
});

describe('calendar validation', () => {
  it('reports overlapping or impossible hours, unknown time zones and never-open calendars', () => {
    const problems = calendarProblems({
      timeZone: 'Europe/Bordeaux',
      weekly: {
        1: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '14:00' },
        ],
        2: [{ start: '18:00', end: '08:00' }],
        3: [{ start: '25:00', end: '26:00' }],
      },
      publicHolidays: true,
      closedDates: ['2026-02-30'],
    });
    expect(problems.map((p) => p.path).sort()).toEqual(
      ['closedDates.0', 'timeZone', 'weekly.1.1', 'weekly.2.0', 'weekly.3.0'].sort(),
    );
    expect(calendarProblems({ ...office, weekly: {} }).map((p) => p.path)).toEqual(['weekly']);
    expect(calendarProblems(office)).toEqual([]);
  });
});
