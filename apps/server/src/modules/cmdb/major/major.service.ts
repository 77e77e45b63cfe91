import type {
  CiClass,
  MajorIncidentCreated,
  MajorIncidentSuggestion,
  MajorIncidentSuggestions,
  MajorIncidentSuggestionsQuery,
  majorIncidentCreateSchema,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import { invalid } from '../../../platform/errors.js';
import { once } from '../../../platform/http/idempotency.js';
import { recordTicketChange, type TicketGrouping } from '../../tickets/index.js';
import { requireCmdbReader } from '../cmdb.policy.js';
import { appendEvent, findItem, linkTicket } from '../cmdb.repository.js';
import { coverTickets, pickSuggestions } from './grouping.js';
import { candidatesAndDeps, itemFacts } from './major.repository.js';
import { createNetworkCache } from './network-cache.js';

type CreateInput = z.output<typeof majorIncidentCreateSchema>;

const defaultTitle = (actor: Actor, item: string) =>
  actor.language === 'en' ? `Major incident: ${item}` : `Incident majeur : ${item}`;
const description = (actor: Actor, item: string, numbers: readonly string[]) =>
  actor.language === 'en'
    ? `Groups ${numbers.length} tickets about items downstream of “${item}”: ${numbers.join(', ')}.`
    : `Regroupe ${numbers.length} tickets concernant des éléments en aval de « ${item} » : ${numbers.join(', ')}.`;

/** Major incidents: suggestions of tickets to group by a shared upstream item, and the grouping itself. */
export function createMajorIncidentService({
  db,
  clock,
  grouping,
}: {
  db: Db;
  clock: Clock;
  grouping: TicketGrouping;
}) {
  const networkCuts = createNetworkCache(db);
  const ticketHistory = recordTicketChange(clock);
  return {
    async suggestions(actor: Actor, q: MajorIncidentSuggestionsQuery): Promise<MajorIncidentSuggestions> {
      requireCmdbReader(actor);
      const since = new Date(clock.now().getTime() - q.windowMinutes * 60_000);
      const [net, { candidates, deps }] = await Promise.all([
        networkCuts(),
        candidatesAndDeps(db, actor, since),
      ]);
      if (candidates.length < q.minTickets) return { ...q, items: [] };
      const covers = coverTickets(candidates, deps, net, q.minTickets);
      // a cause the actor cannot see is not theirs to group under: filtered before the pruning
      const facts = await itemFacts(db, actor, covers.qualifying);
      const drafts = pickSuggestions(covers, (id) => facts.get(id)?.visible === true);
      const onPaths = new Set<number>();
      for (const d of drafts) for (const t of d.tickets) for (const id of t.path) onPaths.add(id);
      const more = await itemFacts(
        db,
        actor,
        [...onPaths].filter((id) => !facts.has(id)),
      );
      for (const [id, f] of more) facts.set(id, f);
      const step = (id: number) => {
        const f = facts.get(id);
        // every id on a path was read in this request; one deleted meanwhile shows as hidden
        return { id, class: (f?.class ?? 'site') as CiClass, name: f?.visible ? f.name : null };
      };
      const items: MajorIncidentSuggestion[] = [];
      for (const d of drafts) {
        const up = facts.get(d.upstream);
        if (!up) continue;
        items.push({
          upstream: { id: up.id, name: up.name, class: up.class as CiClass },
          ticketCount: d.tickets.length,
          firstAt: d.tickets[0]?.ticket.createdAt ?? '',
          lastAt: d.tickets.at(-1)?.ticket.createdAt ?? '',
          tickets: d.tickets.map(({ ticket, path }) => ({
            number: ticket.number,
            title: ticket.title,
            createdAt: ticket.createdAt,
            item: step(path.at(-1) as number),
            path: path.map(step),
          })),
        });
      }
      return { ...q, items };
    },

    /**
     * A parent incident on the upstream item with the tickets as its children, in one transaction
     * (the tickets module writes the tickets; the item link and its histories are the CMDB's). With an
     * Idempotency-Key, a retry gets the first answer back.
     */
    async create(actor: Actor, input: CreateInput, idempotencyKey?: string) {
      requireCmdbReader(actor);
      const run = async (): Promise<MajorIncidentCreated> => {
        const item = await findItem(db, actor, input.upstreamItemId);
        if (!item) throw invalid('upstreamItemId', 'unknown item');
        return grouping.createParentIncident(
          actor,
          {
            title: input.title ?? defaultTitle(actor, item.name),
            description: description(actor, item.name, input.ticketNumbers),
            childNumbers: input.ticketNumbers,
          },
          async (tx, parent) => {
            await linkTicket(tx, parent.id, item.id, actor.personId);
            await appendEvent(tx, [item.id], actor.personId, 'linked_ticket', {
              ticket: { from: null, to: parent.number },
            });
            await ticketHistory(tx, actor, parent, { item: { from: null, to: item.name } });
          },
        );
      };
      return once(db, actor.personId, idempotencyKey, 201, run);
    },
  };
}
export type MajorIncidentService = ReturnType<typeof createMajorIncidentService>;
