import { describe, expect, it } from 'vitest';
import type { Actor, Scope } from '../../platform/auth/actor.js';
import { COCKPIT_TOPIC, Hub } from '../../platform/events/hub.js';
import { changesOf } from './ticket-facts.consumer.js';

const none: Scope = { all: false, entityIds: [] };
const actor = (over: Partial<Actor>): Actor => ({
  personId: 1,
  name: 'x',
  email: 'x@example.org',
  language: 'fr',
  entityId: 1,
  entityName: 'x',
  roles: [],
  scope: none,
  adminScope: none,
  cockpitScope: none,
  isStaff: false,
  isAdmin: false,
  ...over,
});

describe('cockpit nudges on the stream', () => {
  it('reach the cockpit scope only: an observer of the commune, not an agent of it', () => {
    const hub = new Hub();
    const got: Record<string, string[]> = { observer: [], other: [], agent: [] };
    hub.add({
      actor: actor({ cockpitScope: { all: false, entityIds: [5] } }),
      send: (d) => got.observer?.push(d),
    });
    hub.add({
      actor: actor({ cockpitScope: { all: false, entityIds: [6] } }),
      send: (d) => got.other?.push(d),
    });
    hub.add({
      actor: actor({ isStaff: true, scope: { all: true, entityIds: [] } }),
      send: (d) => got.agent?.push(d),
    });
    hub.deliver({
      topic: COCKPIT_TOPIC,
      entityId: 5,
      audience: [],
      payload: { type: COCKPIT_TOPIC, entityId: 5 },
    });
    expect(got.observer).toEqual([JSON.stringify({ type: COCKPIT_TOPIC, entityId: 5 })]);
    expect(got.other).toEqual([]);
    expect(got.agent).toEqual([]);
    // and an observer gets nothing of the desk's ticket events
    hub.deliver({ topic: 'ticket.changed', entityId: 5, audience: [], payload: { type: 'ticket.changed' } });
    expect(got.observer).toHaveLength(1);
    expect(got.agent).toHaveLength(1);
  });
});

describe('facts consumer input', () => {
  it('reads ticket changes and started clocks, ignoring what it cannot use', () => {
    const row = (topic: string, payload: Record<string, unknown>) => ({
      id: 1,
      topic,
      entityId: 5,
      audience: [],
      payload,
      createdAt: new Date(),
    });
    expect(
      changesOf([
        row('ticket.changed', {
          number: 'INC1',
          kind: 'created',
          status: 'new',
          at: '2027-04-06T08:00:00Z',
          eventId: 9,
        }),
        row('sla.started', { numbers: ['INC1', 42] }),
        row('ticket.changed', { kind: 'updated' }),
        row('satisfaction.recorded', { ticketId: 1, score: 4 }),
      ]),
    ).toEqual([
      { number: 'INC1', kind: 'created', status: 'new', at: '2027-04-06T08:00:00Z', eventId: 9 },
      { number: 'INC1', kind: 'sla', status: null, at: null, eventId: null },
    ]);
  });
});
