import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { entities, people, sites } from '../directory/index.js';
import { tickets } from '../tickets/index.js';

const ciClasses = [
  'information_system',
  'application',
  'server',
  'workstation',
  'laptop',
  'printer',
  'phone',
  'network_device',
  'network_link',
  'site',
] as const;
const ciStatuses = ['ordered', 'in_stock', 'deployed', 'in_repair', 'retired'] as const;
const ciRelationKinds = [
  'runs_on',
  'depends_on',
  'connected_to',
  'located_at',
  'used_by',
  'part_of',
] as const;

/** Configuration items: typed core columns, per-class attributes in `attributes` (checked by the service). */
export const configItems = pgTable(
  'config_items',
  {
    id: id(),
    class: text('class', { enum: ciClasses }).notNull(),
    name: text('name').notNull(),
    /** lower-case, accents removed: searched with trigrams ("ecole" finds "École") */
    nameFolded: text('name_folded').generatedAlwaysAs(sql`guichet_fold(name)`),
    status: text('status', { enum: ciStatuses }).notNull(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    siteId: ref('site_id').references(() => sites.id),
    ownerId: ref('owner_id').references(() => people.id),
    serialNumber: text('serial_number'),
    inventoryNumber: text('inventory_number'),
    hostname: text('hostname'),
    attributes: jsonb('attributes').notNull().$type<Record<string, unknown>>().default({}),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // the list's order is (name_folded, id): a scope's items by class, then by name
    index('config_items_entity_class_idx').on(t.entityId, t.class, t.nameFolded, t.id),
    index('config_items_site_idx').on(t.siteId),
    // a ticket's site item, for the major-incident suggestions (one row per site instead of ~46 items)
    index('config_items_site_item_idx').on(t.siteId).where(sql`class = 'site'`),
    index('config_items_owner_idx').on(t.ownerId),
    index('config_items_serial_idx').on(sql`lower(${t.serialNumber})`),
    index('config_items_inventory_idx').on(sql`lower(${t.inventoryNumber})`),
    index('config_items_hostname_idx').on(sql`lower(${t.hostname})`),
    index('config_items_name_folded_trgm_idx').using('gin', t.nameFolded.op('gin_trgm_ops')),
    index('config_items_name_order_idx').on(t.nameFolded, t.id),
  ],
);

/** Other entities that use a shared item (a metropolis application): they see it too. */
export const ciUsages = pgTable(
  'ci_usages',
  {
    ciId: ref('ci_id')
      .notNull()
      .references(() => configItems.id, { onDelete: 'cascade' }),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
  },
  (t) => [primaryKey({ columns: [t.ciId, t.entityId] }), index('ci_usages_entity_idx').on(t.entityId)],
);

/** "source <kind> target", stored once; the graph walks both directions. */
export const ciRelations = pgTable(
  'ci_relations',
  {
    id: id(),
    kind: text('kind', { enum: ciRelationKinds }).notNull(),
    sourceId: ref('source_id')
      .notNull()
      .references(() => configItems.id, { onDelete: 'cascade' }),
    targetId: ref('target_id')
      .notNull()
      .references(() => configItems.id, { onDelete: 'cascade' }),
    createdBy: ref('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ci_relations_key').on(t.sourceId, t.kind, t.targetId),
    index('ci_relations_target_idx').on(t.targetId),
  ],
);

/** Append-only history of an item: who, when, field from/to. */
export const ciEvents = pgTable(
  'ci_events',
  {
    id: id(),
    ciId: ref('ci_id')
      .notNull()
      .references(() => configItems.id, { onDelete: 'cascade' }),
    actorId: ref('actor_id').references(() => people.id),
    kind: text('kind', {
      enum: ['created', 'updated', 'related', 'unrelated', 'linked_ticket', 'unlinked_ticket'],
    }).notNull(),
    changes: jsonb('changes').notNull().$type<Record<string, { from: unknown; to: unknown }>>(),
    at: createdAt(),
  },
  (t) => [index('ci_events_ci_idx').on(t.ciId, t.id)],
);

/** Items a ticket concerns. */
export const ticketItems = pgTable(
  'ticket_items',
  {
    ticketId: ref('ticket_id')
      .notNull()
      .references(() => tickets.id),
    ciId: ref('ci_id')
      .notNull()
      .references(() => configItems.id, { onDelete: 'cascade' }),
    createdBy: ref('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.ciId] }), index('ticket_items_ci_idx').on(t.ciId)],
);
