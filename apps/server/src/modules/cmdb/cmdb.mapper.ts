import type { Ci, CiEvent, CiRelation, CiSummary } from '@guichet/contracts';
import type { CiRow, CiSummaryRow, RelationRow } from './cmdb.repository.js';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

export function toCiSummary(r: CiSummaryRow): CiSummary {
  return {
    id: r.id,
    class: r.class,
    name: r.name,
    status: r.status,
    entity: { id: r.entityId, name: r.entityName },
    site: ref(r.siteId, r.siteName),
    owner: ref(r.ownerId, r.ownerName),
    serialNumber: r.serialNumber,
    inventoryNumber: r.inventoryNumber,
    hostname: r.hostname,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toCi(r: CiRow, usedBy: { id: number; name: string }[], canUpdate: boolean): Ci {
  return {
    ...toCiSummary(r),
    attributes: r.attributes,
    usedBy,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
    can: { update: canUpdate },
  };
}

export function toCiRelation(r: RelationRow): CiRelation {
  return {
    id: r.id,
    kind: r.kind,
    source: { id: r.sourceId, name: r.sourceName, class: r.sourceClass },
    target: { id: r.targetId, name: r.targetName, class: r.targetClass },
  };
}

export function toCiEvent(r: {
  id: number;
  kind: CiEvent['kind'];
  actorId: number | null;
  actorName: string | null;
  at: Date;
  changes: CiEvent['changes'];
}): CiEvent {
  return {
    id: r.id,
    kind: r.kind,
    actor: ref(r.actorId, r.actorName),
    at: r.at.toISOString(),
    changes: r.changes,
  };
}
