import type { NetworkCuts } from './network-cuts.js';
import { upstreamOf } from './upstream.js';

export interface CandidateTicket {
  id: number;
  number: string;
  title: string;
  createdAt: string;
  /** affected items (ticket_items, or the item of the ticket's site) */
  items: readonly number[];
}

export interface GroupDraft {
  upstream: number;
  /** oldest first; `path` runs from the upstream item down to the ticket's affected item */
  tickets: { ticket: CandidateTicket; path: number[] }[];
}

/** At most this many suggestions, most tickets first. */
export const MAX_SUGGESTIONS = 20;

interface Coverage {
  /** per ticket: the shortest path from the upstream item to one of its items */
  paths: Map<number, number[]>;
  /** tickets one of whose items is downstream of the upstream item, strictly */
  strict: number;
  /** tickets concerning the upstream item itself */
  self: number;
}

/** The tickets each upstream item covers; built once, then picked from for the actor. */
export interface Covers {
  candidates: readonly CandidateTicket[];
  byItem: Map<number, Coverage>;
  /** items that may be suggested (see pickSuggestions) */
  qualifying: number[];
}

/**
 * What each upstream item covers, in memory (the candidates and the dependency edges come from one
 * query, the network cuts from a cache). An item qualifies when it is strictly upstream of the items of
 * at least `minTickets` tickets, or when at least `minTickets` tickets concern it directly: a ticket
 * about a spur's first site and two behind it point at the spur's link, not at that site (upstream of
 * two only); three tickets on one server point at the server. A suggestion covers both kinds of ticket.
 */
export function coverTickets(
  candidates: readonly CandidateTicket[],
  deps: ReadonlyMap<number, readonly number[]>,
  net: NetworkCuts,
  minTickets: number,
): Covers {
  const upstreamCache = new Map<number, Map<number, number[]>>();
  const byItem = new Map<number, Coverage>();
  for (const [index, ticket] of candidates.entries()) {
    const seen = new Map<number, { path: number[]; strict: boolean; self: boolean }>();
    for (const item of ticket.items) {
      const ups = upstreamCache.get(item) ?? upstreamOf(item, deps, net);
      upstreamCache.set(item, ups);
      for (const [u, path] of ups) {
        const prior = seen.get(u);
        const self = u === item;
        if (!prior) seen.set(u, { path, strict: !self, self });
        else {
          if (path.length < prior.path.length) prior.path = path;
          prior.strict ||= !self;
          prior.self ||= self;
        }
      }
    }
    for (const [u, s] of seen) {
      const c = byItem.get(u) ?? { paths: new Map(), strict: 0, self: 0 };
      byItem.set(u, c);
      c.paths.set(index, s.path);
      if (s.strict) c.strict++;
      if (s.self) c.self++;
    }
  }
  const qualifying = [...byItem].filter(([, c]) => Math.max(c.strict, c.self) >= minTickets).map(([u]) => u);
  return { candidates, byItem, qualifying };
}

/**
 * The suggestions among the qualifying items the actor may see (`visible`): of the items covering
 * exactly the same tickets, only the most specific stay — an item is dropped when another one of the
 * same cover lies on all its paths (the ring site a spur hangs from, and the core router, give way to
 * the spur's link; a server's site to the server). Most tickets first, then the most recent.
 */
export function pickSuggestions(covers: Covers, visible: (id: number) => boolean): GroupDraft[] {
  const byCover = new Map<string, number[]>();
  for (const u of covers.qualifying) {
    if (!visible(u)) continue; // before pruning: a hidden item must not hide a visible one
    const c = covers.byItem.get(u) as Coverage;
    const key = [...c.paths.keys()].sort((a, b) => a - b).join(',');
    byCover.set(key, [...(byCover.get(key) ?? []), u]);
  }
  const drafts: GroupDraft[] = [];
  for (const items of byCover.values()) {
    for (const u of items) {
      const c = covers.byItem.get(u) as Coverage;
      const lowerOnEveryPath = items.some(
        (other) => other !== u && [...c.paths.values()].every((p) => p.indexOf(other) > 0),
      );
      if (lowerOnEveryPath) continue;
      const tickets = [...c.paths].map(([index, path]) => ({
        ticket: covers.candidates[index] as CandidateTicket,
        path,
      }));
      tickets.sort(
        (a, b) => a.ticket.createdAt.localeCompare(b.ticket.createdAt) || a.ticket.id - b.ticket.id,
      );
      drafts.push({ upstream: u, tickets });
    }
  }
  const last = (d: GroupDraft) => d.tickets.at(-1)?.ticket.createdAt ?? '';
  drafts.sort(
    (a, b) =>
      b.tickets.length - a.tickets.length || last(b).localeCompare(last(a)) || a.upstream - b.upstream,
  );
  return drafts.slice(0, MAX_SUGGESTIONS);
}
