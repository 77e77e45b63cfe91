import type { CiInput } from '@guichet/contracts';
import { expect } from 'vitest';
import { createPerson } from '../../test/factories.js';
import { as, login } from '../../test/harness.js';
import { directoryWorld } from '../directory/directory.test-support.js';

/**
 * The directory's test world (admin, desk, coordinator, Pessac agent and admin, requesters) plus an
 * agent of Mérignac, and a small inventory:
 * - Pessac's workstation owned by Camille (requesterPessac), at Pessac's town hall
 * - Mérignac's workstation owned by Louis
 * - the metropolis's server, and an application running on it, used by Pessac
 */
export async function cmdbWorld() {
  const t = await directoryWorld();
  const merignacAgent = await createPerson(t.db, {
    name: `Agent Mérignac ${t.w.tag}`,
    entityId: t.w.merignac.id,
    roles: [['agent', t.w.merignac.id]],
  });
  const merignacSession = await login(t.ctx.app, await t.emailOf(merignacAgent.id));
  const merignacApi = as(t.ctx.app, merignacSession);

  const create = async (body: CiInput) => {
    const res = await t.api('admin').post('/api/v1/cmdb/items', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; name: string; version: number };
  };
  const relate = async (kind: string, sourceId: number, targetId: number) => {
    const res = await t.api('admin').post('/api/v1/cmdb/relations', { kind, sourceId, targetId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number };
  };
  const tag = t.w.tag;
  const pessacPc = await create({
    class: 'workstation',
    name: `PC Accueil Mairie Pessac ${tag}`,
    entityId: t.w.pessac.id,
    siteId: t.w.pessacTownHall.id,
    ownerId: t.w.requesterPessac.id,
    serialNumber: `SN-PES-${tag}`,
    inventoryNumber: `INV-PES-${tag}`,
    hostname: `pes-acc-${tag}`,
    attributes: { manufacturer: 'Dell', os: 'Windows 11', ramGb: 16 },
  });
  const merignacPc = await create({
    class: 'workstation',
    name: `PC Élus Mérignac ${tag}`,
    entityId: t.w.merignac.id,
    siteId: t.w.merignacTownHall.id,
    ownerId: t.w.requesterMerignac.id,
    serialNumber: `SN-MER-${tag}`,
  });
  const server = await create({
    class: 'server',
    name: `Serveur applicatif ${tag}`,
    entityId: t.w.metropolis.id,
    attributes: { os: 'Debian 12', cpu: 8, ramGb: 32, virtual: true },
  });
  const app = await create({
    class: 'application',
    name: `État civil ${tag}`,
    entityId: t.w.metropolis.id,
    usedByEntityIds: [t.w.pessac.id],
    attributes: { vendor: 'Arpège', criticality: 'high' },
  });
  await relate('runs_on', app.id, server.id);
  return { ...t, merignacAgent, merignacApi, create, relate, items: { pessacPc, merignacPc, server, app } };
}
export type CmdbWorld = Awaited<ReturnType<typeof cmdbWorld>>;
