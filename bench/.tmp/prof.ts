import { readFileSync } from 'node:fs';
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const [file, fromS = '0', toS = '1e9'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const cat = (url: string, fn: string) => {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const a = /\/work\/main\/(.*)/.exec(url); return a ? a[1]! : url;
};
const self = new Map<string, number>(); const selfCat = new Map<string, number>(); const inclCat = new Map<string, number>();
let t = 0; let total = 0;
const from = Number(fromS) * 1e6, to = Number(toS) * 1e6;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i]!;
  if (t < from || t > to) continue;
  const dt = p.timeDeltas[i + 1] ?? 0; total += dt;
  const n = byId.get(p.samples[i]!)!;
  const c = cat(n.callFrame.url, n.callFrame.functionName);
  selfCat.set(c, (selfCat.get(c) ?? 0) + dt);
  const key = `${n.callFrame.functionName || '(anon)'} ${c}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  // inclusive by category (count each category once per stack)
  const seen = new Set<string>(); let id: number | undefined = n.id;
  while (id !== undefined) { const m = byId.get(id)!; const cc = cat(m.callFrame.url, m.callFrame.functionName); if (!seen.has(cc)) { seen.add(cc); inclCat.set(cc, (inclCat.get(cc) ?? 0) + dt); } id = parent.get(id); }
}
const pr = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `${(v / 1e3).toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${n}`).join('\n');
console.log('window total', (total / 1e6).toFixed(1), 's; profile length', (t / 1e6).toFixed(1), 's');
console.log('\nSELF by package/file\n' + pr(selfCat, 25));
console.log('\nINCLUSIVE by package/file\n' + pr(inclCat, 30));
console.log('\nTOP self functions\n' + pr(self, 30));
// inclusive per app function (once per stack)
const inclFn = new Map<string, number>();
{
  let t2 = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t2 += p.timeDeltas[i]!;
    if (t2 < from || t2 > to) continue;
    const dt = p.timeDeltas[i + 1] ?? 0;
    const seen = new Set<string>(); let id: number | undefined = p.samples[i];
    while (id !== undefined) { const m = byId.get(id)!; const u = m.callFrame.url;
      if (u.includes('apps/server/src') || /drizzle-orm\/(pg-core|sql|pglite|node-postgres)|fastify\/lib|zod|pg\/lib|helmet|cookie|type-provider/.test(u)) { const k = `${m.callFrame.functionName || '(anon)'} ${cat(u, '')}:${m.callFrame.lineNumber}`; if (!seen.has(k)) { seen.add(k); inclFn.set(k, (inclFn.get(k) ?? 0) + dt); } }
      id = parent.get(id); }
  }
}
console.log('\nINCLUSIVE app/library functions\n' + pr(inclFn, 60));
