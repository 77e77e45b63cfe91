import { describe, expect, it } from 'vitest';
import { analyseNetwork, cutChain, networkPath } from './network-cuts.js';

/**
 * Two core routers 1 and 2 joined by link 3; a ring 1 ─10─ 11 ─12─ 13 ─14─ 2 (sites 11, 13 between
 * links); a spur 13 ─20─ 21 ─22─ 23; an island 30 ─31─ 32 the core cannot reach.
 */
const edges: [number, number][] = [
  [1, 3],
  [2, 3],
  [1, 10],
  [11, 10],
  [11, 12],
  [13, 12],
  [13, 14],
  [2, 14],
  [13, 20],
  [21, 20],
  [21, 22],
  [23, 22],
  [30, 31],
  [32, 31],
];
const net = analyseNetwork(edges, [1, 2]);

describe('network cuts', () => {
  it('nothing on a ring between two core routers cuts anything off', () => {
    for (const id of [1, 2, 3, 10, 11, 12, 13, 14]) expect(cutChain(net, id), String(id)).toEqual([]);
  });
  it('a spur is cut off by its links and sites, nearest first, up to the ring site it hangs from', () => {
    expect(cutChain(net, 23)).toEqual([22, 21, 20, 13]);
    expect(cutChain(net, 20)).toEqual([13]);
    expect(networkPath(net, 13, 23)).toEqual([13, 20, 21, 22, 23]);
    expect(networkPath(net, 21, 23)).toEqual([21, 22, 23]);
  });
  it('with one core router, the router cuts everything; unreachable items have no cut', () => {
    const one = analyseNetwork(edges, [1]);
    expect(cutChain(one, 11)).toEqual([1]);
    expect(cutChain(one, 2)).toEqual([1]); // through link 3 or round the ring
    expect(cutChain(one, 32)).toEqual([]);
    expect(cutChain(one, 999)).toEqual([]);
  });
  it('handles a long chain without recursion', () => {
    const chain: [number, number][] = [];
    for (let i = 1; i < 50_000; i++) chain.push([i, i + 1]);
    const long = analyseNetwork(chain, [1]);
    expect(cutChain(long, 50_000)).toHaveLength(49_999);
  });
});
