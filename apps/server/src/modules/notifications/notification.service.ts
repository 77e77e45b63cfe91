import {
  type NotificationPage,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
  type NotificationRead,
  notificationKinds,
} from '@guichet/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import * as repo from './notification.repository.js';
import { defaultChannel } from './notification.rules.js';

/** A person's own notifications and preferences: nobody reads or changes another's. */
export function createNotificationService({ db, clock }: { db: Db; clock: Clock }) {
  async function preferences(actor: Actor): Promise<NotificationPreferences> {
    const chosen = await repo.chosenChannels(db, actor.personId);
    return {
      items: notificationKinds.map((kind) => {
        const fallback = defaultChannel(kind, actor.isStaff);
        return { kind, channel: chosen[kind] ?? fallback, default: fallback };
      }),
    };
  }

  return {
    async list(
      actor: Actor,
      query: { limit: number; cursor?: string; unread?: boolean },
    ): Promise<NotificationPage> {
      const [items, unread] = await Promise.all([
        repo.listFor(db, actor.personId, {
          limit: query.limit + 1,
          ...(query.cursor ? { cursor: Number(query.cursor) } : {}),
          ...(query.unread ? { unreadOnly: true } : {}),
        }),
        repo.unreadCount(db, actor.personId),
      ]);
      const more = items.length > query.limit;
      const page = more ? items.slice(0, query.limit) : items;
      return { items: page, nextCursor: more ? String(page.at(-1)?.id) : null, unread };
    },

    async markRead(actor: Actor, body: NotificationRead): Promise<{ unread: number }> {
      await repo.markRead(db, actor.personId, 'all' in body ? 'all' : body.ids, clock.now());
      return { unread: await repo.unreadCount(db, actor.personId) };
    },

    preferences,

    async savePreferences(
      actor: Actor,
      body: NotificationPreferencesUpdate,
    ): Promise<NotificationPreferences> {
      await repo.saveChannels(db, actor.personId, body.items);
      return preferences(actor);
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
