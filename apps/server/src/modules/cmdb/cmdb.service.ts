import type {
  Ci,
  CiEvent,
  CiGraph,
  CiRelation,
  CiRelationKind,
  CiSummary,
  ciInputSchema,
  ciListQuerySchema,
  ciUpdateSchema,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, type FieldError, invalid, notFound } from '../../platform/errors.js';
import { findVisibleTicket, recordTicketChange } from '../tickets/index.js';
import { nameReferences } from './cmdb.history.js';
import { toCi, toCiEvent, toCiRelation, toCiSummary } from './cmdb.mapper.js';
import { cmdbPolicy, requireCmdbReader, requireWritableEntity, requireWritableItem } from './cmdb.policy.js';
import * as repo from './cmdb.repository.js';
import { checkAttributes, LINK_END_COUNT, relationRefusal } from './cmdb.rules.js';
import { graph } from './cmdb-graph.repository.js';

export type CiInputBody = z.output<typeof ciInputSchema>;
export type CiUpdateBody = z.output<typeof ciUpdateSchema>;
export type CiListQuery = z.output<typeof ciListQuerySchema>;
type Changes = Record<string, { from: unknown; to: unknown }>;

/** The core columns compared and recorded in history, as the API names them. */
const CORE_FIELDS = [
  'name',
  'status',
  'entityId',
  'siteId',
  'ownerId',
  'serialNumber',
  'inventoryNumber',
  'hostname',
] as const;
type CoreField = (typeof CORE_FIELDS)[number];

const nullIfBlank = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/** Configuration items: reads through the actor's visibility, writes checked by cmdb.policy.ts, history in ci_events. */
export function createCmdbService({ db, clock }: { db: Db; clock: Clock }) {
  const ticketHistory = recordTicketChange(clock);

  async function loadVisible(tx: DbOrTx, actor: Actor, id: number, forUpdate = false) {
    const row = await repo.findItem(tx, actor, id, forUpdate);
    if (!row) throw notFound('Item');
    return row;
  }

  async function detail(tx: DbOrTx, actor: Actor, id: number): Promise<Ci> {
    const row = await loadVisible(tx, actor, id);
    return toCi(row, await repo.usedBy(tx, id), cmdbPolicy.write(actor, row.entityPath));
  }

  /** Site, owner and using entities must exist (the site also visible); every problem at once. */
  async function checkReferences(
    tx: DbOrTx,
    actor: Actor,
    refs: { siteId?: number | null; ownerId?: number | null; usedByEntityIds?: number[] },
    errors: FieldError[],
  ) {
    if (refs.siteId) {
      const siteEntity = await repo.findSiteEntity(tx, refs.siteId);
      if (siteEntity === undefined || !inScope(actor.scope, siteEntity)) {
        errors.push({ path: 'siteId', message: 'unknown site' });
      }
    }
    if (refs.ownerId && (await repo.personEntity(tx, refs.ownerId)) === undefined) {
      errors.push({ path: 'ownerId', message: 'unknown person' });
    }
    if (refs.usedByEntityIds && refs.usedByEntityIds.length > 0) {
      const found = new Set((await repo.findEntities(tx, refs.usedByEntityIds)).map((e) => e.id));
      refs.usedByEntityIds.forEach((id, i) => {
        if (!found.has(id)) errors.push({ path: `usedByEntityIds.${i}`, message: 'unknown entity' });
      });
    }
  }

  function failIfAny(errors: FieldError[]) {
    if (errors.length > 0) {
      throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
        errors,
      });
    }
  }

  async function entityOf(tx: DbOrTx, id: number) {
    const [entity] = await repo.findEntities(tx, [id]);
    return entity;
  }

  /** Using entities without duplicates and without the owner itself (it sees the item anyway). */
  const usages = (ids: number[], ownerEntity: number) => [...new Set(ids)].filter((id) => id !== ownerEntity);

  return {
    async list(actor: Actor, q: CiListQuery): Promise<{ items: CiSummary[]; nextCursor: string | null }> {
      requireCmdbReader(actor);
      const rows = await repo.listItems(db, actor, {
        ...q,
        q: q.q || undefined,
        limit: q.limit + 1,
        after: q.cursor ? repo.decodeListCursor(q.cursor) : undefined,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toCiSummary),
        nextCursor: rows.length > q.limit && last ? repo.encodeListCursor(last) : null,
      };
    },

    async get(actor: Actor, id: number): Promise<Ci> {
      requireCmdbReader(actor);
      return detail(db, actor, id);
    },

    async create(actor: Actor, input: CiInputBody): Promise<Ci> {
      requireCmdbReader(actor);
      return db.transaction(async (tx) => {
        requireWritableEntity(actor, await entityOf(tx, input.entityId));
        const errors: FieldError[] = [];
        const attributes = checkAttributes(input.class, input.attributes);
        if (!attributes.ok) errors.push(...attributes.errors);
        await checkReferences(tx, actor, input, errors);
        failIfAny(errors);
        const values = {
          class: input.class,
          name: input.name,
          status: input.status,
          entityId: input.entityId,
          siteId: input.siteId ?? null,
          ownerId: input.ownerId ?? null,
          serialNumber: nullIfBlank(input.serialNumber) ?? null,
          inventoryNumber: nullIfBlank(input.inventoryNumber) ?? null,
          hostname: nullIfBlank(input.hostname) ?? null,
          attributes: attributes.ok ? attributes.value : {},
        };
        const id = await repo.insertItem(tx, values);
        const usedBy = usages(input.usedByEntityIds, input.entityId);
        await repo.replaceUsages(tx, id, usedBy);
        const changes: Changes = { class: { from: null, to: input.class } };
        for (const field of CORE_FIELDS) {
          if (values[field] !== null) changes[field] = { from: null, to: values[field] };
        }
        for (const [key, value] of Object.entries(values.attributes)) {
          changes[`attributes.${key}`] = { from: null, to: value };
        }
        if (usedBy.length > 0) changes.usedByEntityIds = { from: [], to: usedBy };
        await repo.appendEvent(tx, [id], actor.personId, 'created', changes);
        return detail(tx, actor, id);
      });
    },

    /**
     * Changes core columns and attributes (replaced as a whole). Any status may follow any other:
     * the lifecycle is recorded, not enforced. `version` (body or If-Match) guards against lost updates.
     */
    async update(actor: Actor, id: number, patch: CiUpdateBody, ifMatch?: number): Promise<Ci> {
      requireCmdbReader(actor);
      return db.transaction(async (tx) => {
        const row = await loadVisible(tx, actor, id, true);
        requireWritableItem(actor, row);
        const expected = patch.version ?? ifMatch;
        if (expected !== undefined && expected !== row.version) {
          throw new AppError('stale_version', `The item changed since you read it (version ${row.version})`, {
            version: row.version,
          });
        }
        if (patch.entityId !== undefined && patch.entityId !== row.entityId) {
          requireWritableEntity(actor, await entityOf(tx, patch.entityId));
        }
        const errors: FieldError[] = [];
        const attributes =
          patch.attributes === undefined ? undefined : checkAttributes(row.class, patch.attributes);
        if (attributes && !attributes.ok) errors.push(...attributes.errors);
        await checkReferences(
          tx,
          actor,
          {
            siteId: patch.siteId !== row.siteId ? patch.siteId : undefined,
            ownerId: patch.ownerId !== row.ownerId ? patch.ownerId : undefined,
            usedByEntityIds: patch.usedByEntityIds,
          },
          errors,
        );
        failIfAny(errors);

        const next: Record<CoreField, unknown> = {
          name: patch.name,
          status: patch.status,
          entityId: patch.entityId,
          siteId: patch.siteId,
          ownerId: patch.ownerId,
          serialNumber: nullIfBlank(patch.serialNumber),
          inventoryNumber: nullIfBlank(patch.inventoryNumber),
          hostname: nullIfBlank(patch.hostname),
        };
        const changes: Changes = {};
        const set: Record<string, unknown> = {};
        for (const field of CORE_FIELDS) {
          const to = next[field];
          if (to !== undefined && to !== row[field]) {
            changes[field] = { from: row[field], to };
            set[field] = to;
          }
        }
        if (attributes?.ok) {
          const keys = new Set([...Object.keys(row.attributes), ...Object.keys(attributes.value)]);
          for (const key of keys) {
            const from = row.attributes[key] ?? null;
            const to = attributes.value[key] ?? null;
            if (JSON.stringify(from) !== JSON.stringify(to)) changes[`attributes.${key}`] = { from, to };
          }
          if (Object.keys(changes).some((k) => k.startsWith('attributes.')))
            set.attributes = attributes.value;
        }
        const ownerEntity = (set.entityId as number | undefined) ?? row.entityId;
        if (patch.usedByEntityIds !== undefined) {
          const before = (await repo.usedBy(tx, id)).map((e) => e.id).sort((a, b) => a - b);
          const after = usages(patch.usedByEntityIds, ownerEntity).sort((a, b) => a - b);
          if (before.join() !== after.join()) {
            changes.usedByEntityIds = { from: before, to: after };
            await repo.replaceUsages(tx, id, after);
          }
        }
        if (Object.keys(changes).length === 0) return detail(tx, actor, id);
        await repo.updateItem(tx, id, set, clock.now());
        await repo.appendEvent(tx, [id], actor.personId, 'updated', changes);
        return detail(tx, actor, id);
      });
    },

    async relations(actor: Actor, id: number): Promise<CiRelation[]> {
      requireCmdbReader(actor);
      await loadVisible(db, actor, id);
      return (await repo.relationsOf(db, actor, id)).map(toCiRelation);
    },

    /**
     * Relates two items: the actor changes the source (agent or admin over its entity) and must see the
     * target. Refused with 400 when the kind makes no sense for the classes (cmdb.rules.ts), 409 when
     * the same relation exists. Recorded in both items' history.
     */
    async relate(
      actor: Actor,
      body: { kind: CiRelationKind; sourceId: number; targetId: number },
    ): Promise<CiRelation> {
      requireCmdbReader(actor);
      return db.transaction(async (tx) => {
        const src = await loadVisible(tx, actor, body.sourceId);
        requireWritableItem(actor, src);
        // locked: two racing ends of one network link cannot both pass the count below
        const tgt = await repo.findItem(tx, actor, body.targetId, true);
        if (!tgt) throw invalid('targetId', 'unknown item');
        const refusal = relationRefusal(body.kind, src.class, tgt.class);
        if (refusal) throw invalid('targetId', refusal);
        if (body.kind === 'connected_to' && tgt.class === 'network_link') {
          const ends = await repo.countRelations(tx, { kind: 'connected_to', targetId: tgt.id });
          if (ends >= LINK_END_COUNT) throw invalid('targetId', 'this network link already has its two ends');
        }
        const relationId = await repo.insertRelation(tx, { ...body, createdBy: actor.personId });
        if (relationId === undefined)
          throw new AppError('conflict', 'These items are already related this way');
        const relation = await repo.findRelation(tx, relationId);
        if (!relation) throw new Error('relation vanished');
        const view = toCiRelation(relation);
        await repo.appendEvent(tx, [src.id, tgt.id], actor.personId, 'related', {
          relation: { from: null, to: view },
        });
        return view;
      });
    },

    /** Removes a relation; same rule as creating it (write the source, see the target). */
    async unrelate(actor: Actor, relationId: number): Promise<void> {
      requireCmdbReader(actor);
      await db.transaction(async (tx) => {
        const relation = await repo.findRelation(tx, relationId);
        if (!relation) throw notFound('Relation');
        const src = await repo.findItem(tx, actor, relation.sourceId);
        const tgt = await repo.findItem(tx, actor, relation.targetId);
        if (!src || !tgt) throw notFound('Relation');
        requireWritableItem(actor, src);
        await repo.deleteRelation(tx, relationId);
        await repo.appendEvent(tx, [src.id, tgt.id], actor.personId, 'unrelated', {
          relation: { from: toCiRelation(relation), to: null },
        });
      });
    },

    async graph(actor: Actor, id: number, depth: number): Promise<CiGraph> {
      requireCmdbReader(actor);
      await loadVisible(db, actor, id);
      return graph(db, actor, id, depth);
    },

    async events(actor: Actor, id: number): Promise<CiEvent[]> {
      requireCmdbReader(actor);
      await loadVisible(db, actor, id);
      return nameReferences(db, (await repo.listEvents(db, id)).map(toCiEvent));
    },

    async ticketsOfItem(actor: Actor, id: number) {
      requireCmdbReader(actor);
      await loadVisible(db, actor, id);
      const rows = await repo.ticketsOfItem(db, actor, id);
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    async itemsOfTicket(actor: Actor, number: string): Promise<CiSummary[]> {
      requireCmdbReader(actor);
      const ticket = await findVisibleTicket(db, actor, number);
      if (!ticket) throw notFound('Ticket');
      return (await repo.itemsOfTicket(db, actor, ticket.id)).map(toCiSummary);
    },

    /**
     * Links a ticket to an affected item. Any staff member who sees both may do it (linking describes
     * the ticket, it does not change the item). Recorded in the item's history and, as an 'updated'
     * line with an `item` change, in the ticket's. Linking twice changes nothing.
     */
    async linkTicket(actor: Actor, number: string, itemId: number): Promise<CiSummary> {
      requireCmdbReader(actor);
      return db.transaction(async (tx) => {
        const ticket = await findVisibleTicket(tx, actor, number);
        if (!ticket) throw notFound('Ticket');
        const item = await repo.findItem(tx, actor, itemId);
        if (!item) throw invalid('itemId', 'unknown item');
        if (await repo.linkTicket(tx, ticket.id, item.id, actor.personId)) {
          await repo.appendEvent(tx, [item.id], actor.personId, 'linked_ticket', {
            ticket: { from: null, to: ticket.number },
          });
          await ticketHistory(tx, actor, ticket, { item: { from: null, to: item.name } });
        }
        return toCiSummary(item);
      });
    },

    async unlinkTicket(actor: Actor, number: string, itemId: number): Promise<void> {
      requireCmdbReader(actor);
      await db.transaction(async (tx) => {
        const ticket = await findVisibleTicket(tx, actor, number);
        if (!ticket) throw notFound('Ticket');
        const item = await repo.findItem(tx, actor, itemId);
        if (!item || !(await repo.unlinkTicket(tx, ticket.id, item.id))) throw notFound('Item');
        await repo.appendEvent(tx, [item.id], actor.personId, 'unlinked_ticket', {
          ticket: { from: ticket.number, to: null },
        });
        await ticketHistory(tx, actor, ticket, { item: { from: item.name, to: null } });
      });
    },

    /** The caller's equipment for the phone intake: items the person owns, when the person is in scope. */
    async itemsOfPerson(actor: Actor, personId: number): Promise<CiSummary[]> {
      requireCmdbReader(actor);
      const entityId = await repo.personEntity(db, personId);
      if (entityId === undefined || !inScope(actor.scope, entityId)) throw notFound('Person');
      return (await repo.itemsOwnedBy(db, actor, personId)).map(toCiSummary);
    },
  };
}
export type CmdbService = ReturnType<typeof createCmdbService>;
