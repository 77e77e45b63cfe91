import { inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from './auth/actor.js';

/** The WHERE condition restricting `column` (an entity_id) to the scope; undefined means everything. */
export function scopeFilter(scope: Scope, column: PgColumn): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.entityIds.length === 0) return sql`false`;
  return inArray(column, [...scope.entityIds]);
}
