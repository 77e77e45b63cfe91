import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { listenWithReconnect } from './pg-listener.js';

export interface RowsResult<T> {
  rows: T[];
}
/** Both drivers answer raw queries with `{ rows }`. */
export interface RowsQueryResultHKT extends PgQueryResultHKT {
  type: RowsResult<this['row']>;
}
/** No schema is attached: repositories use the query builder and raw SQL, never relational queries. */
type NoSchema = Record<string, never>;
export type Db = PgDatabase<RowsQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<RowsQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  pglite: PGlite | null;
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Walks up from this file to the committed migrations, so dist/ and src/ both find them. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('drizzle migrations folder not found');
}

export interface OpenOptions {
  url?: string;
  pgliteDir?: string;
  /** errors of idle connections; without a listener they would crash the process */
  onError?: (err: unknown) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const onError = opts.onError ?? ((err: unknown) => console.error('database connection error', err));
  if (opts.url) return openPostgres(opts.url, onError);
  return openPglite(opts.pgliteDir ?? 'memory://');
}

async function openPostgres(url: string, onError: (err: unknown) => void): Promise<Database> {
  // JIT compiles plans whose estimate passes jit_above_cost: 60–70 ms spent to save nothing on the
  // impact walk at 100,000 items (bench/README.md). Our queries are short; never pay for it.
  const pool = new pg.Pool({ connectionString: url, max: 20, options: '-c jit=off' });
  pool.on('error', onError);
  const db = drizzlePg({ client: pool }) as unknown as Db;
  await migratePg(db as never, { migrationsFolder: migrationsFolder() });
  return {
    db,
    kind: 'postgres',
    pglite: null,
    listen: (channel, onPayload) => listenWithReconnect(url, channel, onPayload, onError),
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite({ client }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: migrationsFolder() });
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => {
        // after close() PGlite rejects with "PGlite is closed"
        await unsubscribe().catch(() => {});
      };
    },
    close: () => client.close(),
  };
}
