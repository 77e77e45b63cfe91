import { type AgentHardware, type AgentSoftware, type CiClass, ciAttributeSchemas } from '@guichet/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ciEvents, configItems } from '../cmdb/index.js';

type Changes = Record<string, { from: unknown; to: unknown }>;
// an agent also runs on servers already in the inventory; a new machine is created as a workstation
const WORKSTATION_CLASSES: CiClass[] = ['workstation', 'laptop', 'server'];
/** Values firmware leaves in the serial field when the maker filled nothing in. */
const PLACEHOLDER_SERIALS = new Set([
  '',
  '-',
  '0',
  'none',
  'n/a',
  'na',
  'default string',
  'to be filled by o.e.m.',
  'system serial number',
  'not specified',
  '0123456789',
]);

/** A serial number worth reconciling on, or null for the placeholders firmware reports. */
export function usableSerial(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  return PLACEHOLDER_SERIALS.has(value.toLowerCase()) ? null : value;
}

const GIB = 1024 ** 3;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * The typed attributes of a workstation item taken from an inventory: only those the class's schema
 * knows (a laptop has no fixed IP), blank values left out, and the other existing attributes
 * (purchase date, typed by hand) kept.
 */
export function inventoryAttributes(
  ciClass: CiClass,
  current: Record<string, unknown>,
  hw: AgentHardware,
): Record<string, unknown> {
  const os = [hw.os.distro, hw.os.release].filter(Boolean).join(' ').slice(0, 100);
  const ip = hw.network.find((n) => n.isDefault && IPV4.test(n.ip4))?.ip4;
  const found: Record<string, unknown> = {
    manufacturer: hw.manufacturer || undefined,
    model: hw.model || undefined,
    os: os || undefined,
    ramGb: hw.memoryBytes > 0 ? Math.min(1024, Math.max(1, Math.round(hw.memoryBytes / GIB))) : undefined,
    ip,
  };
  const schema = ciAttributeSchemas[ciClass];
  const keys = new Set(Object.keys(schema.shape));
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(found)) {
    if (value !== undefined && keys.has(key)) next[key] = value;
  }
  const parsed = schema.safeParse(next);
  // a hand-typed attribute the schema no longer accepts: keep the item as it was rather than fail the report
  return parsed.success ? parsed.data : current;
}

/** What changed in the software list, for the item's history (names only, capped). */
export function softwareDelta(before: AgentSoftware | null, after: AgentSoftware) {
  const key = (s: { name: string; version: string }) => `${s.name} ${s.version}`;
  const old = new Set((before ?? []).map(key));
  const now = new Set(after.map(key));
  const added = [...now].filter((s) => !old.has(s));
  const removed = [...old].filter((s) => !now.has(s));
  return { added, removed };
}

export interface Reconciled {
  ciId: number;
  created: boolean;
}

/**
 * Finds the workstation item of an agent, or creates it in the agent's entity, and writes what the
 * inventory changed as one history line (actor: none, the agent). Matching order: the item the agent
 * already reported into, then the serial number, then the hostname, among the entity's workstations,
 * laptops and servers (the same order as the spreadsheet import, without the inventory number a machine
 * cannot know).
 */
export async function reconcileWorkstation(
  tx: DbOrTx,
  input: {
    agentCiId: number | null;
    entityId: number;
    hostname: string;
    hardware: AgentHardware;
    software: AgentSoftware;
    previousSoftware: AgentSoftware | null;
    now: Date;
  },
): Promise<Reconciled> {
  const serial = usableSerial(input.hardware.serialNumber);
  const item = await findCandidate(tx, input.agentCiId, input.entityId, serial, input.hostname);
  const delta = softwareDelta(input.previousSoftware, input.software);

  if (!item) {
    const attributes = inventoryAttributes('workstation', {}, input.hardware);
    const [row] = await tx
      .insert(configItems)
      .values({
        class: 'workstation',
        name: input.hostname,
        status: 'deployed',
        entityId: input.entityId,
        serialNumber: serial,
        hostname: input.hostname,
        attributes,
      })
      .returning({ id: configItems.id });
    if (!row) throw new Error('config item insert failed');
    const changes: Changes = {
      class: { from: null, to: 'workstation' },
      name: { from: null, to: input.hostname },
      status: { from: null, to: 'deployed' },
      entityId: { from: null, to: input.entityId },
      hostname: { from: null, to: input.hostname },
      source: { from: null, to: 'agent' },
      software: { from: null, to: input.software.length },
    };
    if (serial) changes.serialNumber = { from: null, to: serial };
    for (const [key, value] of Object.entries(attributes))
      changes[`attributes.${key}`] = { from: null, to: value };
    await tx.insert(ciEvents).values({ ciId: row.id, actorId: null, kind: 'created', changes });
    return { ciId: row.id, created: true };
  }

  const changes: Changes = {};
  const set: Partial<typeof configItems.$inferInsert> = {};
  if (item.hostname !== input.hostname) {
    changes.hostname = { from: item.hostname, to: input.hostname };
    set.hostname = input.hostname;
    // an item named after its old hostname follows the rename; a name chosen by hand stays
    if (item.name === item.hostname) {
      changes.name = { from: item.name, to: input.hostname };
      set.name = input.hostname;
    }
  }
  if (serial && item.serialNumber !== serial) {
    changes.serialNumber = { from: item.serialNumber, to: serial };
    set.serialNumber = serial;
  }
  const attributes = inventoryAttributes(item.class, item.attributes, input.hardware);
  let attributesChanged = false;
  for (const key of new Set([...Object.keys(item.attributes), ...Object.keys(attributes)])) {
    const from = item.attributes[key] ?? null;
    const to = attributes[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes[`attributes.${key}`] = { from, to };
      attributesChanged = true;
    }
  }
  if (attributesChanged) set.attributes = attributes;
  if (delta.added.length > 0 || delta.removed.length > 0) {
    changes.software = { from: input.previousSoftware?.length ?? null, to: input.software.length };
    // the first 50 of each, enough to see an installation or an update in the history
    changes.softwareChanged = { from: delta.removed.slice(0, 50), to: delta.added.slice(0, 50) };
  }
  if (Object.keys(set).length > 0) {
    await tx
      .update(configItems)
      .set({ ...set, updatedAt: input.now, version: sql`${configItems.version} + 1` })
      .where(eq(configItems.id, item.id));
  }
  if (Object.keys(changes).length > 0) {
    changes.source = { from: null, to: 'agent' };
    await tx.insert(ciEvents).values({ ciId: item.id, actorId: null, kind: 'updated', changes });
  }
  return { ciId: item.id, created: false };
}

async function findCandidate(
  tx: DbOrTx,
  agentCiId: number | null,
  entityId: number,
  serial: string | null,
  hostname: string,
) {
  const columns = {
    id: configItems.id,
    class: configItems.class,
    name: configItems.name,
    hostname: configItems.hostname,
    serialNumber: configItems.serialNumber,
    attributes: configItems.attributes,
  };
  if (agentCiId !== null) {
    const [linked] = await tx
      .select(columns)
      .from(configItems)
      .where(eq(configItems.id, agentCiId))
      .for('update');
    if (linked) return linked;
  }
  const ofEntity = and(eq(configItems.entityId, entityId), inArray(configItems.class, WORKSTATION_CLASSES));
  if (serial) {
    const [bySerial] = await tx
      .select(columns)
      .from(configItems)
      .where(and(ofEntity, eq(sql`lower(${configItems.serialNumber})`, serial.toLowerCase())))
      .orderBy(configItems.id)
      .limit(1)
      .for('update');
    if (bySerial) return bySerial;
  }
  const [byHostname] = await tx
    .select(columns)
    .from(configItems)
    .where(and(ofEntity, eq(sql`lower(${configItems.hostname})`, hostname.toLowerCase())))
    .orderBy(configItems.id)
    .limit(1)
    .for('update');
  return byHostname;
}
