import { randomBytes } from 'node:crypto';
import type { Role } from '@guichet/contracts';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import {
  categories,
  entities,
  groupMembers,
  groups,
  people,
  roleAssignments,
  sites,
} from '../modules/directory/directory.table.js';
import { hashPassword } from '../platform/auth/secrets.js';
import { TEST_PASSWORD } from './harness.js';

let passwordHash: Promise<string> | null = null;
/** argon2 takes ~50 ms: hash the shared test password once per file. */
const testHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

const tag = () => randomBytes(4).toString('hex');

export async function createEntity(
  db: DbOrTx,
  input: {
    name: string;
    kind: 'metropolis' | 'commune' | 'service';
    parent?: { id: number; path: string; depth: number };
  },
) {
  const [row] = await db
    .insert(entities)
    .values({
      name: input.name,
      kind: input.kind,
      parentId: input.parent?.id ?? null,
      path: `pending-${tag()}`,
      depth: input.parent ? input.parent.depth + 1 : 0,
    })
    .returning();
  if (!row) throw new Error('entity insert failed');
  const path = `${input.parent?.path ?? '/'}${row.id}/`;
  await db.update(entities).set({ path }).where(eq(entities.id, row.id));
  return { ...row, path };
}

export async function createPerson(
  db: DbOrTx,
  input: {
    name?: string;
    entityId: number;
    siteId?: number | null;
    phone?: string;
    roles?: [Role, number, boolean?][];
  },
) {
  const t = tag();
  const [row] = await db
    .insert(people)
    .values({
      name: input.name ?? `Personne ${t}`,
      email: `p-${t}@test.example`,
      phone: input.phone ?? null,
      entityId: input.entityId,
      siteId: input.siteId ?? null,
      passwordHash: await testHash(),
    })
    .returning();
  if (!row) throw new Error('person insert failed');
  for (const [role, entityId, includeDescendants = true] of input.roles ?? []) {
    await db.insert(roleAssignments).values({ personId: row.id, role, entityId, includeDescendants });
  }
  return row;
}

export async function createSite(db: DbOrTx, entityId: number, name = `Site ${tag()}`) {
  const [row] = await db
    .insert(sites)
    .values({ entityId, name, kind: 'town_hall', address: '1 place de la Mairie' })
    .returning();
  if (!row) throw new Error('site insert failed');
  return row;
}

export async function createGroup(
  db: DbOrTx,
  entityId: number,
  memberIds: number[],
  name = `Groupe ${tag()}`,
) {
  const [row] = await db.insert(groups).values({ entityId, name, kind: 'service_desk' }).returning();
  if (!row) throw new Error('group insert failed');
  for (const personId of memberIds) await db.insert(groupMembers).values({ groupId: row.id, personId });
  return row;
}

/**
 * A small organisation of its own, so tests need no clean-up and run in parallel:
 * a metropolis with two communes, a desk agent who sees all, a commune agent, requesters, groups.
 */
export async function createWorld(db: DbOrTx) {
  const t = tag();
  const metropolis = await createEntity(db, { name: `Métropole ${t}`, kind: 'metropolis' });
  const pessac = await createEntity(db, { name: `Pessac ${t}`, kind: 'commune', parent: metropolis });
  const merignac = await createEntity(db, { name: `Mérignac ${t}`, kind: 'commune', parent: metropolis });
  const pessacSchools = await createEntity(db, {
    name: `Écoles de Pessac ${t}`,
    kind: 'service',
    parent: pessac,
  });
  const pessacTownHall = await createSite(db, pessac.id, `Hôtel de ville de Pessac ${t}`);
  const merignacTownHall = await createSite(db, merignac.id, `Hôtel de ville de Mérignac ${t}`);
  const admin = await createPerson(db, {
    name: `Admin ${t}`,
    entityId: metropolis.id,
    roles: [['admin', metropolis.id]],
  });
  const deskAgent = await createPerson(db, {
    name: `Agent Desk ${t}`,
    entityId: metropolis.id,
    roles: [['agent', metropolis.id]],
  });
  const coordinator = await createPerson(db, {
    name: `Coordinatrice ${t}`,
    entityId: metropolis.id,
    roles: [['coordinator', metropolis.id]],
  });
  const pessacAgent = await createPerson(db, {
    name: `Agent Pessac ${t}`,
    entityId: pessac.id,
    roles: [['agent', pessac.id]],
  });
  const requesterMetro = await createPerson(db, {
    name: `Demandeur Métropole ${t}`,
    entityId: metropolis.id,
  });
  const requesterPessac = await createPerson(db, {
    name: `Camille Durand ${t}`,
    entityId: pessac.id,
    siteId: pessacTownHall.id,
    phone: `05 56 ${String(Math.floor(Math.random() * 90) + 10)} 12 34`,
  });
  const requesterMerignac = await createPerson(db, {
    name: `Louis Martin ${t}`,
    entityId: merignac.id,
    siteId: merignacTownHall.id,
  });
  const deskGroup = await createGroup(
    db,
    metropolis.id,
    [deskAgent.id, coordinator.id],
    `Centre de services ${t}`,
  );
  const pessacGroup = await createGroup(db, pessac.id, [pessacAgent.id], `Support Pessac ${t}`);
  const [category] = await db
    .insert(categories)
    .values({ name: `Impression ${t}`, nameEn: `Printing ${t}` })
    .returning();
  if (!category) throw new Error('category insert failed');
  return {
    tag: t,
    metropolis,
    pessac,
    merignac,
    pessacSchools,
    pessacTownHall,
    merignacTownHall,
    admin,
    deskAgent,
    coordinator,
    pessacAgent,
    requesterMetro,
    requesterPessac,
    requesterMerignac,
    deskGroup,
    pessacGroup,
    category,
  };
}
export type World = Awaited<ReturnType<typeof createWorld>>;

/** The e-mail a factory person signs in with. */
export async function emailOf(db: DbOrTx, personId: number): Promise<string> {
  const [p] = await db.select({ email: people.email }).from(people).where(eq(people.id, personId));
  if (!p) throw new Error(`no person ${personId}`);
  return p.email;
}
