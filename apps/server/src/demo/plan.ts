/**
 * The demo data as plain objects before it reaches the database. Nodes point at each other;
 * `id` is 0 until the seed allocates identities, then every row is built from the nodes.
 */
import type { Commune } from './places.js';

export type EntityKind = 'metropolis' | 'commune' | 'service';
export type SiteKind =
  | 'town_hall'
  | 'school'
  | 'library'
  | 'depot'
  | 'office'
  | 'sports'
  | 'cultural'
  | 'social'
  | 'technical';
export type GroupKind = 'service_desk' | 'local_support' | 'experts' | 'contractor';
export type StaffRole = 'agent' | 'coordinator' | 'admin';

export interface EntityNode {
  id: number;
  name: string;
  kind: EntityKind;
  parent: EntityNode | null;
  depth: number;
  /** the commune the entity is (or belongs to); null for the metropolis and its services */
  commune: Commune | null;
}

export interface SiteNode {
  id: number;
  entity: EntityNode;
  name: string;
  kind: SiteKind;
  address: string;
}

export interface PersonNode {
  id: number;
  entity: EntityNode;
  site: SiteNode | null;
  name: string;
  firstName: string;
  email: string;
  phone: string;
  language: 'fr' | 'en';
  /** how often the person calls the desk, relative */
  activity: number;
  staff: boolean;
}

export interface GroupNode {
  id: number;
  entity: EntityNode;
  name: string;
  kind: GroupKind;
  members: PersonNode[];
  /** members who take tickets (coordinators supervise but are not assigned) */
  assignees: PersonNode[];
}

export interface RoleNode {
  person: PersonNode;
  role: StaffRole;
  entity: EntityNode;
  includeDescendants: boolean;
}

export interface CategoryNode {
  id: number;
  key: string;
  parent: CategoryNode | null;
  name: string;
  nameEn: string;
}

/** The fixed demo logins, by the part of their e-mail before the @. */
export interface DemoLogins {
  admin: PersonNode;
  coordinator: PersonNode;
  agents: PersonNode[];
  agentPessac: PersonNode;
  requester: PersonNode;
  requesterPessac: PersonNode;
  requesterMerignac: PersonNode;
}

export interface Groups {
  deskA: GroupNode;
  deskB: GroupNode;
  /** local support (N2) by commune name */
  local: Map<string, GroupNode>;
  network: GroupNode;
  apps: GroupNode;
  systems: GroupNode;
  onsite: GroupNode;
  servers: GroupNode;
}

export interface DirectoryPlan {
  root: EntityNode;
  entities: EntityNode[];
  /** the commune entities by name */
  communes: Map<string, EntityNode>;
  sites: SiteNode[];
  people: PersonNode[];
  groups: GroupNode[];
  named: Groups;
  roles: RoleNode[];
  categories: CategoryNode[];
  logins: DemoLogins;
}
