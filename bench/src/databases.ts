import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../apps/server/src/db/client.js';
import type { Engine } from './options.js';

/** A migrated database made for one run, and how to get rid of it. */
export interface Target {
  engine: Engine;
  database: Database;
  /** the scratch database's URL (PostgreSQL) */
  url: string | null;
  /** the folder holding the PGlite data and the app's files */
  dataDir: string;
  dispose(): Promise<void>;
}

const cleanups = new Set<() => Promise<void>>();

/** Drops whatever is still open: called at the end and on Ctrl-C. */
export async function disposeAll(): Promise<void> {
  for (const cleanup of [...cleanups]) await cleanup().catch((err) => console.error('cleanup failed:', err));
}

/**
 * pg's Pool.end() resolves before its sockets are closed, and the app's pool has no 'error'
 * listener: forcing the drop would kill those sessions and crash the process. Wait for them instead.
 */
async function dropWhenClosed(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await admin.query(`drop database if exists ${name}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006') throw err; // object_in_use
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}

export async function openTarget(engine: Engine, serverUrl: string): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'pglite') {
    const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
    const dispose = async () => {
      cleanups.delete(dispose);
      await database.close().catch(() => {});
      await removeDir();
    };
    cleanups.add(dispose);
    return { engine, database, url: null, dataDir, dispose };
  }
  const name = `guichet_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database | null = null;
  const dispose = async () => {
    cleanups.delete(dispose);
    await database?.close().catch(() => {});
    await dropWhenClosed(admin, name);
    await admin.end();
    await removeDir();
  };
  cleanups.add(dispose);
  database = await openDatabase({ url: url.toString() });
  return { engine, database, url: url.toString(), dataDir, dispose };
}
