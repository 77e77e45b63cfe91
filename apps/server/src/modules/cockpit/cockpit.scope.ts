import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { EntityFilter } from './cockpit.sql.js';

/** Whether the actor may open the cockpit at all: a coordinator, admin or observer role somewhere. */
export function canSeeCockpit(actor: Actor): boolean {
  return actor.cockpitScope.all || actor.cockpitScope.entityIds.length > 0;
}

/**
 * The entities a cockpit request covers: the actor's cockpit scope, narrowed to an entity and its
 * sub-entities when one is asked for. Asking for an entity outside the scope is refused (403): the
 * cockpit lists the entities of the scope, so their existence is no secret to its viewers.
 */
export async function cockpitEntities(db: DbOrTx, actor: Actor, entityId?: number): Promise<EntityFilter> {
  const scope = actor.cockpitScope;
  if (!canSeeCockpit(actor)) throw forbidden('The cockpit is for coordinators, administrators and observers');
  if (entityId === undefined) return scope.all ? null : scope.entityIds;
  if (!inScope(scope, entityId)) throw forbidden('This entity is outside your cockpit scope');
  const { rows } = await db.execute<{ id: number | string }>(sql`
    select d.id from entities e join entities d on d.path like e.path || '%' where e.id = ${entityId}`);
  if (rows.length === 0) throw notFound('Entity');
  const ids = rows.map((r) => Number(r.id));
  return scope.all ? ids : ids.filter((id) => inScope(scope, id));
}
