import type { CurrentUser, Entity } from '@guichet/contracts';

/** The role grants that open the cockpit: coordinators and admins for their scope, observers for theirs. */
const COCKPIT_ROLES: ReadonlySet<string> = new Set(['coordinator', 'admin', 'observer']);

type Grant = CurrentUser['roles'][number];

export const cockpitGrants = (user: CurrentUser): Grant[] =>
  user.roles.filter((g) => COCKPIT_ROLES.has(g.role));

export const canSeeCockpit = (user: CurrentUser): boolean => cockpitGrants(user).length > 0;

/** An observer (a municipality's representative) is not staff: the cockpit is their home. */
export const isCockpitOnly = (user: CurrentUser): boolean => !user.isStaff && canSeeCockpit(user);

/**
 * The entities the cockpit may be filtered on, from the staff's entity list (which can be wider
 * than the cockpit's scope when the person is also an agent elsewhere): a grant's entity, and its
 * sub-entities when the grant includes them. Order of the list is kept (tree order).
 */
export function entitiesInCockpitScope(user: CurrentUser, entities: readonly Entity[]): Entity[] {
  const grants = cockpitGrants(user);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const covered = (entity: Entity): boolean => {
    for (const g of grants) {
      if (g.entity.id === entity.id) return true;
      if (!g.includeDescendants) continue;
      let parentId = entity.parentId;
      while (parentId !== null) {
        if (parentId === g.entity.id) return true;
        parentId = byId.get(parentId)?.parentId ?? null;
      }
    }
    return false;
  };
  return entities.filter(covered);
}
