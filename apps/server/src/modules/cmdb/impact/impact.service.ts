import type { CiImpact } from '@guichet/contracts';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { notFound } from '../../../platform/errors.js';
import { requireCmdbReader } from '../cmdb.policy.js';
import { findItem } from '../cmdb.repository.js';
import { impactOf } from './impact.repository.js';

/** Impact analysis: staff only (403 otherwise), the item must be visible (404 otherwise). */
export function createImpactService({ db }: { db: DbOrTx }) {
  return {
    async impact(actor: Actor, id: number): Promise<CiImpact> {
      requireCmdbReader(actor);
      const item = await findItem(db, actor, id);
      if (!item) throw notFound('Item');
      const result = await impactOf(db, actor, id);
      return { item: { id: item.id, name: item.name, class: item.class }, ...result };
    },
  };
}
export type ImpactService = ReturnType<typeof createImpactService>;
