import type { Category, Entity, Group, Person, RoleAssignment, Site } from '@guichet/contracts';
import type { PersonRow } from './person.repository.js';

export const toEntity = (r: {
  id: number;
  parentId: number | null;
  name: string;
  kind: Entity['kind'];
  depth: number;
}): Entity => ({ id: r.id, parentId: r.parentId, name: r.name, kind: r.kind, depth: r.depth });

export const toSite = (r: {
  id: number;
  name: string;
  kind: Site['kind'];
  address: string;
  entityId: number;
  entityName: string;
}): Site => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  address: r.address,
  entity: { id: r.entityId, name: r.entityName },
});

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  language: r.language,
  entity: { id: r.entityId, name: r.entityName },
  site: r.siteId !== null && r.siteName !== null ? { id: r.siteId, name: r.siteName } : null,
  active: r.active,
});

export const toGroup = (r: {
  id: number;
  name: string;
  kind: Group['kind'];
  entityId: number;
  entityName: string;
  members: { id: number; name: string }[];
}): Group => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  entity: { id: r.entityId, name: r.entityName },
  members: r.members,
});

export const toRole = (r: {
  id: number;
  personId: number;
  personName: string;
  role: RoleAssignment['role'];
  entityId: number;
  entityName: string;
  includeDescendants: boolean;
}): RoleAssignment => ({
  id: r.id,
  person: { id: r.personId, name: r.personName },
  role: r.role,
  entity: { id: r.entityId, name: r.entityName },
  includeDescendants: r.includeDescendants,
});

export const toCategory = (r: Category): Category => ({
  id: r.id,
  parentId: r.parentId,
  name: r.name,
  nameEn: r.nameEn,
});
