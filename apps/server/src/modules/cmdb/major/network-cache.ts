import type { DbOrTx } from '../../../db/client.js';
import { loadNetwork, networkFingerprint } from './major.repository.js';
import { analyseNetwork, type NetworkCuts } from './network-cuts.js';

/**
 * The network's cuts, computed once per network change: each call asks the database for the
 * network's fingerprint (one small aggregate) and analyses the network again only when it moved. Every
 * process keeps its own copy, so several processes on one PostgreSQL stay right without coordination.
 */
export function createNetworkCache(db: DbOrTx) {
  let cached: { fingerprint: string; cuts: NetworkCuts } | null = null;
  let building: Promise<{ fingerprint: string; cuts: NetworkCuts }> | null = null;
  return async function networkCuts(): Promise<NetworkCuts> {
    const fingerprint = await networkFingerprint(db);
    if (cached?.fingerprint === fingerprint) return cached.cuts;
    // concurrent requests after a change share one analysis
    if (!building) {
      building = (async () => {
        const { edges, core } = await loadNetwork(db);
        return { fingerprint, cuts: analyseNetwork(edges, core) };
      })().finally(() => {
        building = null;
      });
    }
    const built = await building;
    cached = built;
    return built.cuts;
  };
}
export type NetworkCache = ReturnType<typeof createNetworkCache>;
