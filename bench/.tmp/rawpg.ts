import pg from 'pg';
import { openTarget } from '../src/databases.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
const t = await openTarget('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
await seedDemoIfEmpty(t.database.db, { log: () => {} });
const pool = new pg.Pool({ connectionString: t.url!, max: 8 });
async function one(c: pg.PoolClient, i: number) {
  await c.query('begin');
  const { rows } = await c.query(`insert into tickets (number, type, title, description, status, channel, impact, urgency, priority, entity_id, requester_id, created_by, search)
   values ('X' || nextval('ticket_incident_number_seq'), 'incident', $1, $2, 'new', 'portal', 3, 3, 5, 3, 4, 4,
   setweight(to_tsvector('simple', 'INC1'), 'A') || setweight(to_tsvector('french', $1), 'A') || setweight(to_tsvector('french', $2), 'B')) returning id`, ['Imprimante du 2e étage hors service ' + i, "L'imprimante affiche « Erreur 49 », plus personne ne peut imprimer."]);
  await c.query(`insert into ticket_events (ticket_id, entity_id, actor_id, kind, changes) values ($1, 3, 4, 'created', '{"status":{"from":null,"to":"new"}}')`, [rows[0].id]);
  await c.query(`insert into outbox (topic, entity_id, audience, payload) values ('ticket.changed', 3, '[4]', '{"a":1}')`);
  await c.query(`select pg_notify('guichet_events', 'x')`);
  await c.query('commit');
}
for (const conc of [1, 8]) {
  let n = 0; const end = Date.now() + 5000; const lat: number[] = [];
  await Promise.all(Array.from({ length: conc }, async () => { const c = await pool.connect(); while (Date.now() < end) { const s = performance.now(); await one(c, n++); lat.push(performance.now() - s); } c.release(); }));
  lat.sort((a, b) => a - b);
  console.log(`raw SQL create, ${conc} clients: ${(n / 5).toFixed(0)}/s p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(2)} p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(2)}`);
}
await pool.end();
await t.dispose();
