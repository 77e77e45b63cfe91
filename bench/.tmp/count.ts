import pg from 'pg';
import { openTarget } from '../src/databases.js';
import { startServer, apiToken } from '../src/server.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
const t = await openTarget('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
await seedDemoIfEmpty(t.database.db, { log: () => {} });
const s = await startServer(t);
const token = await apiToken(s.baseUrl, 'agent1@guichet.example');
const orig = pg.Client.prototype.query;
let log: string[] = [];
(pg.Client.prototype as any).query = function (q: any, ...rest: any[]) { log.push(typeof q === 'string' ? q : q?.text ?? String(q)); return (orig as any).call(this, q, ...rest); };
for (const key of [true, false]) {
  for (let i = 0; i < 2; i++) {
    log = [];
    const r = await fetch(`${s.baseUrl}/api/v1/tickets`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': `k${i}` } : {}) }, body: JSON.stringify({ type: 'incident', title: 'Imprimante du 2e étage hors service', description: 'x' }) });
    console.log(r.status, 'key', key, 'queries', log.length);
    if (i === 1) console.log(log.map((q) => '   ' + q.replace(/\s+/g, ' ').slice(0, 150)).join('\n'));
  }
}
await s.close(); await t.dispose();
