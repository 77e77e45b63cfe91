import { sql } from 'drizzle-orm';
import { openDatabase } from '../../apps/server/src/db/client.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
import { bulkInsert } from '../../apps/server/src/demo/bulk.js';
import { ticketEvents } from '../../apps/server/src/db/schema.js';
const database = await openDatabase(process.argv[2] ? { url: process.argv[2] } : {});
await seedDemoIfEmpty(database.db, { log: () => {}, now: new Date('2026-11-29T15:00:00Z') });
const { rows } = await database.db.execute<{ ticket_id: number; entity_id: number; actor_id: number | null; kind: string; changes: any; comment_id: number | null; at: string }>(sql`select ticket_id::int, entity_id::int, actor_id::int, kind, changes, comment_id::int, created_at::text as at from ticket_events limit 40000`);
const evs = rows.map(r => ({ ticketId: r.ticket_id, entityId: r.entity_id, actorId: r.actor_id, kind: r.kind, changes: r.changes, commentId: r.comment_id, at: new Date(r.at) }));
for (const chunk of [1000, 5000, 20000]) {
  const t = performance.now();
  await database.db.transaction(async (tx) => { await bulkInsert(tx, ticketEvents, evs, { chunk }); });
  console.log('chunk', chunk, Math.round(performance.now() - t), 'ms for', evs.length);
}
const simple = evs.map(e => ({ ...e, changes: {} }));
let t = performance.now();
await database.db.transaction(async (tx) => { await bulkInsert(tx, ticketEvents, simple, { chunk: 5000 }); });
console.log('empty changes', Math.round(performance.now() - t));
const noref = evs.map(e => ({ ...e, changes: {}, actorId: null, commentId: null }));
t = performance.now();
await database.db.transaction(async (tx) => { await bulkInsert(tx, ticketEvents, noref, { chunk: 5000 }); });
console.log('no actor/comment FK', Math.round(performance.now() - t));
t = performance.now();
const json = JSON.stringify(evs);
console.log('stringify', Math.round(performance.now() - t), json.length);
await database.close();
