import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';

/** A row by the table's TypeScript property names; an `id` may be given for identity columns. */
export type BulkRow<T extends PgTable> = { [K in keyof T['$inferSelect']]?: T['$inferSelect'][K] };

export interface BulkOptions<T extends PgTable> {
  /** rows per statement */
  chunk?: number;
  /** columns computed in SQL from the other values, which are visible under the alias `t` */
  computed?: { [K in keyof T['$inferSelect']]?: SQL };
  /** values the computed columns read that are not columns (name → SQL type) */
  extra?: Record<string, string>;
}

/**
 * Inserts many rows with one parameter per statement: the rows travel as a JSON array that
 * `json_to_recordset` unpacks server-side. Column names and types come from the Drizzle table, so
 * the seed follows the schema; two properties mapped to one column keep the first one's value.
 */
export async function bulkInsert<T extends PgTable, E extends Record<string, unknown> = Record<never, never>>(
  db: DbOrTx,
  table: T,
  rows: readonly (BulkRow<T> & E)[],
  opts: BulkOptions<T> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const computed = (opts.computed ?? {}) as Record<string, SQL | undefined>;
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) present.add(key);

  const fields: { key: string; column: PgColumn }[] = [];
  const targets: { column: PgColumn; value: SQL }[] = [];
  const names = new Set<string>();
  let identity = false;
  for (const [key, column] of Object.entries(columns)) {
    if (names.has(column.name) || column.generated) continue;
    const expression = computed[key];
    if (expression) {
      names.add(column.name);
      targets.push({ column, value: expression });
    } else if (present.has(key)) {
      names.add(column.name);
      fields.push({ key, column });
      targets.push({ column, value: sql`t.${sql.identifier(column.name)}` });
      if (column.generatedIdentity) identity = true;
    }
  }
  const extra = Object.entries(opts.extra ?? {});
  for (const key of present) {
    if (!(key in columns) && !opts.extra?.[key])
      throw new Error(`${getTableName(table)} has no column ${key}`);
  }
  // computed expressions may read any given field, so the record holds every field
  const recordColumns = sql.join(
    [
      ...fields.map((f) => sql`${sql.identifier(f.column.name)} ${sql.raw(f.column.getSQLType())}`),
      ...extra.map(([name, type]) => sql`${sql.identifier(name)} ${sql.raw(type)}`),
    ],
    sql`, `,
  );
  const columnList = sql.join(
    targets.map((t) => sql.identifier(t.column.name)),
    sql`, `,
  );
  const selectList = sql.join(
    targets.map((t) => t.value),
    sql`, `,
  );
  const chunk = opts.chunk ?? 5_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(
      rows.slice(i, i + chunk).map((row) => {
        const out: Record<string, unknown> = {};
        const values = row as Record<string, unknown>;
        for (const f of fields) out[f.column.name] = values[f.key] ?? null;
        for (const [name] of extra) out[name] = values[name] ?? null;
        return out;
      }),
    );
    await db.execute(sql`insert into ${table} (${columnList})
      ${identity ? sql`overriding system value` : sql``}
      select ${selectList} from json_to_recordset(${json}::json) as t(${recordColumns})`);
  }
}

/** Takes `count` values from the identity sequence of `table.id`, so rows can reference each other. */
export async function allocateIds(db: DbOrTx, table: PgTable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const name = getTableName(table);
  const { rows } = await db.execute<{ id: string }>(sql`
    select nextval(s.seq)::text as id
    from (select pg_get_serial_sequence(${name}, 'id')::regclass as seq) s, generate_series(1, ${count})`);
  return rows.map((r) => Number(r.id));
}

/** Gives every node an id, in order. */
export async function assignIds(db: DbOrTx, table: PgTable, nodes: readonly { id: number }[]): Promise<void> {
  const ids = await allocateIds(db, table, nodes.length);
  nodes.forEach((node, i) => {
    node.id = ids[i] as number;
  });
}
