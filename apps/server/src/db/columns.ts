import { bigint, customType, timestamp } from 'drizzle-orm/pg-core';

/** drizzle has no tsvector type. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const at = (name: string) => timestamp(name, { withTimezone: true });
