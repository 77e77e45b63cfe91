/**
 * The network seen from the core, in memory: which items cut an item off from the core when they
 * fail. The network is every item joined by `connected_to` (sites, links, routers and switches; a link
 * is an item of its own with its two ends as neighbours), undirected. "Cut off from the core" is the
 * impact analysis's rule (docs/adr/0010): an item is impacted by the failure of X when no path joins
 * it to a core router without X.
 *
 * A virtual root joined to every core router turns that into a question about one root: X cuts v off
 * iff X is an articulation point separating v from the root, i.e. X dominates v. In an undirected
 * graph the dominators of v form a chain, found with one Tarjan depth-first search (O(V + E)):
 * with p the DFS parent of v, idom(v) = p when low(v) >= disc(p), else idom(p). Paths come from a
 * breadth-first tree from the root: every path from the core to v crosses each of v's dominators, so
 * the shortest one does, and its part from a dominator down to v is a shortest path too.
 */
export interface NetworkCuts {
  /** nearest item whose failure cuts this one off; null when none does (or it is not in the network) */
  readonly cutOf: ReadonlyMap<number, number | null>;
  /** the next item towards the core on a shortest path; absent for items the core cannot reach */
  readonly towardCore: ReadonlyMap<number, number>;
  readonly nodeCount: number;
}

const ROOT = 0; // item ids are positive

/** `edges` are connected_to relations (either direction); `core` the core routers' ids. */
export function analyseNetwork(
  edges: Iterable<readonly [number, number]>,
  core: Iterable<number>,
): NetworkCuts {
  const adjacency = new Map<number, Set<number>>();
  const join = (a: number, b: number) => {
    if (a === b) return;
    const set = adjacency.get(a);
    if (set) set.add(b);
    else adjacency.set(a, new Set([b]));
  };
  for (const [a, b] of edges) {
    join(a, b);
    join(b, a);
  }
  const nodeCount = adjacency.size;
  for (const c of core) {
    join(ROOT, c);
    join(c, ROOT);
  }
  const neighbours = new Map<number, number[]>();
  for (const [id, set] of adjacency) neighbours.set(id, [...set]);

  // Tarjan's DFS from the root, iterative (a spur chain can be deeper than the call stack)
  const disc = new Map<number, number>();
  const low = new Map<number, number>();
  const parent = new Map<number, number>();
  const order: number[] = [];
  const stack: { id: number; next: number }[] = [{ id: ROOT, next: 0 }];
  disc.set(ROOT, 0);
  low.set(ROOT, 0);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { id: number; next: number };
    const list = neighbours.get(top.id) ?? [];
    if (top.next < list.length) {
      const w = list[top.next++] as number;
      if (!disc.has(w)) {
        disc.set(w, disc.size);
        low.set(w, disc.get(w) as number);
        parent.set(w, top.id);
        order.push(w);
        stack.push({ id: w, next: 0 });
      } else if (w !== parent.get(top.id)) {
        low.set(top.id, Math.min(low.get(top.id) as number, disc.get(w) as number));
      }
    } else {
      stack.pop();
      const p = parent.get(top.id);
      if (p !== undefined) low.set(p, Math.min(low.get(p) as number, low.get(top.id) as number));
    }
  }

  // dominators in discovery order: a parent is settled before its children
  const cutOf = new Map<number, number | null>();
  for (const v of order) {
    const p = parent.get(v) as number;
    if (p === ROOT) cutOf.set(v, null);
    else cutOf.set(v, (low.get(v) as number) >= (disc.get(p) as number) ? p : (cutOf.get(p) ?? null));
  }
  // items the core cannot reach at all: nothing upstream in the network
  for (const v of neighbours.keys()) if (v !== ROOT && !cutOf.has(v)) cutOf.set(v, null);

  const towardCore = new Map<number, number>();
  const queue = [ROOT];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as number;
    for (const w of neighbours.get(v) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      if (v !== ROOT) towardCore.set(w, v);
      queue.push(w);
    }
  }
  return { cutOf, towardCore, nodeCount };
}

/** The items whose failure cuts `id` off from the core, nearest first. */
export function cutChain(net: NetworkCuts, id: number): number[] {
  const chain: number[] = [];
  for (let c = net.cutOf.get(id) ?? null; c !== null; c = net.cutOf.get(c) ?? null) chain.push(c);
  return chain;
}

/** A shortest path from `from` (one of `to`'s cuts) down to `to`, both included. */
export function networkPath(net: NetworkCuts, from: number, to: number): number[] {
  const path = [to];
  for (
    let v = net.towardCore.get(to);
    v !== undefined && path.length <= net.nodeCount;
    v = net.towardCore.get(v)
  ) {
    path.push(v);
    if (v === from) return path.reverse();
  }
  return [from, to]; // not on the way to the core: cannot happen for a cut, kept total
}
