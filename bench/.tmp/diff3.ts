import { buildDemoData } from '../../apps/server/src/demo/seed.js';
const d = buildDemoData(new Date());
const all = d.tickets.flatMap((t) => t.comments);
const bad = all.filter((c) => Number.isNaN(c.at.getTime()));
console.log('nan', bad.length, 'total', all.length);
const sorted = [...all].sort((a, b) => a.at.getTime() - b.at.getTime());
let inv = 0; for (let i = 1; i < sorted.length; i++) if (sorted[i]!.at < sorted[i-1]!.at) inv++;
console.log('inversions after sort', inv);
// per ticket order vs time
let perTicket = 0; for (const t of d.tickets) for (let i = 1; i < t.comments.length; i++) if (t.comments[i]!.at < t.comments[i-1]!.at) perTicket++;
console.log('per-ticket out of order', perTicket);
