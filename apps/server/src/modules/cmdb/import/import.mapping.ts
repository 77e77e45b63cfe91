import { defaultReconcileOrder, type ImportField, type importMappingSchema } from '@guichet/contracts';
import type { z } from 'zod';

type Mapping = z.output<typeof importMappingSchema>;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[°º]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Header synonyms, French and English, folded (no accents, lower case, words). */
const SYNONYMS: Record<ImportField, string[]> = {
  class: ['class', 'classe', 'type', 'categorie', 'category', 'type de materiel', 'type d equipement'],
  name: ['name', 'nom', 'libelle', 'designation', 'label', 'nom de l equipement', 'equipement'],
  status: ['status', 'statut', 'etat', 'state'],
  entity: ['entity', 'entite', 'commune', 'collectivite', 'organisation', 'organization'],
  site: ['site', 'lieu', 'localisation', 'location', 'batiment', 'building'],
  owner: [
    'owner',
    'proprietaire',
    'utilisateur',
    'user',
    'email',
    'e mail',
    'mail',
    'courriel',
    'responsable',
  ],
  serialNumber: [
    'serialnumber',
    'serial number',
    'serial',
    'sn',
    's n',
    'n de serie',
    'no de serie',
    'numero de serie',
    'num serie',
    'serie',
  ],
  inventoryNumber: [
    'inventorynumber',
    'inventory number',
    'inventory',
    'asset tag',
    'n d inventaire',
    'numero d inventaire',
    'inventaire',
    'n inventaire',
    'num inventaire',
  ],
  hostname: [
    'hostname',
    'host name',
    'host',
    'nom d hote',
    'nom hote',
    'nom machine',
    'nom de machine',
    'netbios',
    'computer name',
  ],
  'attributes.manufacturer': ['manufacturer', 'fabricant', 'marque', 'brand', 'constructeur'],
  'attributes.model': ['model', 'modele'],
  'attributes.os': ['os', 'operating system', 'systeme d exploitation', 'systeme', 'se'],
  'attributes.ramGb': ['ramgb', 'ram', 'ram go', 'ram gb', 'memoire', 'memory', 'memoire go'],
  'attributes.ip': ['ip', 'adresse ip', 'ip address', 'address ip'],
  'attributes.purchasedOn': ['purchasedon', 'purchase date', 'date d achat', 'achat', 'date achat'],
  'attributes.cpu': ['cpu', 'vcpu', 'processeurs', 'cores', 'coeurs'],
  'attributes.virtual': ['virtual', 'virtuel', 'vm'],
  'attributes.vendor': ['vendor', 'editeur', 'fournisseur'],
  'attributes.version': ['version'],
  'attributes.criticality': ['criticality', 'criticite'],
  'attributes.users': ['users', 'utilisateurs', 'nombre d utilisateurs'],
  'attributes.domain': ['domain', 'domaine'],
  'attributes.color': ['color', 'colour', 'couleur'],
  'attributes.extension': ['extension', 'poste', 'numero de poste', 'n de poste'],
  'attributes.mobile': ['mobile', 'portable'],
  'attributes.kind': ['kind', 'nature', 'device kind'],
  'attributes.ports': ['ports', 'nombre de ports'],
  'attributes.medium': ['medium', 'support', 'media'],
  'attributes.bandwidthMbps': ['bandwidthmbps', 'bandwidth', 'debit', 'debit mbps', 'bande passante'],
  'attributes.lengthKm': ['lengthkm', 'length', 'longueur', 'longueur km', 'distance'],
  'attributes.rack': ['rack', 'baie'],
  'relation.runs_on': [
    'runs on',
    's execute sur',
    'execute sur',
    'serveur hote',
    'hebergement',
    'heberge sur',
  ],
  'relation.depends_on': ['depends on', 'depend de', 'dependances', 'dependance'],
  'relation.connected_to': [
    'connected to',
    'connecte a',
    'raccorde a',
    'raccordement',
    'extremite',
    'extremite a',
    'extremite b',
    'end a',
    'end b',
  ],
  'relation.located_at': ['located at', 'situe a', 'installe a'],
  'relation.used_by': ['used by', 'utilise par'],
  'relation.part_of': ['part of', 'fait partie de', 'systeme d information', 'si'],
} as Record<ImportField, string[]>;

/** Several columns may feed one relation kind (a link's two ends); other fields take one column. */
const shared = (f: ImportField) => f.startsWith('relation.');

const LOOKUP = new Map<string, ImportField>();
for (const [field, words] of Object.entries(SYNONYMS) as [ImportField, string[]][]) {
  LOOKUP.set(fold(field), field);
  for (const w of words) if (!LOOKUP.has(fold(w))) LOOKUP.set(fold(w), field);
}

/** A mapping guessed from header names; a field is given to its first matching column only. */
export function suggestMapping(headers: string[]): Record<string, ImportField | null> {
  const used = new Set<ImportField>();
  const columns: Record<string, ImportField | null> = {};
  for (const h of headers) {
    if (!h) continue;
    const folded = fold(h);
    const field = LOOKUP.get(folded) ?? LOOKUP.get(folded.replace(/ (go|gb|mb|mbps|km)$/, ''));
    columns[h] = field && (shared(field) || !used.has(field)) ? field : null;
    if (field) used.add(field);
  }
  return columns;
}

/**
 * The mapping offered for a file: every header of the file, fed by the source's saved mapping where it
 * names that header (case-insensitive), else by the suggestion. A suggested field the saved mapping
 * already gives to another column is dropped (one column per field). Headers the file lacks are left
 * out, so the result is always valid for this file.
 */
export function mergeMapping(
  headers: string[],
  suggested: Record<string, ImportField | null>,
  saved?: Mapping,
): Mapping {
  const savedByHeader = new Map(
    Object.entries(saved?.columns ?? {}).map(([h, f]) => [h.toLowerCase(), f] as const),
  );
  const columns: Record<string, ImportField | null> = {};
  const used = new Set<ImportField>();
  for (const h of headers) {
    if (!h || !savedByHeader.has(h.toLowerCase())) continue;
    const f = savedByHeader.get(h.toLowerCase()) ?? null;
    columns[h] = f && (shared(f) || !used.has(f)) ? f : null;
    if (f) used.add(f);
  }
  for (const h of headers) {
    if (!h || h in columns) continue;
    const f = suggested[h] ?? null;
    columns[h] = f && (shared(f) || !used.has(f)) ? f : null;
    if (f) used.add(f);
  }
  return {
    columns,
    fixed: saved?.fixed ?? {},
    reconcileOrder: saved?.reconcileOrder ?? [...defaultReconcileOrder],
  };
}
