import type { CiClass, CiRelationKind } from '@guichet/contracts';
import type { DbOrTx } from '../db/client.js';
import { ciRelations, ciUsages, configItems, ticketItems } from '../modules/cmdb/cmdb.table.js';
import { assignIds, bulkInsert } from './bulk.js';
import type { DirectoryPlan, EntityNode, PersonNode, SiteNode } from './plan.js';
import type { Random } from './random.js';
import type { TicketPlan } from './story.js';

export const INVENTORY_SIZES = {
  workstations: 10_000,
  servers: 120,
  applications: 850,
  informationSystems: 13,
  /** communes' main sites per fibre ring around the core */
  ringSize: 7,
} as const;

const INFORMATION_SYSTEMS = [
  'Ressources humaines',
  'Finances',
  'Population et état civil',
  'Urbanisme',
  'Voirie et réseaux',
  'Eau et assainissement',
  'Déchets',
  'Mobilités',
  'Éducation et enfance',
  'Action sociale',
  'Culture et sports',
  'Relation usagers',
  'Socle numérique',
] as const;
const VENDORS = [
  'Berger-Levrault',
  'Ciril',
  'Arpège',
  'Civil Net',
  'Inetum',
  'Microsoft',
  'Open source',
  'Sopra',
];
const MAKERS = ['Dell', 'HP', 'Lenovo'] as const;

export interface ItemNode {
  id: number;
  class: CiClass;
  name: string;
  entity: EntityNode;
  site: SiteNode | null;
  owner: PersonNode | null;
  serial: string | null;
  inventory: string | null;
  hostname: string | null;
  attributes: Record<string, unknown>;
}
export interface InventoryPlan {
  items: ItemNode[];
  relations: [CiRelationKind, ItemNode, ItemNode][];
  usages: [ItemNode, EntityNode][];
  /** tickets about a requester's workstation */
  ticketItems: [TicketPlan, ItemNode][];
}

/**
 * The demo CMDB (docs/adr/0010-impact-analysis.md): a site item per directory site; two core routers
 * (head office, data centre) joined by fibre; rings of communes' main sites, each ring from one core
 * router to the other; every other site on a spur from its commune's main site (the metropolis's from
 * the head office); a workstation per person at a site plus shared ones in schools and libraries up
 * to 10,000, laptops, printers and phones per site; 120 servers at the data centre; 850 applications in
 * 13 information systems, running on the servers, the metropolis's used by communes.
 */
export function buildInventory(
  rng: Random,
  dir: DirectoryPlan,
  tickets: readonly TicketPlan[],
): InventoryPlan {
  const items: ItemNode[] = [];
  const relations: InventoryPlan['relations'] = [];
  const usages: InventoryPlan['usages'] = [];
  const item = (
    cls: CiClass,
    name: string,
    entity: EntityNode,
    more: Partial<Omit<ItemNode, 'id' | 'class' | 'name' | 'entity'>> = {},
  ): ItemNode => {
    const node: ItemNode = {
      id: 0,
      class: cls,
      name,
      entity,
      site: more.site ?? null,
      owner: more.owner ?? null,
      serial: more.serial ?? null,
      inventory: more.inventory ?? null,
      hostname: more.hostname ?? null,
      attributes: more.attributes ?? {},
    };
    items.push(node);
    return node;
  };
  const siteItem = new Map<SiteNode, ItemNode>();
  for (const s of dir.sites) {
    const node = item('site', s.name, s.entity, { site: s });
    siteItem.set(s, node);
  }
  const siteOf = (s: SiteNode) => siteItem.get(s) as ItemNode;
  const at = (x: ItemNode, s: SiteNode) => relations.push(['located_at', x, siteOf(s)]);

  // Network: the core, rings and spurs.
  const root = dir.root;
  const [head] = dir.sites;
  if (!head) throw new Error('the demo directory has no sites');
  const metroSites = dir.sites.filter((s) => s.entity === root);
  const dataCentre = metroSites.find((s) => s.kind === 'technical') ?? metroSites[1] ?? head;
  const netRng = rng.fork('network');
  const router = (label: string, s: SiteNode) => {
    const r = item('network_device', `Routeur de cœur ${label}`, root, {
      site: s,
      hostname: `core-${label.toLowerCase()}`,
      serial: `RT-CORE-${label}`,
      attributes: { kind: 'router', manufacturer: 'Cisco', model: 'ASR 1006', ports: 48 },
    });
    at(r, s);
    return r;
  };
  const core1 = router('1', head);
  const core2 = router('2', dataCentre);
  let linkCount = 0;
  const link = (a: ItemNode, b: ItemNode, bandwidthMbps: number) => {
    linkCount += 1;
    const l = item('network_link', `Fibre ${a.name} – ${b.name}`, root, {
      inventory: `FO-${String(linkCount).padStart(4, '0')}`,
      attributes: { medium: 'fibre', bandwidthMbps, lengthKm: Math.round(netRng.int(5, 120)) / 10 },
    });
    relations.push(['connected_to', a, l], ['connected_to', b, l]);
  };
  link(core1, core2, 100_000);
  relations.push(['connected_to', siteOf(head), core1], ['connected_to', siteOf(dataCentre), core2]);
  const mains: SiteNode[] = [];
  for (const commune of dir.communes.values()) {
    const own = dir.sites.filter((s) => s.entity === commune);
    const main = own.find((s) => s.kind === 'town_hall') ?? own[0];
    if (!main) continue;
    mains.push(main);
    for (const s of own) if (s !== main) link(siteOf(main), siteOf(s), 1_000);
  }
  for (let i = 0; i < mains.length; i += INVENTORY_SIZES.ringSize) {
    const ring = mains.slice(i, i + INVENTORY_SIZES.ringSize).map(siteOf);
    const stops = [core1, ...ring, core2];
    for (let k = 1; k < stops.length; k++) link(stops[k - 1] as ItemNode, stops[k] as ItemNode, 10_000);
  }
  for (const s of metroSites) if (s !== head && s !== dataCentre) link(siteOf(head), siteOf(s), 1_000);

  // End-user equipment.
  const eqRng = rng.fork('equipment');
  let serial = 0;
  const nextSerial = (prefix: string) => {
    serial += 1;
    return `${prefix}${String(eqRng.int(10, 99))}${String(serial).padStart(6, '0')}`;
  };
  const computer = (cls: 'workstation' | 'laptop', s: SiteNode, owner: PersonNode | null) => {
    const maker = eqRng.pick(MAKERS);
    const n = items.length;
    const x = item(
      cls,
      `${cls === 'laptop' ? 'Portable' : 'PC'} ${owner ? owner.name : s.name} ${n}`,
      owner?.entity ?? s.entity,
      {
        site: s,
        owner,
        serial: nextSerial(maker.slice(0, 2).toUpperCase()),
        inventory: `INV-${String(n).padStart(6, '0')}`,
        hostname: `${cls === 'laptop' ? 'lt' : 'ws'}-${String(n).padStart(6, '0')}`,
        attributes: {
          manufacturer: maker,
          os: eqRng.chance(0.9) ? 'Windows 11' : 'Windows 10',
          ramGb: eqRng.pick([8, 16, 16, 32]),
        },
      },
    );
    at(x, s);
    return x;
  };
  const workstationOf = new Map<PersonNode, ItemNode>();
  let workstations = 0;
  for (const p of dir.people) {
    if (!p.site) continue;
    workstationOf.set(p, computer('workstation', p.site, p));
    workstations += 1;
    if (eqRng.chance(0.1)) computer('laptop', p.site, p);
  }
  const shared = dir.sites.filter((s) => s.kind === 'school' || s.kind === 'library');
  for (let i = 0; workstations < INVENTORY_SIZES.workstations; i++, workstations++) {
    computer('workstation', shared[i % shared.length] ?? head, null);
  }
  for (const s of dir.sites) {
    for (let i = eqRng.int(1, 3); i > 0; i--) {
      const x = item('printer', `Imprimante ${s.name} ${i}`, s.entity, {
        site: s,
        serial: nextSerial('PR'),
        attributes: { manufacturer: 'Canon', color: eqRng.chance(0.4) },
      });
      at(x, s);
    }
    for (let i = eqRng.int(2, 6); i > 0; i--) {
      const x = item('phone', `Téléphone ${s.name} ${i}`, s.entity, {
        site: s,
        serial: nextSerial('TP'),
        attributes: { model: 'Alcatel 8028s' },
      });
      at(x, s);
    }
  }

  // Servers, information systems, applications.
  const appRng = rng.fork('applications');
  const servers = Array.from({ length: INVENTORY_SIZES.servers }, (_, i) => {
    const x = item('server', `srv-app-${String(i + 1).padStart(3, '0')}`, root, {
      site: dataCentre,
      hostname: `srv-app-${String(i + 1).padStart(3, '0')}`,
      serial: nextSerial('SV'),
      attributes: {
        os: appRng.chance(0.7) ? 'Debian 12' : 'Windows Server 2022',
        virtual: appRng.chance(0.8),
      },
    });
    at(x, dataCentre);
    return x;
  });
  const systems = INFORMATION_SYSTEMS.slice(0, INVENTORY_SIZES.informationSystems).map((name) =>
    item('information_system', `SI ${name}`, root, {
      attributes: { criticality: appRng.pick(['medium', 'high']) },
    }),
  );
  const communes = [...dir.communes.values()];
  const apps: ItemNode[] = [];
  for (let i = 0; i < INVENTORY_SIZES.applications; i++) {
    const system = systems[i % systems.length] as ItemNode;
    const ownerEntity = appRng.chance(0.8) ? root : appRng.pick(communes);
    const app = item('application', `${system.name.slice(3)} – application ${i + 1}`, ownerEntity, {
      attributes: {
        vendor: appRng.pick(VENDORS),
        criticality: appRng.pick(['low', 'medium', 'high']),
      },
    });
    relations.push(['part_of', app, system], ['runs_on', app, appRng.pick(servers)]);
    if (apps.length > 0 && appRng.chance(0.2)) relations.push(['depends_on', app, appRng.pick(apps)]);
    if (ownerEntity === root) {
      const users = new Set<EntityNode>();
      for (let k = appRng.int(0, 8); k > 0; k--) users.add(appRng.pick(communes));
      for (const e of users) usages.push([app, e]);
    }
    apps.push(app);
  }

  // Some incidents concern the requester's workstation.
  const linkRng = rng.fork('ticket-items');
  const ticketItemsOut: InventoryPlan['ticketItems'] = [];
  for (const t of tickets) {
    const ws = workstationOf.get(t.requester);
    if (ws && t.type === 'incident' && linkRng.chance(0.3)) ticketItemsOut.push([t, ws]);
  }
  return { items, relations, usages, ticketItems: ticketItemsOut };
}

/** Writes the inventory (ids from the sequence, then the rows, a few thousand per statement). */
export async function writeInventory(tx: DbOrTx, inv: InventoryPlan): Promise<void> {
  await assignIds(tx, configItems, inv.items);
  await bulkInsert(
    tx,
    configItems,
    inv.items.map((x) => ({
      id: x.id,
      class: x.class,
      name: x.name,
      status: 'deployed' as const,
      entityId: x.entity.id,
      siteId: x.site?.id ?? null,
      ownerId: x.owner?.id ?? null,
      serialNumber: x.serial,
      inventoryNumber: x.inventory,
      hostname: x.hostname,
      attributes: x.attributes,
    })),
  );
  await bulkInsert(
    tx,
    ciRelations,
    inv.relations.map(([kind, source, target]) => ({ kind, sourceId: source.id, targetId: target.id })),
    { chunk: 10_000 },
  );
  await bulkInsert(
    tx,
    ciUsages,
    inv.usages.map(([ci, entity]) => ({ ciId: ci.id, entityId: entity.id })),
    { chunk: 10_000 },
  );
  await bulkInsert(
    tx,
    ticketItems,
    inv.ticketItems.map(([t, ci]) => ({ ticketId: t.id, ciId: ci.id, createdAt: t.createdAt })),
  );
}
