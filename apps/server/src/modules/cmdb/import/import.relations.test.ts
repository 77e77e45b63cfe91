import type { CiClass, CiRelationKind } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import {
  type KnownItem,
  planRelations,
  type RowForRelations,
  relationKindOf,
  splitNames,
} from './import.relations.js';

const actor: Actor = {
  personId: 1,
  name: 'Agent',
  email: 'agent@example.org',
  language: 'fr',
  entityId: 1,
  entityName: 'Métropole',
  roles: [{ role: 'agent', entityId: 1, entityName: 'Métropole', includeDescendants: true, entityDepth: 0 }],
  scope: { all: false, entityIds: [1, 2] },
  adminScope: { all: false, entityIds: [] },
  cockpitScope: { all: false, entityIds: [] },
  isStaff: true,
  isAdmin: false,
} as Actor;

const row = (
  n: number,
  cls: CiClass,
  name: string,
  relations: [CiRelationKind, string[]][] = [],
  more: Partial<RowForRelations> = {},
): RowForRelations => ({
  row: n,
  id: null,
  class: cls,
  name,
  serialNumber: null,
  inventoryNumber: null,
  hostname: null,
  relations: new Map(relations),
  ...more,
});
const known = (id: number, cls: CiClass, name: string, more: Partial<KnownItem> = {}): KnownItem => ({
  id,
  class: cls,
  name,
  serialNumber: null,
  inventoryNumber: null,
  hostname: null,
  entityId: 1,
  entityPath: '/1/',
  ...more,
});

describe('relation columns of an import', () => {
  it('reads the field and the cell', () => {
    expect(relationKindOf('relation.runs_on')).toBe('runs_on');
    expect(relationKindOf('relation.owns')).toBeNull();
    expect(relationKindOf('attributes.ramGb')).toBeNull();
    expect(splitNames(' srv-01 | srv-02 ||')).toEqual(['srv-01', 'srv-02']);
  });

  it('makes the ends of a network link the sources, and resolves names in the file and in the CMDB', () => {
    const rows = [
      row(2, 'site', 'École Jaurès', [], { inventoryNumber: 'SITE-1' }),
      row(3, 'network_link', 'Fibre A', [['connected_to', ['SITE-1', 'routeur de coeur 1']]]),
    ];
    const plan = planRelations(
      actor,
      rows,
      [known(10, 'network_device', 'Routeur de cœur 1')],
      new Set(),
      new Map(),
    );
    expect(plan.errors.size).toBe(0);
    const link = { at: { row: 1 }, name: 'Fibre A', class: 'network_link' };
    expect(plan.relations).toEqual([
      {
        row: 3,
        kind: 'connected_to',
        source: { at: { row: 0 }, name: 'École Jaurès', class: 'site' },
        target: link,
      },
      {
        row: 3,
        kind: 'connected_to',
        source: { at: { id: 10 }, name: 'Routeur de cœur 1', class: 'network_device' },
        target: link,
      },
    ]);
    expect(plan.counts).toEqual({ create: 2, unchanged: 0 });
  });

  it('counts a relation that exists as unchanged, so a second import adds nothing', () => {
    const rows = [row(2, 'application', 'Paie', [['runs_on', ['srv-paie']]], { id: 5 })];
    const plan = planRelations(
      actor,
      rows,
      [known(5, 'application', 'Paie'), known(6, 'server', 'Serveur paie', { hostname: 'SRV-PAIE' })],
      new Set(['i5:runs_on:i6']),
      new Map(),
    );
    expect(plan.relations).toEqual([]);
    expect(plan.counts).toEqual({ create: 0, unchanged: 1 });
  });

  it('reports unknown and ambiguous names, refused directions, a third link end and foreign sources', () => {
    const rows = [
      row(2, 'application', 'Paie', [['runs_on', ['Nulle part', 'École', 'Imprimante 1']]]),
      row(3, 'network_link', 'Fibre B', [['connected_to', ['SITE-1', 'SITE-2', 'SITE-3']]]),
      row(4, 'workstation', 'PC-1', [['connected_to', ['switch-bordeaux']]]),
    ];
    const plan = planRelations(
      actor,
      rows,
      [
        known(1, 'site', 'École', { inventoryNumber: 'SITE-1' }),
        known(2, 'site', 'École', { inventoryNumber: 'SITE-2' }),
        known(3, 'site', 'Mairie', { inventoryNumber: 'SITE-3' }),
        known(4, 'printer', 'Imprimante 1'),
        // a switch of an entity the actor sees (by a usage) but may not change
        known(7, 'network_device', 'Switch', { hostname: 'switch-bordeaux', entityId: 9, entityPath: '/9/' }),
      ],
      new Set(),
      new Map(),
    );
    const messages = (i: number) => (plan.errors.get(i) ?? []).map((e) => e.message);
    expect(messages(0)).toEqual([
      'unknown item "Nulle part"',
      'several items are named "École": give its serial number, inventory number or hostname',
      '"Imprimante 1": runs_on targets a server, workstation or laptop',
    ]);
    expect(messages(1)).toEqual(['a network link has two ends, this one would have more']);
    // the workstation is the source: it is the row's own item, so the switch's owner does not matter
    expect(messages(2)).toEqual([]);
    expect(plan.relations).toHaveLength(3);
  });
});
