import type {
  Ticket,
  TicketListParams,
  TicketStatus,
  TicketUpdate,
  ticketCreateSchema,
} from '@guichet/contracts';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { prepareIdempotencyLookup } from '../../platform/http/idempotency.js';
import { categoryExists, preparePersonLookup, readSettings } from '../directory/index.js';
import { priorityOf } from './priority.js';
import { noClocks } from './ticket.clocks.js';
import { createTicketCore, type TicketServiceDeps } from './ticket.core.js';
import { canTransition, statusAfterAssignment, transitionProblem } from './ticket.lifecycle.js';
import { toEvent, toSummary } from './ticket.mapper.js';
import { ticketPolicy } from './ticket.policy.js';
import * as repo from './ticket.repository.js';
import { ticketComments, tickets } from './ticket.table.js';
import { createTicketGrouping } from './ticket-grouping.service.js';
import { createTicketRelations } from './ticket-relations.service.js';

type CreateInput = z.output<typeof ticketCreateSchema>;

type TicketRecord = typeof tickets.$inferSelect;
/** history fields requesters do not see: the configuration items the desk linked */
const STAFF_ONLY_FIELDS = ['item'];
type Changes = Record<string, { from: unknown; to: unknown }>;

export type { TicketServiceDeps };

export function createTicketService(deps: TicketServiceDeps) {
  const { db, clock } = deps;
  const clocks = deps.clocks ?? noClocks;
  const core = createTicketCore(deps);
  const { record, checkGroupAndAssignee, checkSite, loadDetail, present, lockVisible } = core;
  const personById = preparePersonLookup(db);
  const findIdempotent = prepareIdempotencyLookup(db);
  return {
    ...createTicketRelations(core, deps),
    ...createTicketGrouping(core, deps),
    /** Creates a ticket; with an Idempotency-Key, a retry gets the first ticket back (`replayed`). */
    async create(
      actor: Actor,
      input: CreateInput,
      idempotencyKey?: string,
    ): Promise<{ ticket: Ticket; replayed: boolean }> {
      const replay = async () => {
        const prior = idempotencyKey ? await findIdempotent(actor.personId, idempotencyKey) : null;
        return prior ? { ticket: await loadDetail(db, actor, prior), replayed: true } : null;
      };
      const staff = actor.isStaff;
      if (!staff && (input.groupId || input.assigneeId || input.resolveNow)) {
        throw forbidden('Only support staff can assign or resolve a ticket');
      }
      // References are checked first (reads); the creation itself is then one atomic statement.
      const requesterId = input.requesterId ?? actor.personId;
      const [requester] = await personById.execute({ id: requesterId });
      const requesterVisible =
        requester && (requesterId === actor.personId || (staff && inScope(actor.scope, requester.entityId)));
      if (!requester || !requesterVisible) throw invalid('requesterId', 'unknown requester');
      if (!requester.active) throw invalid('requesterId', 'this requester is inactive');
      const entityId = requester.entityId;
      const siteId = input.siteId === undefined ? requester.siteId : input.siteId;
      if (input.siteId) await checkSite(db, actor, input.siteId, entityId, requester.siteId);
      if (input.categoryId && !(await categoryExists(db, input.categoryId))) {
        throw invalid('categoryId', 'unknown category');
      }
      const assigneeId = input.resolveNow ? (input.assigneeId ?? actor.personId) : (input.assigneeId ?? null);
      await checkGroupAndAssignee(db, actor, entityId, input.groupId, input.assigneeId);
      const settings = await readSettings(db);
      const channel = input.channel ?? (staff && requesterId !== actor.personId ? 'phone' : 'portal');
      if (!staff && (channel === 'phone' || channel === 'walk_in')) {
        throw invalid('channel', 'requesters declare tickets from the portal or by e-mail');
      }
      const now = clock.now();
      const status: TicketStatus = input.resolveNow ? 'resolved' : assigneeId ? 'assigned' : 'new';
      const priority = priorityOf(settings.priorityMatrix, input.impact, input.urgency);
      const queue = await clocks.queueColumns(
        db,
        {
          type: input.type,
          status,
          pendingReason: null,
          entityId,
          categoryId: input.categoryId ?? null,
          groupId: input.groupId ?? null,
          assigneeId,
          priority,
        },
        now,
      );
      const values = {
        type: input.type,
        title: input.title,
        description: input.description,
        status,
        channel,
        categoryId: input.categoryId ?? null,
        impact: input.impact,
        urgency: input.urgency,
        priority,
        entityId,
        requesterId,
        siteId: siteId ?? null,
        groupId: input.groupId ?? null,
        assigneeId,
        resolutionCode: input.resolveNow?.resolutionCode ?? null,
        resolutionNotes: input.resolveNow?.resolutionNotes ?? null,
        resolvedAt: input.resolveNow ? now : null,
        createdBy: actor.personId,
        createdAt: now,
        updatedAt: now,
        ...queue,
      };
      if (idempotencyKey && idempotencyKey.length > 200) {
        throw invalid('headers.idempotency-key', 'at most 200 characters');
      }
      const written = await repo.createTicket(db, {
        ticket: values,
        changes: {
          status: { from: null, to: status },
          ...(input.resolveNow
            ? { resolutionCode: { from: null, to: input.resolveNow.resolutionCode } }
            : {}),
        },
        actorId: actor.personId,
        idempotency: idempotencyKey ? { personId: actor.personId, key: idempotencyKey } : null,
        at: now,
      });
      if (!written) {
        // a request with the same key created it (now or concurrently): answer that ticket
        const replayed = await replay();
        if (!replayed) throw conflict('A request with this Idempotency-Key is in progress');
        return replayed;
      }
      const created = { ...values, ...written };
      // the answer is built from what was written, not read back: only names still unknown are fetched
      const wanted = new Map<repo.ReferenceField, Set<number>>();
      if (created.groupId) wanted.set('groupId', new Set([created.groupId]));
      if (created.assigneeId) wanted.set('assigneeId', new Set([created.assigneeId]));
      if (created.categoryId) wanted.set('categoryId', new Set([created.categoryId]));
      if (created.siteId && created.siteId !== requester.siteId)
        wanted.set('siteId', new Set([created.siteId]));
      const nameOf = wanted.size ? await repo.namesFor(db, wanted) : () => null;
      const row: repo.TicketDetailRow = {
        ...created,
        entityName: requester.entityName,
        requesterName: requester.name,
        requesterEmail: requester.email,
        requesterPhone: requester.phone,
        groupName: created.groupId ? nameOf('groupId', created.groupId) : null,
        assigneeName: created.assigneeId ? nameOf('assigneeId', created.assigneeId) : null,
        categoryName: created.categoryId ? nameOf('categoryId', created.categoryId) : null,
        siteName:
          created.siteId === null
            ? null
            : created.siteId === requester.siteId
              ? requester.siteName
              : nameOf('siteId', created.siteId),
        pendingReason: null,
        closedAt: null,
        version: 1,
      };
      return { ticket: await present(db, actor, row, [], []), replayed: false };
    },

    async list(actor: Actor, q: TicketListParams) {
      const page = await repo.list(db, actor, q);
      return {
        items: page.items.map((r) => toSummary(r, clock.now(), actor.isStaff)),
        nextCursor: page.nextCursor,
      };
    },

    async counts(actor: Actor) {
      if (!actor.isStaff) throw forbidden('Queues are for support staff');
      return repo.queueCounts(db, actor);
    },

    get: (actor: Actor, number: string) => loadDetail(db, actor, number),

    async update(actor: Actor, number: string, patch: TicketUpdate, ifMatch?: number): Promise<Ticket> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.update(actor, t))
          throw forbidden('Only support staff in charge can change this ticket');
        const expected = patch.version ?? ifMatch;
        if (expected !== undefined && expected !== t.version) {
          throw new AppError('stale_version', `The ticket is at version ${t.version}, you sent ${expected}`, {
            currentVersion: t.version,
          });
        }
        const next = { ...t };
        const changes: Changes = {};
        const set = <K extends keyof TicketRecord>(key: K, value: TicketRecord[K] | undefined) => {
          if (value === undefined || value === t[key]) return;
          changes[key] = { from: t[key], to: value };
          next[key] = value;
        };
        set('title', patch.title);
        set('description', patch.description);
        set('type', patch.type);
        set('channel', patch.channel);
        set('categoryId', patch.categoryId);
        set('impact', patch.impact);
        set('urgency', patch.urgency);
        set('siteId', patch.siteId);
        set('groupId', patch.groupId);
        set('assigneeId', patch.assigneeId);
        set('pendingReason', patch.pendingReason);
        set('resolutionCode', patch.resolutionCode);
        set('resolutionNotes', patch.resolutionNotes);
        if (changes.type)
          throw invalid('type', 'the type of a numbered ticket cannot change; open a new one');
        if (patch.categoryId && !(await categoryExists(tx, patch.categoryId))) {
          throw invalid('categoryId', 'unknown category');
        }
        if (patch.siteId && changes.siteId) await checkSite(tx, actor, patch.siteId, t.entityId, null);
        if (changes.groupId || changes.assigneeId) {
          await checkGroupAndAssignee(tx, actor, t.entityId, next.groupId, next.assigneeId);
        }
        if (changes.impact || changes.urgency) {
          const settings = await readSettings(tx);
          set('priority', priorityOf(settings.priorityMatrix, next.impact, next.urgency));
        }
        const target =
          patch.status ?? (changes.assigneeId ? statusAfterAssignment(t.status, next.assigneeId) : t.status);
        if (!canTransition(t.status, target)) {
          throw new AppError('invalid_transition', `A ${t.status} ticket cannot become ${target}`, {
            from: t.status,
            to: target,
          });
        }
        if (target !== t.status) {
          set('status', target);
          const now = clock.now();
          if (target === 'resolved') set('resolvedAt', now);
          if (target === 'closed') set('closedAt', now);
          if (t.status === 'resolved' && target !== 'closed') set('resolvedAt', null);
          if (t.status === 'pending' && patch.pendingReason === undefined) set('pendingReason', null);
        }
        if (next.status !== 'pending' && next.pendingReason) set('pendingReason', null);
        const problem = transitionProblem(next);
        if (problem) throw invalid(problem.path, problem.message);
        if (Object.keys(changes).length === 0) return;
        const { id: _id, search: _search, ...values } = next;
        await tx
          .update(tickets)
          .set({ ...values, version: t.version + 1, updatedAt: clock.now() })
          .where(eq(tickets.id, t.id));
        if (changes.title || changes.description) await repo.refreshSearch(tx, t.id);
        await record(tx, actor, next, 'updated', changes);
        await clocks.onChange(tx, t, next, { staffPublicReply: false });
      });
      return loadDetail(db, actor, number);
    },

    async comment(actor: Actor, number: string, body: string, visibility: 'public' | 'internal') {
      return db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.comment(actor, t)) throw forbidden('This ticket no longer takes replies');
        if (visibility === 'internal' && !ticketPolicy.writeInternal(actor, t)) {
          throw forbidden('Only support staff can write internal notes');
        }
        const [c] = await tx
          .insert(ticketComments)
          .values({ ticketId: t.id, authorId: actor.personId, visibility, body })
          .returning();
        if (!c) throw new Error('comment insert returned nothing');
        const changes: Changes = {};
        let status = t.status;
        // the requester answered what the desk was waiting for: back to work
        if (t.status === 'pending' && t.pendingReason === 'requester' && actor.personId === t.requesterId) {
          status = 'in_progress';
          changes.status = { from: 'pending', to: 'in_progress' };
          changes.pendingReason = { from: 'requester', to: null };
        }
        await tx
          .update(tickets)
          .set({
            updatedAt: clock.now(),
            status,
            ...(status !== t.status ? { pendingReason: null, version: t.version + 1 } : {}),
            ...(visibility === 'public'
              ? { search: sql`${tickets.search} || setweight(to_tsvector('guichet_french', ${body}), 'C')` }
              : {}),
          })
          .where(eq(tickets.id, t.id));
        await record(tx, actor, { ...t, status }, 'commented', changes, c.id, visibility === 'internal');
        const staffPublicReply = visibility === 'public' && actor.isStaff && actor.personId !== t.requesterId;
        if (staffPublicReply || status !== t.status) {
          await clocks.onChange(
            tx,
            t,
            { ...t, status, pendingReason: status !== t.status ? null : t.pendingReason },
            {
              staffPublicReply,
            },
          );
        }
        return {
          id: c.id,
          author: { id: actor.personId, name: actor.name },
          visibility: c.visibility,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        };
      });
    },

    async events(actor: Actor, number: string) {
      const row = await repo.findByNumber(db, actor, number);
      if (!row) throw notFound('Ticket');
      const seeInternal = ticketPolicy.seeInternal(actor, row);
      const rows = (await repo.listEvents(db, row.id, seeInternal)).flatMap((r) => {
        if (seeInternal || !STAFF_ONLY_FIELDS.some((f) => f in r.changes)) return [r];
        const changes = Object.fromEntries(
          Object.entries(r.changes).filter(([field]) => !STAFF_ONLY_FIELDS.includes(field)),
        );
        // a change made only of staff fields (an affected item linked) is not shown at all
        return Object.keys(changes).length || r.commentId ? [{ ...r, changes }] : [];
      });
      const wanted = new Map<repo.ReferenceField, Set<number>>();
      for (const r of rows) {
        for (const [field, change] of Object.entries(r.changes)) {
          if (!repo.isReferenceField(field)) continue;
          const ids = wanted.get(field) ?? new Set<number>();
          for (const v of [change.from, change.to]) if (typeof v === 'number') ids.add(v);
          wanted.set(field, ids);
        }
      }
      const nameOf = await repo.namesFor(db, wanted);
      return rows.map((r) => toEvent(r, nameOf));
    },

    async confirm(actor: Actor, number: string): Promise<Ticket> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.confirm(actor, t)) {
          throw new AppError('invalid_transition', 'Only a resolved ticket can be confirmed');
        }
        const now = clock.now();
        await tx
          .update(tickets)
          .set({ status: 'closed', closedAt: now, updatedAt: now, version: t.version + 1 })
          .where(eq(tickets.id, t.id));
        await record(tx, actor, { ...t, status: 'closed' }, 'confirmed', {
          status: { from: t.status, to: 'closed' },
        });
        await clocks.onChange(tx, t, { ...t, status: 'closed', closedAt: now }, { staffPublicReply: false });
      });
      return loadDetail(db, actor, number);
    },

    async reopen(actor: Actor, number: string, reason: string): Promise<Ticket> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.reopen(actor, t)) {
          throw new AppError('invalid_transition', 'Only a resolved ticket can be reopened');
        }
        const settings = await readSettings(tx);
        const now = clock.now();
        if (!t.resolvedAt || now.getTime() - t.resolvedAt.getTime() > settings.reopenDays * 86_400_000) {
          throw new AppError(
            'invalid_transition',
            `A resolution can be reopened within ${settings.reopenDays} days; please open a new ticket`,
          );
        }
        const status: TicketStatus = t.assigneeId ? 'assigned' : 'new';
        const [c] = await tx
          .insert(ticketComments)
          .values({ ticketId: t.id, authorId: actor.personId, visibility: 'public', body: reason })
          .returning({ id: ticketComments.id });
        await tx
          .update(tickets)
          .set({
            status,
            resolvedAt: null,
            resolutionCode: null,
            updatedAt: now,
            version: t.version + 1,
            search: sql`${tickets.search} || setweight(to_tsvector('guichet_french', ${reason}), 'C')`,
          })
          .where(eq(tickets.id, t.id));
        await record(
          tx,
          actor,
          { ...t, status },
          'reopened',
          { status: { from: t.status, to: status }, resolutionCode: { from: t.resolutionCode, to: null } },
          c?.id ?? null,
        );
        await clocks.onChange(
          tx,
          t,
          { ...t, status, resolvedAt: null, resolutionCode: null },
          {
            staffPublicReply: false,
          },
        );
      });
      return loadDetail(db, actor, number);
    },
  };
}
export type TicketService = ReturnType<typeof createTicketService>;
