import type { MultipartFile } from '@fastify/multipart';
import type {
  LinkKind,
  Ticket,
  TicketListParams,
  TicketStatus,
  TicketUpdate,
  ticketCreateSchema,
} from '@guichet/contracts';
import { and, eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { publish } from '../../platform/events/events.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { prepareIdempotencyLookup } from '../../platform/http/idempotency.js';
import {
  categoryExists,
  findGroup,
  findPerson,
  findSite,
  isAncestorOrSelf,
  isGroupMember,
  isStaffPerson,
  preparePersonLookup,
  readSettings,
} from '../directory/index.js';
import { isAllowedUpload } from './attachment-types.js';
import { priorityOf } from './priority.js';
import { canTransition, statusAfterAssignment, transitionProblem } from './ticket.lifecycle.js';
import { toEvent, toSummary, toTicket } from './ticket.mapper.js';
import { ticketPolicy } from './ticket.policy.js';
import * as repo from './ticket.repository.js';
import { attachments, ticketComments, ticketEvents, ticketLinks, tickets } from './ticket.table.js';

type CreateInput = z.output<typeof ticketCreateSchema>;

type TicketRecord = typeof tickets.$inferSelect;
type Changes = Record<string, { from: unknown; to: unknown }>;

export interface TicketServiceDeps {
  db: Db;
  clock: Clock;
  files: FileStore;
  maxUploadBytes: number;
}

export function createTicketService({ db, clock, files, maxUploadBytes }: TicketServiceDeps) {
  /** Appends a history event and the outbox event that pushes it live, in the caller's transaction. */
  async function record(
    tx: DbOrTx,
    actor: Actor | null,
    t: Pick<TicketRecord, 'id' | 'number' | 'entityId' | 'requesterId' | 'status'>,
    kind: string,
    changes: Changes,
    commentId: number | null = null,
    internal = false,
  ): Promise<void> {
    const history = tx
      .insert(ticketEvents)
      .values({
        ticketId: t.id,
        entityId: t.entityId,
        actorId: actor?.personId ?? null,
        kind,
        changes,
        commentId,
      })
      .returning({ id: ticketEvents.id });
    await publish(
      tx,
      {
        topic: 'ticket.changed',
        entityId: t.entityId,
        audience: internal ? [] : [t.requesterId],
        payload: {
          type: 'ticket.changed',
          number: t.number,
          kind,
          status: t.status,
          at: clock.now().toISOString(),
        },
      },
      [history],
    );
  }

  async function checkGroupAndAssignee(
    tx: DbOrTx,
    actor: Actor,
    entityId: number,
    groupId: number | null | undefined,
    assigneeId: number | null | undefined,
  ) {
    if (groupId) {
      const group = await findGroup(tx, groupId);
      const usable =
        group &&
        (inScope(actor.scope, group.entityId) || (await isAncestorOrSelf(tx, group.entityId, entityId)));
      if (!usable) throw invalid('groupId', 'unknown assignment group');
    }
    if (assigneeId) {
      const person = await findPerson(tx, assigneeId);
      if (!person?.active || !(await isStaffPerson(tx, assigneeId))) {
        throw invalid('assigneeId', 'the assignee must be an active support agent');
      }
      if (groupId && !(await isGroupMember(tx, groupId, assigneeId))) {
        throw invalid('assigneeId', 'the assignee is not a member of the assignment group');
      }
    }
  }

  async function checkSite(
    tx: DbOrTx,
    actor: Actor,
    siteId: number,
    entityId: number,
    requesterSiteId: number | null,
  ) {
    const site = await findSite(tx, siteId);
    const usable =
      site &&
      (site.id === requesterSiteId ||
        site.entityId === entityId ||
        (actor.isStaff && inScope(actor.scope, site.entityId)));
    if (!usable) throw invalid('siteId', 'unknown site');
  }

  const personById = preparePersonLookup(db);
  const findIdempotent = prepareIdempotencyLookup(db);

  /** The full ticket as the actor sees it. */
  async function loadDetail(tx: DbOrTx, actor: Actor, number: string): Promise<Ticket> {
    const row = await repo.findByNumber(tx, actor, number);
    if (!row) throw notFound('Ticket');
    const [links, files] = await Promise.all([repo.listLinks(tx, row.id), repo.listAttachments(tx, row.id)]);
    return present(tx, actor, row, links, files);
  }

  async function present(
    tx: DbOrTx,
    actor: Actor,
    row: repo.TicketDetailRow,
    links: Awaited<ReturnType<typeof repo.listLinks>>,
    files: Awaited<ReturnType<typeof repo.listAttachments>>,
  ): Promise<Ticket> {
    const facts = { ...row, status: row.status };
    const settings = await readSettings(tx);
    const withinReopenWindow =
      row.resolvedAt !== null &&
      clock.now().getTime() - new Date(row.resolvedAt).getTime() <= settings.reopenDays * 86_400_000;
    return toTicket(row, {
      links,
      attachments: files,
      can: {
        update: ticketPolicy.update(actor, facts),
        comment: ticketPolicy.comment(actor, facts),
        confirm: ticketPolicy.confirm(actor, facts),
        reopen: ticketPolicy.reopen(actor, facts) && withinReopenWindow,
      },
    });
  }

  async function lockVisible(tx: DbOrTx, actor: Actor, number: string): Promise<TicketRecord> {
    const t = await repo.lockForUpdate(tx, actor, number);
    if (!t) throw notFound('Ticket');
    return t;
  }

  return {
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
      const values = {
        type: input.type,
        title: input.title,
        description: input.description,
        status,
        channel,
        categoryId: input.categoryId ?? null,
        impact: input.impact,
        urgency: input.urgency,
        priority: priorityOf(settings.priorityMatrix, input.impact, input.urgency),
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
      return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
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
      const rows = await repo.listEvents(db, row.id, ticketPolicy.seeInternal(actor, row));
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
      });
      return loadDetail(db, actor, number);
    },

    async link(actor: Actor, number: string, kind: LinkKind, targetNumber: string): Promise<Ticket> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.update(actor, t)) throw forbidden('Only support staff in charge can link tickets');
        const other = await repo.lockForUpdate(tx, actor, targetNumber);
        if (!other) throw invalid('target', `ticket ${targetNumber} not found`);
        if (other.id === t.id) throw invalid('target', 'a ticket cannot be linked to itself');
        const [from, to, stored] =
          kind === 'child'
            ? [t, other, 'parent' as const]
            : kind === 'parent'
              ? [other, t, 'parent' as const]
              : kind === 'duplicated_by'
                ? [other, t, 'duplicate_of' as const]
                : [t, other, kind];
        const existing = await tx
          .select({ id: ticketLinks.id })
          .from(ticketLinks)
          .where(
            or(
              and(eq(ticketLinks.fromTicketId, from.id), eq(ticketLinks.toTicketId, to.id)),
              and(eq(ticketLinks.fromTicketId, to.id), eq(ticketLinks.toTicketId, from.id)),
            ),
          );
        if (existing.length > 0) throw conflict(`${t.number} and ${other.number} are already linked`);
        await tx
          .insert(ticketLinks)
          .values({ fromTicketId: from.id, toTicketId: to.id, kind: stored, createdBy: actor.personId });
        await record(tx, actor, t, 'linked', { link: { from: null, to: { kind, ticket: other.number } } });
        await record(tx, actor, other, 'linked', {
          link: { from: null, to: { kind: 'related', ticket: t.number } },
        });
      });
      return loadDetail(db, actor, number);
    },

    async unlink(actor: Actor, number: string, linkId: number): Promise<void> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.update(actor, t))
          throw forbidden('Only support staff in charge can unlink tickets');
        const removed = await tx
          .delete(ticketLinks)
          .where(
            and(
              eq(ticketLinks.id, linkId),
              or(eq(ticketLinks.fromTicketId, t.id), eq(ticketLinks.toTicketId, t.id)),
            ),
          )
          .returning();
        if (removed.length === 0) throw notFound('Link');
        await record(tx, actor, t, 'unlinked', { link: { from: linkId, to: null } });
      });
    },

    async attach(actor: Actor, number: string, file: MultipartFile) {
      const t = await repo.findByNumber(db, actor, number);
      if (!t) throw notFound('Ticket');
      if (!ticketPolicy.comment(actor, { ...t })) throw forbidden('This ticket no longer takes files');
      const fileName = file.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
      if (!isAllowedUpload(fileName, file.mimetype)) {
        file.file.resume();
        throw new AppError('unsupported_media_type', `Files of type ${file.mimetype} are not accepted`);
      }
      const stored = await files.save(file.file, () => file.file.truncated);
      if (stored === 'too_large') {
        throw new AppError(
          'payload_too_large',
          `Files are limited to ${Math.round(maxUploadBytes / 1048576)} MB`,
        );
      }
      try {
        return await db.transaction(async (tx) => {
          const locked = await lockVisible(tx, actor, number);
          const [a] = await tx
            .insert(attachments)
            .values({
              ticketId: locked.id,
              entityId: locked.entityId,
              fileName,
              contentType: file.mimetype,
              size: stored.size,
              storageKey: stored.key,
              sha256: stored.sha256,
              uploadedBy: actor.personId,
            })
            .returning();
          if (!a) throw new Error('attachment insert returned nothing');
          await tx.update(tickets).set({ updatedAt: clock.now() }).where(eq(tickets.id, locked.id));
          await record(tx, actor, locked, 'attached', { attachment: { from: null, to: fileName } });
          return {
            id: a.id,
            fileName: a.fileName,
            contentType: a.contentType,
            size: a.size,
            createdAt: a.createdAt.toISOString(),
          };
        });
      } catch (err) {
        await files.remove(stored.key); // no orphan file when the row was not written
        throw err;
      }
    },

    async download(actor: Actor, attachmentId: number) {
      const [a] = await db
        .select({
          storageKey: attachments.storageKey,
          fileName: attachments.fileName,
          contentType: attachments.contentType,
          size: attachments.size,
          number: tickets.number,
        })
        .from(attachments)
        .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
        .where(and(eq(attachments.id, attachmentId), repo.visibleTo(actor)));
      if (!a) throw notFound('Attachment');
      return { ...a, stream: files.open(a.storageKey) };
    },
  };
}
export type TicketService = ReturnType<typeof createTicketService>;
