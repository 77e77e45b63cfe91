import type { Calendar, calendarInputSchema, calendarPreviewSchema } from '@guichet/contracts';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { entities } from '../directory/index.js';
import { addBusinessMinutes, type BusinessCalendar, calendarProblems } from './business-calendar.js';
import type { SlaCatalog } from './sla.catalog.js';
import type { CalendarRecalculation } from './sla.recalculation.js';
import { businessCalendars, entityCalendars, slaPolicies, ticketSlas } from './sla.table.js';

type CalendarInput = z.output<typeof calendarInputSchema>;
type PreviewInput = z.output<typeof calendarPreviewSchema>;

const asBusinessCalendar = (
  c: Pick<CalendarInput, 'timeZone' | 'weekly' | 'publicHolidays' | 'closedDates'>,
) =>
  ({
    timeZone: c.timeZone,
    weekly: c.weekly as BusinessCalendar['weekly'],
    publicHolidays: c.publicHolidays,
    closedDates: c.closedDates,
  }) satisfies BusinessCalendar;

/** Overlapping or impossible hours, unknown time zones: every problem at once, with its field. */
function checkCalendar(c: CalendarInput | PreviewInput['calendar'], prefix = '') {
  const problems = calendarProblems(asBusinessCalendar(c));
  if (problems.length) {
    throw new AppError('validation_failed', problems[0]?.message ?? 'invalid calendar', {
      errors: problems.map((p) => ({ path: prefix + p.path, message: p.message })),
    });
  }
}

export interface CalendarServiceDeps {
  db: Db;
  catalog: SlaCatalog;
  recalculation: CalendarRecalculation;
}

export function createCalendarService({ db, catalog, recalculation }: CalendarServiceDeps) {
  const requireStaff = (actor: Actor) => {
    if (!actor.isStaff) throw forbidden('Service levels are for support staff');
  };
  const requireAdmin = (actor: Actor) => {
    if (!actor.isAdmin) throw forbidden('Only administrators manage calendars');
  };

  async function present(tx: DbOrTx, ids?: number[]): Promise<Calendar[]> {
    const rows = await tx
      .select()
      .from(businessCalendars)
      .where(ids ? inArray(businessCalendars.id, ids) : undefined)
      .orderBy(businessCalendars.name, businessCalendars.id);
    const links = await tx
      .select({ calendarId: entityCalendars.calendarId, id: entities.id, name: entities.name })
      .from(entityCalendars)
      .innerJoin(entities, eq(entities.id, entityCalendars.entityId))
      .orderBy(entities.path);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      timeZone: r.timeZone,
      weekly: r.weekly,
      publicHolidays: r.publicHolidays,
      closedDates: r.closedDates,
      entities: links.filter((l) => l.calendarId === r.id).map(({ id, name }) => ({ id, name })),
      isDefault: r.isDefault,
      version: r.version,
    }));
  }

  async function checkEntities(tx: DbOrTx, actor: Actor, ids: number[]) {
    if (ids.length === 0) return;
    const found = await tx.select({ id: entities.id }).from(entities).where(inArray(entities.id, ids));
    for (const [i, id] of ids.entries()) {
      if (!found.some((f) => f.id === id) || !inScope(actor.scope, id)) {
        throw invalid(`entityIds.${i}`, 'unknown entity');
      }
    }
  }

  /** The entities given use this calendar from now on (an entity has one calendar). */
  async function linkEntities(tx: DbOrTx, calendarId: number, entityIds: number[]) {
    await tx.delete(entityCalendars).where(eq(entityCalendars.calendarId, calendarId));
    if (entityIds.length === 0) return;
    await tx
      .insert(entityCalendars)
      .values([...new Set(entityIds)].map((entityId) => ({ entityId, calendarId })))
      .onConflictDoUpdate({ target: entityCalendars.entityId, set: { calendarId } });
  }

  async function makeDefault(tx: DbOrTx, calendarId: number) {
    await tx
      .update(businessCalendars)
      .set({ isDefault: false })
      .where(and(eq(businessCalendars.isDefault, true), ne(businessCalendars.id, calendarId)));
    await tx.update(businessCalendars).set({ isDefault: true }).where(eq(businessCalendars.id, calendarId));
  }

  const fields = (input: CalendarInput) => ({
    name: input.name,
    timeZone: input.timeZone,
    weekly: input.weekly,
    publicHolidays: input.publicHolidays,
    closedDates: [...new Set(input.closedDates)].sort(),
  });

  return {
    async list(actor: Actor) {
      requireStaff(actor);
      return present(db);
    },

    async get(actor: Actor, id: number): Promise<Calendar> {
      requireStaff(actor);
      const [found] = await present(db, [id]);
      if (!found) throw notFound('Calendar');
      return found;
    },

    async create(actor: Actor, input: CalendarInput): Promise<Calendar> {
      requireAdmin(actor);
      checkCalendar(input);
      const id = await db.transaction(async (tx) => {
        await checkEntities(tx, actor, input.entityIds);
        const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(businessCalendars);
        const [row] = await tx.insert(businessCalendars).values(fields(input)).returning();
        if (!row) throw new Error('calendar insert returned nothing');
        // the first calendar is the default one: tickets always have a calendar to count on
        if (input.isDefault || n === 0) await makeDefault(tx, row.id);
        await linkEntities(tx, row.id, input.entityIds);
        await audit(tx, {
          actorId: actor.personId,
          action: 'calendar.create',
          targetType: 'calendar',
          targetId: row.id,
          details: { name: row.name },
        });
        return row.id;
      });
      catalog.invalidate();
      return this.get(actor, id);
    },

    async update(actor: Actor, id: number, input: CalendarInput & { version?: number }): Promise<Calendar> {
      requireAdmin(actor);
      checkCalendar(input);
      await db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(businessCalendars)
          .where(eq(businessCalendars.id, id))
          .for('update');
        if (!current) throw notFound('Calendar');
        if (input.version !== undefined && input.version !== current.version) {
          throw new AppError(
            'stale_version',
            `The calendar is at version ${current.version}, you sent ${input.version}`,
            {
              currentVersion: current.version,
            },
          );
        }
        if (current.isDefault && !input.isDefault) {
          throw invalid('isDefault', 'make another calendar the default one first');
        }
        await checkEntities(tx, actor, input.entityIds);
        await tx
          .update(businessCalendars)
          .set({ ...fields(input), version: current.version + 1, updatedAt: new Date() })
          .where(eq(businessCalendars.id, id));
        if (input.isDefault && !current.isDefault) await makeDefault(tx, id);
        await linkEntities(tx, id, input.entityIds);
        await audit(tx, {
          actorId: actor.personId,
          action: 'calendar.update',
          targetType: 'calendar',
          targetId: id,
          details: { name: input.name },
        });
      });
      catalog.invalidate();
      // running clocks on this calendar get their due times from the new hours
      await recalculation.recalculate(id);
      return this.get(actor, id);
    },

    async remove(actor: Actor, id: number): Promise<void> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(businessCalendars)
          .where(eq(businessCalendars.id, id))
          .for('update');
        if (!current) throw notFound('Calendar');
        if (current.isDefault)
          throw conflict('The default calendar cannot be deleted; make another one the default first');
        const [usedByPolicy] = await tx
          .select({ id: slaPolicies.id })
          .from(slaPolicies)
          .where(eq(slaPolicies.calendarId, id))
          .limit(1);
        const [usedByClock] = await tx
          .select({ id: ticketSlas.id })
          .from(ticketSlas)
          .where(eq(ticketSlas.calendarId, id))
          .limit(1);
        if (usedByPolicy || usedByClock) {
          throw conflict(
            'This calendar is used by a service level or by ticket clocks; it cannot be deleted',
          );
        }
        await tx.delete(entityCalendars).where(eq(entityCalendars.calendarId, id));
        await tx.delete(businessCalendars).where(eq(businessCalendars.id, id));
        await audit(tx, {
          actorId: actor.personId,
          action: 'calendar.delete',
          targetType: 'calendar',
          targetId: id,
          details: { name: current.name },
        });
      });
      catalog.invalidate();
    },

    preview(input: PreviewInput): { dueAt: string } {
      checkCalendar(input.calendar, 'calendar.');
      try {
        const due = addBusinessMinutes(
          asBusinessCalendar(input.calendar),
          new Date(input.start),
          input.minutes,
        );
        return { dueAt: due.toISOString() };
      } catch (err) {
        if (err instanceof RangeError) throw invalid('calendar', err.message);
        throw err;
      }
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
