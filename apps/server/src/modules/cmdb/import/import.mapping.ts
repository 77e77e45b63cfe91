import type { ImportField } from '@guichet/contracts';

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
} as Record<ImportField, string[]>;

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
    columns[h] = field && !used.has(field) ? field : null;
    if (field) used.add(field);
  }
  return columns;
}
