import pg from 'pg';
import type { Target } from './databases.js';
import { type ResultRow, summarize } from './stats.js';

/** The rows one API creation writes, as plain SQL: ticket with its search vector, history, outbox + NOTIFY. */
const INSERT_TICKET = `insert into tickets (number, type, title, description, status, channel, impact, urgency,
    priority, entity_id, requester_id, created_by, search)
  select n, 'incident', $1, $2, 'new', 'portal', 3, 3, 5, $3, $4, $4,
    setweight(to_tsvector('simple', n), 'A') || setweight(to_tsvector('guichet_french', $1), 'A')
    || setweight(to_tsvector('guichet_french', $2), 'B')
  from (select 'INC' || lpad(nextval('ticket_incident_number_seq')::text, 7, '0') as n) s
  returning id, number`;
const INSERT_EVENTS = `with written as (
    insert into ticket_events (ticket_id, entity_id, actor_id, kind, changes)
    values ($1, $2, $3, 'created', '{"status":{"from":null,"to":"new"}}')
  ), recorded as (
    insert into outbox (topic, entity_id, audience, payload) values ('ticket.changed', $2, $4::jsonb, $5::jsonb)
  )
  select pg_notify('guichet_events', $6::text)`;

interface Runner {
  run(title: string, description: string): Promise<void>;
  close(): Promise<void>;
}

async function runner(target: Target, entityId: number, personId: number): Promise<Runner> {
  const write = async (
    q: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>,
    title: string,
    description: string,
  ) => {
    const { rows } = await q(INSERT_TICKET, [title, description, entityId, personId]);
    const t = rows[0] as { id: number; number: string };
    const payload = JSON.stringify({
      type: 'ticket.changed',
      number: t.number,
      kind: 'created',
      status: 'new',
    });
    await q(INSERT_EVENTS, [t.id, entityId, personId, JSON.stringify([personId]), payload, payload]);
  };
  if (target.url) {
    const pool = new pg.Pool({ connectionString: target.url, max: 8 });
    pool.on('error', () => {});
    return {
      async run(title, description) {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await write((text, params) => c.query(text, params), title, description);
          await c.query('commit');
        } catch (err) {
          await c.query('rollback').catch(() => {});
          throw err;
        } finally {
          c.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const pglite = target.database.pglite;
  if (!pglite) throw new Error('no PGlite instance');
  return {
    run: (title, description) =>
      pglite.transaction((tx) => write((text, params) => tx.query(text, params), title, description)),
    close: async () => {},
  };
}

/**
 * PostgreSQL's own limit on this machine for what a creation writes: the same rows by raw SQL,
 * one transaction per ticket, at the same concurrency as the API runs. The API/raw ratio says how
 * much of the cost is Guichet (HTTP, auth, validation, ORM, response) rather than the database.
 */
export async function benchRawCreate(
  target: Target,
  requester: { entityId: number; personId: number },
  clients: number,
  seconds: number,
): Promise<ResultRow> {
  const r = await runner(target, requester.entityId, requester.personId);
  const latencies: number[] = [];
  let errors = 0;
  const warmupEnd = performance.now() + 1_000;
  const end = warmupEnd + seconds * 1_000;
  let i = 0;
  const client = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      const n = i++;
      try {
        await r.run(`Imprimante du 2e étage hors service ${n}`, "L'imprimante affiche « Erreur 49 ».");
        if (started >= warmupEnd) latencies.push(performance.now() - started);
      } catch (err) {
        if (errors++ === 0)
          console.log(`    first error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  await r.close();
  const summary = summarize(latencies, seconds * 1_000, errors);
  console.log(
    `  ${target.engine}: same rows by raw SQL, ${clients} client(s), ${seconds} s … ${Math.round(summary.rps)}/s, ` +
      `p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`,
  );
  return {
    part: 'create',
    engine: target.engine,
    scale: 'demo',
    label: 'same rows, raw SQL',
    clients,
    summary,
  };
}
