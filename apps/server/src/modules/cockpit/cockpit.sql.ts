import { type SQL, sql } from 'drizzle-orm';

/** The entities a figure covers: a list, or null for every entity (a root-wide scope). */
export type EntityFilter = readonly number[] | null;

export const ZONE = 'Europe/Paris';

/** `column` restricted to the entities; nothing when the filter covers everything. */
export function inEntities(column: SQL, ids: EntityFilter): SQL {
  if (ids === null) return sql`true`;
  if (ids.length === 0) return sql`false`;
  return sql`${column} = any(${`{${ids.join(',')}}`}::bigint[])`;
}

/** Midnight at the start of a local date (YYYY-MM-DD), Europe/Paris, as an instant. */
export function startOfDay(date: string): SQL {
  return sql`(${date}::date::timestamp at time zone ${ZONE})`;
}

/** A number from a raw row: pg answers bigint and numeric as strings, PGlite as numbers. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export const int = (v: unknown): number => num(v) ?? 0;
