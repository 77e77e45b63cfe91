import { sql } from 'drizzle-orm';
import { backendPids, measureCpu } from './cpu.js';
import type { Target } from './databases.js';
import { runLoad } from './load.js';
import { benchRawCreate } from './raw.js';
import type { RunningServer } from './server.js';
import type { ResultRow } from './stats.js';

/** What a desk agent types for a call, varied so the French full-text index does real work. */
const bodies: [string, string][] = [
  [
    'Imprimante du 2e étage hors service',
    "L'imprimante affiche « Erreur 49 », plus personne ne peut imprimer.",
  ],
  ["Impossible d'ouvrir Ciril Finances", 'Message « connexion au serveur impossible » depuis ce matin.'],
  ['Mot de passe expiré', 'Mon mot de passe a expiré pendant mes congés, je ne peux plus ouvrir ma session.'],
  ['Écran noir au démarrage', "L'écran reste noir alors que l'unité centrale est allumée."],
  [
    'Wi‑Fi indisponible en salle du conseil',
    'Les tablettes des élus ne se connectent plus au réseau sans fil.',
  ],
  ['Outlook demande le mot de passe en boucle', 'Outlook redemande le mot de passe toutes les cinq minutes.'],
  ['Lecteur réseau inaccessible', "Le lecteur P: n'apparaît plus dans l'explorateur de fichiers."],
  ['Téléphone fixe sans tonalité', "Le poste affiche « enregistrement en cours » et n'a plus de tonalité."],
];

const BUDGET = { percentile: 'p99', maxMs: 25, minRps: 1_000 } as const;

/** POST /api/v1/tickets over HTTP at 1 and 8 concurrent clients, with an Idempotency-Key as the web app sends. */
export async function benchCreate(
  target: Target,
  server: RunningServer,
  token: string,
  seconds: number,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const cases: { clients: number; idempotency: boolean }[] = [
    { clients: 1, idempotency: true },
    { clients: 8, idempotency: true },
  ];
  if (target.engine === 'pg') cases.push({ clients: 8, idempotency: false });
  const [requester] = (
    await target.database.db.execute<{ entity_id: number; id: number }>(
      sql`select id::int, entity_id::int from people where email = 'agent1@guichet.example'`,
    )
  ).rows;
  if (!requester) throw new Error('demo data missing: agent1@guichet.example');
  for (const c of cases) {
    const label = c.idempotency ? 'POST /tickets' : 'POST /tickets, no Idempotency-Key';
    process.stdout.write(`  ${target.engine}: ${label}, ${c.clients} client(s), ${seconds} s … `);
    const [{ summary }, cpu] = await measureCpu(
      () =>
        runLoad({
          baseUrl: server.baseUrl,
          concurrency: c.clients,
          warmupMs: 2_000,
          durationMs: seconds * 1_000,
          request: {
            kind: 'create',
            headers: { authorization: `Bearer ${token}` },
            bodies,
            idempotency: c.idempotency,
          },
        }),
      (r) => r.result.sent,
      () => backendPids(target),
    );
    const pgCpu = target.engine === 'pg' ? cpu.dbMs : null;
    // what the creations left to the outbox consumers (clocks, notifications, webhooks): wait
    // until they have caught up, so the next case does not pay for this one's
    const drainStart = performance.now();
    while ((await server.app.outbox.dispatchOnce()) > 0) {}
    const drainSeconds = (performance.now() - drainStart) / 1000;
    console.log(
      `${Math.round(summary.rps)}/s, p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms, ` +
        `server thread ${cpu.appMs.toFixed(2)} ms/req` +
        (pgCpu === null ? '' : `, PostgreSQL ${pgCpu.toFixed(2)} ms CPU/req`) +
        (summary.errors ? `, ${summary.errors} errors` : '') +
        `; consumers caught up ${drainSeconds.toFixed(1)} s after the run` +
        ` (sustained ${Math.round(summary.n / (seconds + drainSeconds))}/s)`,
    );
    rows.push({
      part: 'create',
      engine: target.engine,
      scale: 'demo',
      label,
      clients: c.clients,
      summary,
      appMs: cpu.appMs,
      pgCpuMs: pgCpu,
      budget: target.engine === 'pg' && c.clients === 8 ? BUDGET : undefined,
    });
    if (c.idempotency) {
      const raw = await benchRawCreate(
        target,
        { entityId: requester.entity_id, personId: requester.id },
        c.clients,
        seconds,
      );
      rows.push(raw);
      console.log(`    API / raw SQL throughput: ${((summary.rps / raw.summary.rps) * 100).toFixed(0)} %`);
    }
  }
  return rows;
}
