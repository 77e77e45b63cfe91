import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';

/** The entity tree: the metropolis at the root, communes, services. `path` is "/1/5/12/" for subtree scans. */
export const entities = pgTable(
  'entities',
  {
    id: id(),
    parentId: ref('parent_id').references((): AnyPgColumn => entities.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['metropolis', 'commune', 'service'] }).notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('entities_path_key').on(t.path),
    index('entities_path_prefix_idx').on(t.path.op('text_pattern_ops')),
    index('entities_parent_idx').on(t.parentId),
  ],
);

export const sites = pgTable(
  'sites',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: [
        'town_hall',
        'school',
        'library',
        'depot',
        'office',
        'sports',
        'cultural',
        'social',
        'technical',
      ],
    }).notNull(),
    address: text('address').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('sites_entity_idx').on(t.entityId),
    index('sites_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

export const people = pgTable(
  'people',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    siteId: ref('site_id').references(() => sites.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    /** digits only, so "05 56 12 34 56" and "0556123456" find the same caller */
    phoneDigits: text('phone_digits').generatedAlwaysAs(
      sql`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')`,
    ),
    /** lower-case, accents removed: the call centre types names as they hear them */
    nameFolded: text('name_folded').generatedAlwaysAs(sql`guichet_fold(name)`),
    language: text('language', { enum: ['fr', 'en'] })
      .notNull()
      .default('fr'),
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(sql`lower(${t.email})`),
    index('people_entity_idx').on(t.entityId),
    index('people_name_folded_trgm_idx').using('gin', t.nameFolded.op('gin_trgm_ops')),
    index('people_email_trgm_idx').using('gin', t.email.op('gin_trgm_ops')),
    index('people_phone_idx').on(t.phoneDigits.op('text_pattern_ops')),
  ],
);

export const groups = pgTable(
  'groups',
  {
    id: id(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['service_desk', 'local_support', 'experts', 'contractor'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('groups_entity_idx').on(t.entityId)],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: ref('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    personId: ref('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] }), index('group_members_person_idx').on(t.personId)],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    personId: ref('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: ['requester', 'agent', 'coordinator', 'admin', 'observer'] }).notNull(),
    entityId: ref('entity_id')
      .notNull()
      .references(() => entities.id),
    includeDescendants: boolean('include_descendants').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('role_assignments_key').on(t.personId, t.role, t.entityId),
    index('role_assignments_entity_idx').on(t.entityId),
  ],
);

/** Every change of a person's entity, so history keeps where they were. */
export const personMoves = pgTable(
  'person_moves',
  {
    id: id(),
    personId: ref('person_id')
      .notNull()
      .references(() => people.id),
    fromEntityId: ref('from_entity_id')
      .notNull()
      .references(() => entities.id),
    toEntityId: ref('to_entity_id')
      .notNull()
      .references(() => entities.id),
    openTickets: text('open_tickets', { enum: ['follow', 'stay'] }).notNull(),
    ticketsMoved: integer('tickets_moved').notNull(),
    movedBy: ref('moved_by')
      .notNull()
      .references(() => people.id),
    at: createdAt(),
  },
  (t) => [index('person_moves_person_idx').on(t.personId)],
);

export const categories = pgTable(
  'categories',
  {
    id: id(),
    parentId: ref('parent_id').references((): AnyPgColumn => categories.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('categories_parent_idx').on(t.parentId)],
);

/** Instance-wide settings (priority matrix, reopen window), one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
