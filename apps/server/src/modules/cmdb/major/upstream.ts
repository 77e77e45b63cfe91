import { cutChain, type NetworkCuts, networkPath } from './network-cuts.js';

/**
 * What is upstream of an item: every item whose failure reaches it in the impact analysis
 * (docs/adr/0010), each with a path from it down to the item. Exactly the reverse of that walk:
 * - dependency edges, reversed (`deps` maps an item to the items it directly depends on: the targets of
 *   its runs_on / depends_on / located_at, the sources of part_of / used_by pointing at it), followed
 *   to any depth;
 * - then, for the item and every item reached so, the network items that cut it off from the core.
 * Failures do not chain back into the network (a cut of the switch's site does not cut what is behind
 * the switch), so the network cuts are not followed by more dependency steps.
 */
export function upstreamOf(
  item: number,
  deps: ReadonlyMap<number, readonly number[]>,
  net: NetworkCuts,
): Map<number, number[]> {
  const pathTo = new Map<number, number[]>([[item, [item]]]);
  const queue = [item];
  for (let i = 0; i < queue.length; i++) {
    const z = queue[i] as number;
    const below = pathTo.get(z) as number[];
    for (const u of deps.get(z) ?? []) {
      if (pathTo.has(u)) continue;
      pathTo.set(u, [u, ...below]);
      queue.push(u);
    }
  }
  const result = new Map(pathTo);
  for (const z of queue) {
    const below = pathTo.get(z) as number[];
    for (const c of cutChain(net, z)) {
      if (!result.has(c)) result.set(c, [...networkPath(net, c, z), ...below.slice(1)]);
    }
  }
  return result;
}
