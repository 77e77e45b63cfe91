import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config/config.js';
import { openDatabase } from '../../apps/server/src/db/client.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
const database = await openDatabase(process.argv[2] ? { url: process.argv[2] } : {});
await seedDemoIfEmpty(database.db, { log: console.log });
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/scratch/smoke-data' });
const app = await buildApp({ config, database, webRoot: null });
async function login(email: string) {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'demo' } });
  if (r.statusCode !== 200) throw new Error(`${email}: ${r.statusCode} ${r.body}`);
  const cookie = r.cookies.find((c) => c.name === 'guichet_session')!;
  return { cookie: `guichet_session=${cookie.value}`, csrf: r.json().csrfToken as string, user: r.json().user };
}
for (const email of ['agent1@guichet.example', 'agent.pessac@guichet.example', 'requester@guichet.example', 'requester.pessac@guichet.example', 'requester.merignac@guichet.example', 'admin@guichet.example', 'stephane.legall@pessac.fr']) {
  const s = await login(email);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const all = await get('/api/v1/tickets?limit=5');
  const q = await get('/api/v1/tickets?queue=all&limit=50');
  const counts = await get('/api/v1/tickets/counts');
  const search = await get('/api/v1/tickets?q=imprimante&limit=50');
  console.log(email, s.user.name, s.user.isStaff, 'list', all.statusCode, all.json().items?.map((i: any) => `${i.number} ${i.status} ${i.entity.name}`).join('; '));
  console.log('   queue', q.statusCode, q.json().items?.length, 'counts', counts.statusCode, counts.body.slice(0, 100), 'search', search.statusCode, search.json().items?.length);
  const first = all.json().items?.[0];
  if (first) {
    const d = await get(`/api/v1/tickets/${first.number}`);
    const ev = await get(`/api/v1/tickets/${first.number}/events`);
    console.log('   detail', d.statusCode, d.json().can, d.json().title, 'events', ev.statusCode, ev.body.slice(0, 300));
  }
  if (email === 'agent1@guichet.example') {
    const c = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { type: 'incident', title: 'Test', description: 'x' } });
    console.log('   create', c.statusCode, c.body.slice(0, 300));
  }
}
await app.close();
await database.close();
