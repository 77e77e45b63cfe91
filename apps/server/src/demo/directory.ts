import { categoryTree } from './categories.js';
import { emailLocalPart, type PersonName, randomName, slugify } from './names.js';
import {
  communeServiceCount,
  communeServices,
  communes,
  METROPOLIS,
  METROPOLIS_DOMAIN,
  metropolisServices,
} from './places.js';
import type {
  CategoryNode,
  DirectoryPlan,
  EntityNode,
  GroupKind,
  GroupNode,
  PersonNode,
  RoleNode,
  SiteKind,
  SiteNode,
  StaffRole,
} from './plan.js';
import { type Random, WeightedTable } from './random.js';
import { communeSites, metropolisSites } from './sites.js';

export const DEMO_SIZES = {
  people: 5_000,
  /** people working for the metropolis itself (2,000 of them moved from the communes) */
  metropolisPeople: 2_700,
  sites: 600,
  metropolisSites: 90,
} as const;

const CONTRACTOR_DOMAIN = 'atlantique-services.example';
/** communes with a local (N2) support team: the first ones audited */
const localSupportCommunes = [
  'Bordeaux',
  'Mérignac',
  'Pessac',
  'Talence',
  'Bègles',
  "Villenave-d'Ornon",
  'Saint-Médard-en-Jalles',
  'Lormont',
] as const;

/** Where a commune's staff of a given service work. */
const siteKindsOfService: Readonly<Record<string, readonly SiteKind[]>> = {
  'Mairie – accueil': ['town_hall', 'office'],
  'Services techniques': ['depot', 'technical'],
  Écoles: ['school'],
  CCAS: ['social'],
  Bibliothèques: ['library'],
  'État civil': ['town_hall', 'office'],
  Sports: ['sports'],
  Culture: ['cultural', 'library'],
  'Police municipale': ['town_hall', 'office'],
  'Petite enfance': ['social'],
};

function split(name: string): PersonName {
  const i = name.indexOf(' ');
  return { first: name.slice(0, i), last: name.slice(i + 1), full: name };
}

/** Builds the whole directory: entities, sites, people, groups, roles and categories. */
export function buildDirectory(rng: Random): DirectoryPlan {
  const entities: EntityNode[] = [];
  const entity = (name: string, kind: EntityNode['kind'], parent: EntityNode | null) => {
    const node: EntityNode = {
      id: 0,
      name,
      kind,
      parent,
      depth: parent ? parent.depth + 1 : 0,
      commune: parent?.commune ?? null,
    };
    entities.push(node);
    return node;
  };

  const root = entity(METROPOLIS, 'metropolis', null);
  const metroServices = new Map<string, EntityNode>();
  for (const [name] of metropolisServices) metroServices.set(name, entity(name, 'service', root));
  const communeNodes = new Map<string, EntityNode>();
  const servicesOf = new Map<EntityNode, EntityNode[]>();
  for (const commune of communes) {
    const node = entity(commune.name, 'commune', root);
    node.commune = commune;
    communeNodes.set(commune.name, node);
    const services = communeServices
      .slice(0, communeServiceCount(commune.population))
      .map((s) => entity(s, 'service', node));
    servicesOf.set(node, services);
  }

  // Sites: the metropolis's own, then the communes' by size (at least four each).
  const sites: SiteNode[] = metropolisSites(rng.fork('metro-sites'), root, DEMO_SIZES.metropolisSites);
  const communeSiteTotal = DEMO_SIZES.sites - DEMO_SIZES.metropolisSites;
  const siteWeight = (population: number) => population ** 0.75;
  const totalWeight = communes.reduce((sum, c) => sum + siteWeight(c.population), 0);
  const siteRng = rng.fork('commune-sites');
  const sitesOf = new Map<EntityNode, SiteNode[]>();
  let remaining = communeSiteTotal;
  communes.forEach((commune, index) => {
    const node = communeNodes.get(commune.name) as EntityNode;
    const left = communes.length - index - 1;
    const share = Math.round((siteWeight(commune.population) / totalWeight) * communeSiteTotal);
    const count = left === 0 ? remaining : Math.max(4, Math.min(share, remaining - 4 * left));
    remaining -= count;
    const own = communeSites(siteRng, node, commune, count);
    sitesOf.set(node, own);
    sites.push(...own);
  });
  sitesOf.set(root, sites.slice(0, DEMO_SIZES.metropolisSites));

  // People.
  const people: PersonNode[] = [];
  const emails = new Set<string>();
  const phones = new Set<string>();
  const peopleRng = rng.fork('people');
  const phone = () => {
    for (;;) {
      const digits = String(peopleRng.int(0, 999_999)).padStart(6, '0');
      const formatted = `05 56 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
      if (!phones.has(formatted)) {
        phones.add(formatted);
        return formatted;
      }
    }
  };
  const uniqueEmail = (name: PersonName, domain: string) => {
    const local = emailLocalPart(name);
    for (let n = 1; ; n++) {
      const email = `${local}${n === 1 ? '' : n}@${domain}`;
      if (!emails.has(email)) {
        emails.add(email);
        return email;
      }
    }
  };
  const domainOf = (e: EntityNode) => (e.commune ? `${slugify(e.commune.name)}.fr` : METROPOLIS_DOMAIN);
  const person = (
    name: PersonName,
    entity: EntityNode,
    site: SiteNode | null,
    opts: { email?: string; staff?: boolean; language?: 'fr' | 'en'; activity?: number } = {},
  ): PersonNode => {
    const email = opts.email ?? uniqueEmail(name, domainOf(entity));
    emails.add(email);
    const node: PersonNode = {
      id: 0,
      entity,
      site,
      name: name.full,
      firstName: name.first,
      email,
      phone: phone(),
      language: opts.language ?? 'fr',
      activity: opts.activity ?? (opts.staff ? 0 : peopleRng.logNormal(1, 0.7)),
      staff: opts.staff ?? false,
    };
    people.push(node);
    return node;
  };
  const siteIn = (e: EntityNode, kinds?: readonly SiteKind[]): SiteNode | null => {
    const owner = e.commune ? (communeNodes.get(e.commune.name) as EntityNode) : root;
    const all = sitesOf.get(owner) ?? [];
    const fitting = kinds ? all.filter((s) => kinds.includes(s.kind)) : all;
    const from = fitting.length ? fitting : all;
    if (from.length === 0) return null;
    // the head office and the town hall hold more people than a school
    return peopleRng.weighted(from.map((s, i) => [s, i === 0 ? 6 : 1] as const));
  };
  const dsi = metroServices.get('Direction du numérique') as EntityNode;
  const finances = metroServices.get('Finances') as EntityNode;
  const pessac = communeNodes.get('Pessac') as EntityNode;
  const merignac = communeNodes.get('Mérignac') as EntityNode;
  const serviceOf = (commune: EntityNode, name: string) =>
    (servicesOf.get(commune) ?? []).find((s) => s.name === name) ?? commune;
  const headOffice = sites[0] ?? null;

  // The fixed demo logins.
  const staff = (name: string, email: string, at: EntityNode = dsi, site: SiteNode | null = headOffice) =>
    person(split(name), at, site, { email, staff: true });
  const admin = staff('Sophie Marchand', 'admin@guichet.example');
  const coordinator = staff('Julien Lacoste', 'coordinator@guichet.example');
  const coordinator2 = staff('Nathalie Etcheverry', `nathalie.etcheverry@${METROPOLIS_DOMAIN}`);
  const agentNames = [
    'Thomas Garcia',
    'Aurélie Dupouy',
    'Karim Haddad',
    'Émilie Laborde',
    'Nicolas Cazenave',
    'Céline Roux',
    'Maxime Lafitte',
    'Sandrine Bordenave',
    'Romain Ducasse',
    'Laetitia Fabre',
    'Damien Lalanne',
    'Marion Castaing',
  ];
  const agents = agentNames.map((name, i) => staff(name, `agent${i + 1}@guichet.example`));
  const pessacTown = siteIn(pessac, ['town_hall']);
  const agentPessac = staff('Stéphane Larrieu', 'agent.pessac@guichet.example', pessac, pessacTown);
  const requester = person(split('Camille Dubois'), finances, headOffice, {
    email: 'requester@guichet.example',
    activity: 0,
  });
  const requesterPessac = person(
    split('Hélène Lamarque'),
    serviceOf(pessac, 'Mairie – accueil'),
    pessacTown,
    { email: 'requester.pessac@guichet.example', activity: 0 },
  );
  const merignacService = serviceOf(merignac, 'Services techniques');
  const requesterMerignac = person(
    split('Olivier Darrieux'),
    merignacService,
    siteIn(merignacService, siteKindsOfService['Services techniques']),
    { email: 'requester.merignac@guichet.example', activity: 0 },
  );

  // Support teams.
  const groups: GroupNode[] = [];
  const roles: RoleNode[] = [];
  const group = (
    name: string,
    kind: GroupKind,
    at: EntityNode,
    members: PersonNode[],
    assignees = members,
  ) => {
    const node: GroupNode = { id: 0, entity: at, name, kind, members, assignees };
    groups.push(node);
    return node;
  };
  const grant = (p: PersonNode, role: StaffRole, at: EntityNode) =>
    roles.push({ person: p, role, entity: at, includeDescendants: true });
  grant(admin, 'admin', root);
  grant(coordinator, 'coordinator', root);
  grant(coordinator2, 'coordinator', root);
  for (const a of agents) grant(a, 'agent', root);
  const deskA = group('Centre de services N1 – site A', 'service_desk', root, [
    ...agents.slice(0, 6),
    coordinator,
    coordinator2,
  ]);
  deskA.assignees = agents.slice(0, 6);
  const deskB = group('Centre de services N1 – site B', 'service_desk', root, [
    ...agents.slice(6, 12),
    coordinator,
    coordinator2,
  ]);
  deskB.assignees = agents.slice(6, 12);

  const staffRng = rng.fork('staff');
  const team = (count: number, at: EntityNode, site: SiteNode | null, domain?: string) =>
    Array.from({ length: count }, () => {
      const name = randomName(staffRng);
      const p = person(name, at, site, {
        staff: true,
        email: domain ? uniqueEmail(name, domain) : undefined,
      });
      return p;
    });
  const local = new Map<string, GroupNode>();
  for (const name of localSupportCommunes) {
    const commune = communeNodes.get(name) as EntityNode;
    const size = name === 'Bordeaux' ? 4 : name === 'Pessac' ? 2 : staffRng.int(2, 3);
    const members = team(size, commune, siteIn(commune, ['town_hall']));
    if (name === 'Pessac') members.unshift(agentPessac);
    for (const m of members) grant(m, 'agent', commune);
    local.set(name, group(`Support de proximité N2 – ${name}`, 'local_support', commune, members));
  }
  const experts = (label: string, size: number) => {
    const members = team(size, dsi, headOffice);
    for (const m of members) grant(m, 'agent', root);
    return group(`Experts N3 – ${label}`, 'experts', root, members);
  };
  const network = experts('Réseaux', 5);
  const apps = experts('Applications métier', 6);
  const systems = experts('Systèmes', 4);
  const contractor = (label: string, size: number) => {
    const members = team(size, dsi, headOffice, CONTRACTOR_DOMAIN);
    for (const m of members) grant(m, 'agent', root);
    return group(`Prestataire – ${label}`, 'contractor', root, members);
  };
  const onsite = contractor('Intervention sur site', 8);
  const servers = contractor('Infogérance serveurs', 4);

  // Everyone else: 2,700 at the metropolis, the rest in the communes by population.
  const crowdRng = rng.fork('crowd');
  const metroTable = new WeightedTable<EntityNode>([
    [root, 4],
    ...metropolisServices.map(([name, w]) => [metroServices.get(name) as EntityNode, w] as const),
  ]);
  const communeTable = new WeightedTable(communes.map((c) => [c, c.population ** 0.85] as const));
  const metroTarget = DEMO_SIZES.metropolisPeople - people.filter((p) => !p.entity.commune).length;
  for (let i = 0; people.length < DEMO_SIZES.people; i++) {
    const name = randomName(crowdRng);
    const language = crowdRng.chance(0.03) ? 'en' : 'fr';
    if (i < metroTarget) {
      const at = metroTable.pick(crowdRng);
      person(name, at, siteIn(at), { language });
    } else {
      const commune = communeNodes.get(communeTable.pick(crowdRng).name) as EntityNode;
      const services = servicesOf.get(commune) ?? [];
      const at = crowdRng.chance(0.2) || services.length === 0 ? commune : crowdRng.pick(services);
      person(name, at, siteIn(at, siteKindsOfService[at.name]), { language });
    }
  }

  // Categories.
  const categories: CategoryNode[] = [];
  for (const top of categoryTree) {
    const parent: CategoryNode = { id: 0, key: top.key, parent: null, name: top.name, nameEn: top.nameEn };
    categories.push(parent);
    for (const child of top.children) categories.push({ id: 0, parent, ...child });
  }

  return {
    root,
    entities,
    communes: communeNodes,
    sites,
    people,
    groups,
    named: { deskA, deskB, local, network, apps, systems, onsite, servers },
    roles,
    categories,
    logins: {
      admin,
      coordinator,
      agents,
      agentPessac,
      requester,
      requesterPessac,
      requesterMerignac,
    },
  };
}

export function categoryOf(dir: DirectoryPlan, key: string): CategoryNode {
  const found = dir.categories.find((c) => c.key === key);
  if (!found) throw new Error(`unknown demo category ${key}`);
  return found;
}
