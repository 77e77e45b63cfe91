import { openTarget } from '../src/databases.js';
import { startServer, apiToken } from '../src/server.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
const engine = (process.argv[2] ?? 'pg') as 'pg' | 'pglite';
const t = await openTarget(engine, 'postgres://postgres@127.0.0.1:5432/postgres');
await seedDemoIfEmpty(t.database.db, { log: () => {} });
const s = await startServer(t);
const token = await apiToken(s.baseUrl, 'agent1@guichet.example');
const body = JSON.stringify({ type: 'incident', title: 'Imprimante du 2e étage hors service', description: "L'imprimante affiche « Erreur 49 »" });
const stat = (l: number[]) => { l.sort((a, b) => a - b); return `p50 ${l[l.length >> 1]!.toFixed(2)} p90 ${l[Math.floor(l.length * 0.9)]!.toFixed(2)}`; };
for (const round of [1, 2]) {
  let l: number[] = [];
  for (let i = 0; i < 300; i++) { const a = performance.now(); const r = await s.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: body }); if (r.statusCode !== 201) throw new Error(r.body); l.push(performance.now() - a); }
  console.log(round, 'inject create', stat(l));
  l = [];
  for (let i = 0; i < 300; i++) { const a = performance.now(); const r = await fetch(`${s.baseUrl}/api/v1/tickets`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body }); await r.text(); l.push(performance.now() - a); }
  console.log(round, 'fetch create', stat(l));
  l = [];
  for (let i = 0; i < 300; i++) { const a = performance.now(); const r = await s.app.inject({ method: 'GET', url: '/api/v1/health' }); l.push(performance.now() - a); }
  console.log(round, 'inject health', stat(l));
  l = [];
  for (let i = 0; i < 300; i++) { const a = performance.now(); await t.database.db.execute('select 1' as any); l.push(performance.now() - a); }
  console.log(round, 'select 1', stat(l));
}
await s.close(); await t.dispose();
