import type { Actor } from '../auth/actor.js';
import { inScope } from '../auth/actor.js';
import type { DomainEvent } from './events.js';

export interface Subscriber {
  actor: Actor;
  send(data: string): void;
}

/**
 * Figures-only events: delivered by the cockpit scope (coordinators, admins, observers), never by
 * the staff scope, so an observer gets the nudge while agents' desks are not woken for nothing.
 */
export const COCKPIT_TOPIC = 'cockpit.changed';

/** This process's live connections; delivers each event to those whose scope includes it. */
export class Hub {
  private readonly subscribers = new Set<Subscriber>();

  add(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  deliver(event: DomainEvent): void {
    const message = JSON.stringify(event.payload);
    for (const s of this.subscribers) {
      const { actor } = s;
      if (event.topic === COCKPIT_TOPIC) {
        if (event.entityId !== null && inScope(actor.cockpitScope, event.entityId)) s.send(message);
        continue;
      }
      const allowed =
        event.audience.includes(actor.personId) ||
        (actor.isStaff && event.entityId !== null && inScope(actor.scope, event.entityId));
      if (allowed) s.send(message);
    }
  }
}
