import type { Settings } from '@guichet/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { defaultPriorityMatrix } from '../tickets/priority.js';
import { settings } from './directory.table.js';

const defaults: Settings = { priorityMatrix: defaultPriorityMatrix, reopenDays: 10 };
const keys = ['priorityMatrix', 'reopenDays'] as const;

let cached: { value: Settings; expires: number } | null = null;

/** Instance settings with defaults; cached a few seconds since every ticket write reads them. */
export async function readSettings(db: DbOrTx): Promise<Settings> {
  if (cached && cached.expires > Date.now()) return cached.value;
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, [...keys]));
  const value: Settings = { ...defaults };
  for (const row of rows) Object.assign(value, { [row.key]: row.value });
  cached = { value, expires: Date.now() + 5_000 };
  return value;
}

export async function writeSettings(db: DbOrTx, patch: Partial<Settings>): Promise<void> {
  for (const key of keys) {
    const value = patch[key];
    if (value === undefined) continue;
    await db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  }
  cached = null;
}

export async function deleteSetting(db: DbOrTx, key: string): Promise<void> {
  await db.delete(settings).where(eq(settings.key, key));
  cached = null;
}

/** Drops this process's cached copy (after a committed change). */
export function forgetSettings(): void {
  cached = null;
}
