import type { NotificationChannel, NotificationKind, NotificationParams } from '@guichet/contracts';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at, createdAt, id, ref } from '../../db/columns.js';
import { people } from '../directory/index.js';

/** What a person is told in the app; texts are built by the client from kind and params. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    personId: ref('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull().$type<NotificationKind>(),
    /** copied, not joined: the list stays one index scan and says what the ticket was called then */
    ticketNumber: text('ticket_number'),
    ticketTitle: text('ticket_title'),
    actorName: text('actor_name'),
    params: jsonb('params').notNull().$type<NotificationParams>(),
    readAt: at('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_person_created_idx').on(
      t.personId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('notifications_unread_idx').on(t.personId).where(sql`read_at is null`),
  ],
);

/** A person's choices; a kind without a row takes the default for the person's role. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: ref('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull().$type<NotificationKind>(),
    channel: text('channel').notNull().$type<NotificationChannel>(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);
