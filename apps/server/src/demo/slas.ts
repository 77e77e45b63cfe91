import type { PendingReason } from '@guichet/contracts';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import {
  backfillClocks,
  businessCalendars,
  type EscalationRule,
  entityCalendars,
  type SlaTarget,
  slaPolicies,
} from '../modules/slas/index.js';
import type { DirectoryPlan } from './plan.js';

const weekdays = (slots: { start: string; end: string }[], saturday?: { start: string; end: string }[]) => ({
  ...Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, slots])),
  ...(saturday ? { 6: saturday } : {}),
});

/** the desk's clocks stop while it waits on the requester, a third party or a planned change */
const waiting: PendingReason[] = ['requester', 'third_party', 'change'];

/** priority 1 … 5: time to take into account and to resolve, in business minutes */
const targets = (rows: [number, number][]): SlaTarget[] =>
  rows.map(([responseMinutes, resolutionMinutes], i) => ({
    priority: i + 1,
    responseMinutes,
    resolutionMinutes,
  }));

/**
 * The service levels of the pooled desk: the office-hours calendar (created by the migration) for
 * requesters, a 24/7 one for the call centres, the town halls' opening hours for a few communes;
 * SLAs for incidents and requests, OLAs for the N1 desks, contracts for the contractor's groups.
 */
export async function writeServiceLevels(tx: DbOrTx, d: DirectoryPlan, now: Date): Promise<number> {
  const [office] = await tx.select().from(businessCalendars).where(eq(businessCalendars.isDefault, true));
  if (!office) throw new Error('the default calendar is missing');
  const [always, townHalls] = await tx
    .insert(businessCalendars)
    .values([
      {
        name: 'Centre de services 24/7',
        timeZone: 'Europe/Paris',
        weekly: null,
        publicHolidays: false,
        closedDates: [],
      },
      {
        name: 'Horaires des mairies',
        timeZone: 'Europe/Paris',
        weekly: weekdays(
          [
            { start: '08:30', end: '12:30' },
            { start: '13:30', end: '17:30' },
          ],
          [{ start: '09:00', end: '12:00' }],
        ),
        publicHolidays: true,
        closedDates: [`${now.getFullYear()}-12-24`, `${now.getFullYear()}-12-31`],
      },
    ])
    .returning();
  if (!always || !townHalls) throw new Error('calendar insert returned nothing');
  const communes = ['Bègles', 'Talence', 'Villenave-d’Ornon'].flatMap((n) => {
    const c = d.communes.get(n);
    return c ? [c] : [];
  });
  if (communes.length) {
    await tx
      .insert(entityCalendars)
      .values(communes.map((c) => ({ entityId: c.id, calendarId: townHalls.id })));
  }
  const notify = (percent: number): EscalationRule => ({
    metric: 'resolution',
    percent,
    notifyCoordinators: true,
    reassignGroupId: null,
    raisePriority: false,
  });
  const g = d.named;
  await tx.insert(slaPolicies).values([
    {
      name: 'SLA Métropole – incidents',
      kind: 'sla',
      ticketType: 'incident',
      entityId: d.root.id,
      targets: targets([
        [15, 240],
        [30, 480],
        [60, 960],
        [240, 2_400],
        [480, 4_800],
      ]),
      warnPercent: 75,
      pauseOn: waiting,
      // the breach itself tells the coordinators; half as late again raises the priority
      escalations: [{ ...notify(150), raisePriority: true }],
    },
    {
      name: 'SLA Métropole – demandes',
      kind: 'sla',
      ticketType: 'request',
      entityId: d.root.id,
      targets: targets([
        [60, 960],
        [120, 1_440],
        [240, 2_400],
        [480, 4_800],
        [960, 9_600],
      ]),
      warnPercent: 75,
      pauseOn: waiting,
      escalations: [],
    },
    ...[g.deskA, g.deskB].map((desk) => ({
      name: `OLA ${desk.name}`,
      kind: 'ola' as const,
      groupId: desk.id,
      calendarId: always.id,
      targets: targets([
        [5, 60],
        [10, 120],
        [15, 240],
        [30, 480],
        [60, 960],
      ]),
      warnPercent: 75,
      pauseOn: waiting,
      escalations: [],
    })),
    ...[g.onsite, g.servers].map((team) => ({
      name: `Contrat ${team.name}`,
      kind: 'uc' as const,
      groupId: team.id,
      targets: targets([
        [30, 240],
        [60, 480],
        [120, 960],
        [240, 2_400],
        [480, 4_800],
      ]),
      warnPercent: 80,
      pauseOn: waiting,
      escalations: [{ ...notify(100), reassignGroupId: g.systems.id }],
    })),
  ]);
  return backfillClocks(tx, now);
}
