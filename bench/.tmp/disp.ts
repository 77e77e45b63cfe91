import { openTarget } from '../src/databases.js';
import { startServer } from '../src/server.js';
const t = await openTarget('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
const s = await startServer(t);
const r = await fetch(`${s.baseUrl}/api/v1/health`); console.log('health', r.status);
console.log('closing server'); await s.close();
console.log('dispose'); await t.dispose(); console.log('done');
