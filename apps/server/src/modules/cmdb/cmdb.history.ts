import type { CiEvent } from '@guichet/contracts';
import type { DbOrTx } from '../../db/client.js';
import { referenceNames } from './cmdb.repository.js';

type Kind = 'entities' | 'sites' | 'people';
/** History fields that hold ids, and where their names live. */
const referenceFields: Record<string, Kind> = {
  entityId: 'entities',
  siteId: 'sites',
  ownerId: 'people',
  usedByEntityIds: 'entities',
};

const idsOf = (v: unknown): number[] =>
  typeof v === 'number' ? [v] : Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];

/**
 * History rows keep ids (names change; the row must not). For display, each id becomes `{ id, name }`, named
 * as of today; an id whose record is gone keeps a "#id" name.
 */
export async function nameReferences(db: DbOrTx, events: CiEvent[]): Promise<CiEvent[]> {
  const wanted: Record<Kind, number[]> = { entities: [], sites: [], people: [] };
  for (const e of events)
    for (const [field, change] of Object.entries(e.changes)) {
      const kind = referenceFields[field];
      if (kind) wanted[kind].push(...idsOf(change.from), ...idsOf(change.to));
    }
  if (wanted.entities.length + wanted.sites.length + wanted.people.length === 0) return events;
  const names = await referenceNames(db, {
    entityIds: wanted.entities,
    siteIds: wanted.sites,
    personIds: wanted.people,
  });
  const named = (kind: Kind, v: unknown): unknown => {
    const one = (id: number) => ({ id, name: names[kind].get(id) ?? `#${id}` });
    if (typeof v === 'number') return one(v);
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? one(x) : x));
    return v;
  };
  return events.map((e) => ({
    ...e,
    changes: Object.fromEntries(
      Object.entries(e.changes).map(([field, change]) => {
        const kind = referenceFields[field];
        return [field, kind ? { from: named(kind, change.from), to: named(kind, change.to) } : change];
      }),
    ),
  }));
}
