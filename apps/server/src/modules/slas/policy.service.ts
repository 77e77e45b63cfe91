import type { SlaPolicy, slaPolicyInputSchema } from '@guichet/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { categories, entities, groups } from '../directory/index.js';
import type { SlaCatalog } from './sla.catalog.js';
import { businessCalendars, slaPolicies, ticketSlas } from './sla.table.js';

type PolicyInput = z.output<typeof slaPolicyInputSchema>;

/** Service levels (SLA), operational levels (OLA) and underpinning contracts (UC). */
export function createPolicyService({ db, catalog }: { db: Db; catalog: SlaCatalog }) {
  const requireStaff = (actor: Actor) => {
    if (!actor.isStaff) throw forbidden('Service levels are for support staff');
  };
  const requireAdmin = (actor: Actor) => {
    if (!actor.isAdmin) throw forbidden('Only administrators manage service levels');
  };

  async function names(
    tx: DbOrTx,
    table: typeof entities | typeof groups | typeof categories,
    ids: number[],
  ) {
    if (ids.length === 0) return new Map<number, string>();
    const rows = await tx
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(inArray(table.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function present(tx: DbOrTx, ids?: number[]): Promise<SlaPolicy[]> {
    const rows = await tx
      .select()
      .from(slaPolicies)
      .where(ids ? inArray(slaPolicies.id, ids) : undefined)
      .orderBy(slaPolicies.kind, slaPolicies.name, slaPolicies.id);
    const groupIds = rows.flatMap((r) => [r.groupId, ...r.escalations.map((e) => e.reassignGroupId)]);
    const [entityNames, groupNames, categoryNames, calendars] = await Promise.all([
      names(
        tx,
        entities,
        rows.flatMap((r) => (r.entityId ? [r.entityId] : [])),
      ),
      names(
        tx,
        groups,
        groupIds.filter((g): g is number => g !== null),
      ),
      names(
        tx,
        categories,
        rows.flatMap((r) => (r.categoryId ? [r.categoryId] : [])),
      ),
      tx.select({ id: businessCalendars.id, name: businessCalendars.name }).from(businessCalendars),
    ]);
    const ref = (id: number | null, from: Map<number, string>) =>
      id !== null && from.has(id) ? { id, name: from.get(id) ?? '' } : null;
    const calendarNames = new Map(calendars.map((c) => [c.id, c.name]));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      active: r.active,
      ticketType: r.ticketType,
      entity: ref(r.entityId, entityNames),
      category: ref(r.categoryId, categoryNames),
      group: ref(r.groupId, groupNames),
      calendar: ref(r.calendarId, calendarNames),
      targets: [...r.targets].sort((a, b) => a.priority - b.priority),
      warnPercent: r.warnPercent,
      pauseOn: r.pauseOn,
      escalations: r.escalations.map(({ reassignGroupId, ...e }) => ({
        ...e,
        reassignGroup: ref(reassignGroupId, groupNames),
      })),
      version: r.version,
    }));
  }

  /** Every reference must exist (and an entity be within the admin's scope). */
  async function checkReferences(tx: DbOrTx, actor: Actor, p: PolicyInput) {
    const exists = async (table: typeof entities | typeof groups | typeof categories, id: number) =>
      (await tx.select({ id: table.id }).from(table).where(eq(table.id, id))).length > 0;
    if (p.entityId && (!(await exists(entities, p.entityId)) || !inScope(actor.scope, p.entityId))) {
      throw invalid('entityId', 'unknown entity');
    }
    if (p.categoryId && !(await exists(categories, p.categoryId)))
      throw invalid('categoryId', 'unknown category');
    if (p.groupId && !(await exists(groups, p.groupId))) throw invalid('groupId', 'unknown group');
    if (p.calendarId) {
      const [cal] = await tx
        .select({ id: businessCalendars.id })
        .from(businessCalendars)
        .where(eq(businessCalendars.id, p.calendarId));
      if (!cal) throw invalid('calendarId', 'unknown calendar');
    }
    for (const [i, e] of p.escalations.entries()) {
      if (e.reassignGroupId && !(await exists(groups, e.reassignGroupId))) {
        throw invalid(`escalations.${i}.reassignGroupId`, 'unknown group');
      }
      if (!e.notifyCoordinators && !e.reassignGroupId && !e.raisePriority) {
        throw invalid(`escalations.${i}`, 'an escalation must notify, reassign or raise the priority');
      }
    }
  }

  const fields = (p: PolicyInput) => ({
    name: p.name,
    kind: p.kind,
    active: p.active,
    ticketType: p.ticketType,
    entityId: p.entityId,
    categoryId: p.categoryId,
    groupId: p.kind === 'sla' ? null : p.groupId,
    calendarId: p.calendarId,
    targets: p.targets,
    warnPercent: p.warnPercent,
    pauseOn: [...new Set(p.pauseOn)],
    escalations: p.escalations,
  });

  return {
    async list(actor: Actor) {
      requireStaff(actor);
      return present(db);
    },

    async get(actor: Actor, id: number): Promise<SlaPolicy> {
      requireStaff(actor);
      const [found] = await present(db, [id]);
      if (!found) throw notFound('Service level');
      return found;
    },

    async create(actor: Actor, input: PolicyInput): Promise<SlaPolicy> {
      requireAdmin(actor);
      const id = await db.transaction(async (tx) => {
        await checkReferences(tx, actor, input);
        const [row] = await tx.insert(slaPolicies).values(fields(input)).returning({ id: slaPolicies.id });
        if (!row) throw new Error('policy insert returned nothing');
        await audit(tx, {
          actorId: actor.personId,
          action: 'sla_policy.create',
          targetType: 'sla_policy',
          targetId: row.id,
          entityId: input.entityId,
          details: { name: input.name, kind: input.kind },
        });
        return row.id;
      });
      catalog.invalidate();
      return this.get(actor, id);
    },

    /** Applies to tickets opened from now on; clocks already running keep their targets until the priority changes. */
    async update(actor: Actor, id: number, input: PolicyInput & { version?: number }): Promise<SlaPolicy> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const [current] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
        if (!current) throw notFound('Service level');
        if (input.version !== undefined && input.version !== current.version) {
          throw new AppError(
            'stale_version',
            `The service level is at version ${current.version}, you sent ${input.version}`,
            {
              currentVersion: current.version,
            },
          );
        }
        await checkReferences(tx, actor, input);
        await tx
          .update(slaPolicies)
          .set({ ...fields(input), version: current.version + 1, updatedAt: new Date() })
          .where(eq(slaPolicies.id, id));
        await audit(tx, {
          actorId: actor.personId,
          action: 'sla_policy.update',
          targetType: 'sla_policy',
          targetId: id,
          entityId: input.entityId,
          details: { name: input.name },
        });
      });
      catalog.invalidate();
      return this.get(actor, id);
    },

    async remove(actor: Actor, id: number): Promise<void> {
      requireAdmin(actor);
      await db.transaction(async (tx) => {
        const [current] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
        if (!current) throw notFound('Service level');
        const [used] = await tx
          .select({ id: ticketSlas.id })
          .from(ticketSlas)
          .where(eq(ticketSlas.policyId, id))
          .limit(1);
        if (used) throw conflict('Tickets have clocks on this service level: deactivate it instead');
        await tx.delete(slaPolicies).where(eq(slaPolicies.id, id));
        await audit(tx, {
          actorId: actor.personId,
          action: 'sla_policy.delete',
          targetType: 'sla_policy',
          targetId: id,
          details: { name: current.name },
        });
      });
      catalog.invalidate();
    },
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;
