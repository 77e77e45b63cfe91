import type { CiClass, ImportField, ReconcileKey } from '@guichet/contracts';
import { ciClasses } from '../../../lib/enums';
import { type AttrKey, attributeFields } from '../attributes';
import type { ImportMappingDraft } from './api';

export type CoreField = Exclude<ImportField, `attributes.${string}` | `relation.${string}`>;

/** The item fields a column can feed (contracts: importCoreFields), in the order the screen shows. */
export const coreTargets: readonly CoreField[] = [
  'name',
  'class',
  'status',
  'entity',
  'site',
  'owner',
  'serialNumber',
  'inventoryNumber',
  'hostname',
] satisfies readonly CoreField[];

/** Every attribute of every class, once, with the classes that have it. */
export const attributeTargets: { key: AttrKey; classes: CiClass[] }[] = (() => {
  const byKey = new Map<AttrKey, CiClass[]>();
  for (const cls of ciClasses) {
    for (const [key] of attributeFields(cls)) byKey.set(key, [...(byKey.get(key) ?? []), cls]);
  }
  return [...byKey.entries()].map(([key, classes]) => ({ key, classes }));
})();

export const reconcileKeys: readonly ReconcileKey[] = ['serialNumber', 'inventoryNumber', 'hostname'];

/**
 * What a new item needs: a name, a class and an entity, each from a column or, for the class and the
 * entity, from a value given to every row. Updates of existing items need none of them.
 */
export function missingForCreate(mapping: ImportMappingDraft): CoreField[] {
  const mapped = new Set(Object.values(mapping.columns).filter(Boolean));
  const missing: CoreField[] = [];
  if (!mapped.has('name')) missing.push('name');
  if (!mapped.has('class') && !mapping.fixed.class) missing.push('class');
  if (!mapped.has('entity') && !mapping.fixed.entity) missing.push('entity');
  return missing;
}

/** The server refuses a mapping with neither a name nor an identifying column. */
export function identifiesItems(mapping: ImportMappingDraft): boolean {
  const mapped = new Set(Object.values(mapping.columns).filter(Boolean));
  return ['name', ...reconcileKeys].some((f) => mapped.has(f as ImportField));
}

/** Targets chosen by more than one column (each field takes one column; a relation kind takes several). */
export function duplicateTargets(mapping: ImportMappingDraft): Set<ImportField> {
  const seen = new Set<ImportField>();
  const twice = new Set<ImportField>();
  for (const f of Object.values(mapping.columns)) {
    if (!f || f.startsWith('relation.')) continue;
    if (seen.has(f)) twice.add(f);
    seen.add(f);
  }
  return twice;
}
