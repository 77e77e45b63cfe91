import type {
  Category,
  categoryCreateSchema,
  categoryUpdateSchema,
  Entity,
  entityCreateSchema,
  Group,
  groupCreateSchema,
  groupUpdateSchema,
  RoleAssignment,
  roleAssignmentCreateSchema,
  Settings,
  Site,
  settingsUpdateSchema,
  siteCreateSchema,
  siteListQuerySchema,
  siteUpdateSchema,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, type FieldError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { missingCells } from '../tickets/index.js';
import { toCategory, toEntity, toGroup, toRole, toSite } from './directory.mapper.js';
import { directoryPolicy, requireInstanceAdmin, requireManage, requireStaff } from './directory.policy.js';
import * as repo from './directory.repository.js';
import { findPerson } from './person.repository.js';
import { forgetSettings, readSettings, writeSettings } from './settings.service.js';

type Out<T extends z.ZodType> = z.output<T>;

export interface DirectoryServiceDeps {
  db: Db;
  clock: Clock;
  /** the credential cache: cleared when roles, scopes or accounts change */
  credentials: { clear(): void };
}

/** Only what changed, as { field: { from, to } }, for the audit log. */
export function diff<T extends object>(
  before: T,
  patch: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && JSON.stringify(to) !== JSON.stringify(from)) out[key] = { from, to };
  }
  return out;
}

const validation = (errors: FieldError[]) =>
  new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });

export function createDirectoryService({ db, credentials }: DirectoryServiceDeps) {
  /** The entity, or 404 when missing or invisible, 403 when visible but not administered. */
  async function manageableEntity(tx: DbOrTx, actor: Actor, id: number) {
    const entity = await repo.findEntity(tx, id);
    if (!entity) throw notFound('Entity');
    requireManage(actor, entity.id, 'Entity');
    return entity;
  }

  /**
   * Group members must be people the actor can see (or already members: a metropolis expert may
   * sit in a commune's group) who hold a staff role. Errors name the offending index.
   */
  async function checkMembers(tx: DbOrTx, actor: Actor, ids: number[], current: number[] = []) {
    const facts = new Map((await repo.staffFacts(tx, ids)).map((f) => [f.id, f]));
    const errors: FieldError[] = [];
    ids.forEach((id, i) => {
      const f = facts.get(id);
      const path = `memberIds.${i}`;
      if (!f || !(directoryPolicy.see(actor, f.entityId) || current.includes(id))) {
        errors.push({ path, message: 'unknown person' });
      } else if (!f.staff) {
        errors.push({ path, message: 'group members must be support staff (agent, coordinator or admin)' });
      } else if (!f.active) {
        errors.push({ path, message: 'this person is inactive' });
      }
    });
    if (errors.length) throw validation(errors);
    return [...new Set(ids)];
  }

  async function loadSite(tx: DbOrTx, id: number): Promise<Site> {
    const site = await repo.findSite(tx, id);
    if (!site) throw notFound('Site');
    return toSite(site);
  }

  async function loadGroup(tx: DbOrTx, id: number): Promise<Group> {
    const group = await repo.loadGroup(tx, id);
    if (!group) throw notFound('Group');
    return toGroup(group);
  }

  return {
    // ---------------------------------------------------------------------------------- entities
    async listEntities(actor: Actor): Promise<Entity[]> {
      requireStaff(actor);
      return (await repo.listEntities(db, actor.scope)).map(toEntity);
    },

    async createEntity(actor: Actor, input: Out<typeof entityCreateSchema>): Promise<Entity> {
      requireStaff(actor);
      const created = await db.transaction(async (tx) => {
        const parent = await manageableEntity(tx, actor, input.parentId);
        if (input.kind === 'commune' && parent.kind !== 'metropolis') {
          throw invalid('kind', 'a commune belongs directly to the metropolis');
        }
        const row = await repo.insertEntity(tx, parent, input);
        await audit(tx, {
          actorId: actor.personId,
          action: 'entity.created',
          targetType: 'entity',
          targetId: row.id,
          entityId: row.id,
          details: { name: row.name, kind: row.kind, parentId: parent.id },
        });
        return row;
      });
      // scopes "with descendants" are resolved when credentials load: reload them
      credentials.clear();
      return toEntity(created);
    },

    async renameEntity(actor: Actor, id: number, name: string): Promise<Entity> {
      requireStaff(actor);
      const row = await db.transaction(async (tx) => {
        const entity = await manageableEntity(tx, actor, id);
        const renamed = await repo.renameEntity(tx, id, name);
        if (!renamed) throw notFound('Entity');
        if (entity.name !== name) {
          await audit(tx, {
            actorId: actor.personId,
            action: 'entity.renamed',
            targetType: 'entity',
            targetId: id,
            entityId: id,
            details: { name: { from: entity.name, to: name } },
          });
        }
        return renamed;
      });
      credentials.clear(); // role grants carry the entity name
      return toEntity(row);
    },

    // ---------------------------------------------------------------------------------- sites
    /**
     * Staff list the sites of their scope; everyone (requesters included) also sees the sites of
     * their own entity and its sub-entities, which the portal's ticket form offers.
     */
    async listSites(actor: Actor, q: Out<typeof siteListQuerySchema>) {
      const page = await repo.listSites(db, actor.isStaff ? actor.scope : { all: false, entityIds: [] }, {
        ...q,
        ownEntity: actor.entityId,
      });
      return { items: page.items.map(toSite), nextCursor: page.nextCursor };
    },

    async createSite(actor: Actor, input: Out<typeof siteCreateSchema>): Promise<Site> {
      requireStaff(actor);
      const id = await db.transaction(async (tx) => {
        await manageableEntity(tx, actor, input.entityId);
        const siteId = await repo.insertSite(tx, input);
        await audit(tx, {
          actorId: actor.personId,
          action: 'site.created',
          targetType: 'site',
          targetId: siteId,
          entityId: input.entityId,
          details: { name: input.name, kind: input.kind },
        });
        return siteId;
      });
      return loadSite(db, id);
    },

    async updateSite(actor: Actor, id: number, patch: Out<typeof siteUpdateSchema>): Promise<Site> {
      requireStaff(actor);
      await db.transaction(async (tx) => {
        const site = await repo.findSite(tx, id);
        if (!site) throw notFound('Site');
        requireManage(actor, site.entityId, 'Site');
        // moving a site needs the admin role over both entities
        if (patch.entityId !== undefined && patch.entityId !== site.entityId) {
          await manageableEntity(tx, actor, patch.entityId);
        }
        const changes = diff(site, patch);
        if (Object.keys(changes).length === 0) return;
        await repo.updateSite(tx, id, patch);
        await audit(tx, {
          actorId: actor.personId,
          action: 'site.updated',
          targetType: 'site',
          targetId: id,
          entityId: patch.entityId ?? site.entityId,
          details: changes,
        });
      });
      return loadSite(db, id);
    },

    // ---------------------------------------------------------------------------------- groups
    async listGroups(actor: Actor): Promise<Group[]> {
      requireStaff(actor);
      return (await repo.listGroups(db, actor.scope)).map(toGroup);
    },

    async createGroup(actor: Actor, input: Out<typeof groupCreateSchema>): Promise<Group> {
      requireStaff(actor);
      const id = await db.transaction(async (tx) => {
        await manageableEntity(tx, actor, input.entityId);
        const members = await checkMembers(tx, actor, input.memberIds);
        const groupId = await repo.insertGroup(tx, {
          name: input.name,
          kind: input.kind,
          entityId: input.entityId,
        });
        await repo.replaceMembers(tx, groupId, members);
        await audit(tx, {
          actorId: actor.personId,
          action: 'group.created',
          targetType: 'group',
          targetId: groupId,
          entityId: input.entityId,
          details: { name: input.name, kind: input.kind, memberIds: members },
        });
        return groupId;
      });
      return loadGroup(db, id);
    },

    async updateGroup(actor: Actor, id: number, patch: Out<typeof groupUpdateSchema>): Promise<Group> {
      requireStaff(actor);
      await db.transaction(async (tx) => {
        const group = await repo.findGroup(tx, actor.scope, id);
        if (!group || !(group.visible || directoryPolicy.manage(actor, group.entityId)))
          throw notFound('Group');
        if (!directoryPolicy.manage(actor, group.entityId)) {
          throw forbidden('You need the admin role over the entity of this group to change it');
        }
        if (patch.entityId !== undefined && patch.entityId !== group.entityId) {
          await manageableEntity(tx, actor, patch.entityId);
        }
        const { memberIds: wanted, ...fields } = patch;
        const changes: Record<string, unknown> = diff(group, fields);
        if (Object.keys(fields).length > 0) await repo.updateGroup(tx, id, fields);
        if (wanted !== undefined) {
          const current = await repo.memberIds(tx, id);
          const members = await checkMembers(tx, actor, wanted, current);
          await repo.replaceMembers(tx, id, members);
          const added = members.filter((m) => !current.includes(m));
          const removed = current.filter((m) => !members.includes(m));
          if (added.length || removed.length) changes.members = { added, removed };
        }
        if (Object.keys(changes).length === 0) return;
        await audit(tx, {
          actorId: actor.personId,
          action: 'group.updated',
          targetType: 'group',
          targetId: id,
          entityId: patch.entityId ?? group.entityId,
          details: changes,
        });
      });
      return loadGroup(db, id);
    },

    // ---------------------------------------------------------------------------------- roles
    async listRoles(actor: Actor, personId?: number): Promise<RoleAssignment[]> {
      if (!directoryPolicy.manageRoles(actor)) throw forbidden('Role assignments are for administrators');
      return (await repo.listRoles(db, actor.adminScope, personId)).map(toRole);
    },

    async grantRole(actor: Actor, input: Out<typeof roleAssignmentCreateSchema>): Promise<RoleAssignment> {
      if (!directoryPolicy.manageRoles(actor)) throw forbidden('Role assignments are for administrators');
      const id = await db.transaction(async (tx) => {
        await manageableEntity(tx, actor, input.entityId);
        const person = await findPerson(tx, input.personId);
        if (!person || !directoryPolicy.see(actor, person.entityId))
          throw invalid('personId', 'unknown person');
        const roleId = await repo.insertRole(tx, input);
        if (roleId === undefined) {
          throw conflict(`${person.name} already has the ${input.role} role on this entity`);
        }
        await audit(tx, {
          actorId: actor.personId,
          action: 'role.granted',
          targetType: 'person',
          targetId: input.personId,
          entityId: input.entityId,
          details: {
            roleAssignmentId: roleId,
            role: input.role,
            entityId: input.entityId,
            includeDescendants: input.includeDescendants,
          },
        });
        return roleId;
      });
      credentials.clear();
      const row = await repo.findRole(db, id);
      if (!row) throw notFound('Role assignment');
      return toRole(row);
    },

    async revokeRole(actor: Actor, id: number): Promise<void> {
      if (!directoryPolicy.manageRoles(actor)) throw forbidden('Role assignments are for administrators');
      await db.transaction(async (tx) => {
        const role = await repo.findRole(tx, id);
        if (!role) throw notFound('Role assignment');
        requireManage(actor, role.entityId, 'Role assignment');
        if (role.personId === actor.personId && role.role === 'admin') {
          throw conflict('You cannot revoke your own admin role: ask another administrator');
        }
        await repo.deleteRole(tx, id);
        await audit(tx, {
          actorId: actor.personId,
          action: 'role.revoked',
          targetType: 'person',
          targetId: role.personId,
          entityId: role.entityId,
          details: {
            roleAssignmentId: id,
            role: role.role,
            entityId: role.entityId,
            includeDescendants: role.includeDescendants,
          },
        });
      });
      credentials.clear();
    },

    // ---------------------------------------------------------------------------------- categories
    /** Categories are instance-wide and every signed-in person reads them (the portal form). */
    async listCategories(): Promise<Category[]> {
      return (await repo.listCategories(db)).map(toCategory);
    },

    async createCategory(actor: Actor, input: Out<typeof categoryCreateSchema>): Promise<Category> {
      requireInstanceAdmin(actor);
      const row = await db.transaction(async (tx) => {
        if (input.parentId !== null && !(await repo.findCategory(tx, input.parentId))) {
          throw invalid('parentId', 'unknown category');
        }
        const created = await repo.insertCategory(tx, input);
        await audit(tx, {
          actorId: actor.personId,
          action: 'category.created',
          targetType: 'category',
          targetId: created.id,
          details: { name: created.name, nameEn: created.nameEn, parentId: created.parentId },
        });
        return created;
      });
      return toCategory(row);
    },

    async updateCategory(
      actor: Actor,
      id: number,
      patch: Out<typeof categoryUpdateSchema>,
    ): Promise<Category> {
      requireInstanceAdmin(actor);
      const row = await db.transaction(async (tx) => {
        const category = await repo.findCategory(tx, id);
        if (!category) throw notFound('Category');
        if (patch.parentId) {
          if (!(await repo.findCategory(tx, patch.parentId))) throw invalid('parentId', 'unknown category');
          if (await repo.isCategoryInSubtree(tx, id, patch.parentId)) {
            throw invalid('parentId', 'a category cannot sit under itself or one of its sub-categories');
          }
        }
        const changes = diff(category, patch);
        if (Object.keys(changes).length === 0) return category;
        const updated = await repo.updateCategory(tx, id, patch);
        if (!updated) throw notFound('Category');
        await audit(tx, {
          actorId: actor.personId,
          action: 'category.updated',
          targetType: 'category',
          targetId: id,
          details: changes,
        });
        return updated;
      });
      return toCategory(row);
    },

    // ---------------------------------------------------------------------------------- settings
    async getSettings(actor: Actor): Promise<Settings> {
      requireStaff(actor, 'Settings are for support staff');
      return readSettings(db);
    },

    async updateSettings(actor: Actor, patch: Out<typeof settingsUpdateSchema>): Promise<Settings> {
      requireInstanceAdmin(actor);
      if (patch.priorityMatrix) {
        const missing = missingCells(patch.priorityMatrix);
        if (missing.length) {
          throw validation(
            missing.map((cell) => ({
              path: `priorityMatrix.${cell}`,
              message: `the matrix needs a priority for impact ${cell[0]} × urgency ${cell[2]}`,
            })),
          );
        }
      }
      await db.transaction(async (tx) => {
        const before = await readSettings(tx);
        await writeSettings(tx, patch);
        const changes = diff(before, patch);
        await audit(tx, {
          actorId: actor.personId,
          action: 'settings.updated',
          targetType: 'settings',
          targetId: 'instance',
          details: changes,
        });
      });
      forgetSettings(); // nothing read during the transaction stays cached
      return readSettings(db);
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
