import type { CiClass, ciAttributeSchemas } from '@guichet/contracts';

/** The attributes a class accepts, as the contracts' per-class schema types them. */
type Attributes<C extends CiClass> = NonNullable<ReturnType<(typeof ciAttributeSchemas)[C]['parse']>>;

/** Every attribute name of every class (each has a label under cmdb.attr in the catalogues). */
export type AttrKey = { [C in CiClass]: keyof Attributes<C> }[CiClass] & string;

export type AttributeField =
  | { kind: 'text'; max: number; pattern?: RegExp }
  | { kind: 'ip' }
  | { kind: 'number'; min: number; max: number; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'enum'; values: readonly string[] };

type Spec<T> = { [K in keyof T]-?: AttributeField };

const text = (max: number): AttributeField => ({ kind: 'text', max });
const int = (min: number, max: number): AttributeField => ({ kind: 'number', min, max, integer: true });
const bool: AttributeField = { kind: 'boolean' };
const date: AttributeField = { kind: 'date' };
const ip: AttributeField = { kind: 'ip' };
const oneOf = (...values: string[]): AttributeField => ({ kind: 'enum', values });
const criticality = oneOf('low', 'medium', 'high');

/**
 * How to render each class's attributes (packages/contracts/src/cmdb.ts `ciAttributeSchemas`). The
 * SPA does not bundle zod, so the shape is restated; the mapped type makes tsc fail when a class gains
 * or loses an attribute. Fields keep the schema's order.
 */
export const attributeSpecs: { [C in CiClass]: Spec<Attributes<C>> } = {
  information_system: { domain: text(100), criticality },
  application: { vendor: text(200), version: text(50), criticality, users: int(0, 1_000_000) },
  server: { os: text(100), cpu: int(1, 1024), ramGb: int(1, 65_536), ip, virtual: bool },
  workstation: {
    manufacturer: text(100),
    model: text(100),
    os: text(100),
    ramGb: int(1, 1024),
    ip,
    purchasedOn: date,
  },
  laptop: {
    manufacturer: text(100),
    model: text(100),
    os: text(100),
    ramGb: int(1, 1024),
    purchasedOn: date,
  },
  printer: { manufacturer: text(100), model: text(100), color: bool, ip },
  phone: {
    model: text(100),
    extension: { kind: 'text', max: 20, pattern: /^\+?[0-9 ]{2,20}$/ },
    mobile: bool,
  },
  network_device: {
    kind: oneOf('router', 'switch', 'firewall', 'access_point', 'other'),
    manufacturer: text(100),
    model: text(100),
    ip,
    ports: int(1, 10_000),
  },
  network_link: {
    medium: oneOf('fibre', 'copper', 'radio', 'leased_line'),
    bandwidthMbps: int(1, 1_000_000),
    lengthKm: { kind: 'number', min: 0, max: 10_000, integer: false },
  },
  site: { rack: text(100) },
};

export const attributeFields = (cls: CiClass): [AttrKey, AttributeField][] =>
  Object.entries(attributeSpecs[cls]) as [AttrKey, AttributeField][];

/** Form state for one attribute: what the input shows. */
export type AttributeDraft = Record<string, string | boolean>;

export function attributesToDraft(cls: CiClass, attributes: Record<string, unknown>): AttributeDraft {
  const out: AttributeDraft = {};
  for (const [key, field] of attributeFields(cls)) {
    const v = attributes[key];
    out[key] = field.kind === 'boolean' ? v === true : v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/**
 * The attributes to send, and the keys that fail a local check (the server checks again). Empty
 * fields are left out; booleans are sent only when true or when they were set before.
 */
export function draftToAttributes(
  cls: CiClass,
  draft: AttributeDraft,
  before: Record<string, unknown> = {},
): { attributes: Record<string, unknown>; invalid: Record<string, 'number' | 'pattern' | 'ip'> } {
  const attributes: Record<string, unknown> = {};
  const invalid: Record<string, 'number' | 'pattern' | 'ip'> = {};
  for (const [key, field] of attributeFields(cls)) {
    const v = draft[key];
    if (field.kind === 'boolean') {
      if (v === true || key in before) attributes[key] = v === true;
      continue;
    }
    const s = typeof v === 'string' ? v.trim() : '';
    if (!s) continue;
    if (field.kind === 'number') {
      const n = Number(s.replace(',', '.'));
      if (!Number.isFinite(n) || n < field.min || n > field.max || (field.integer && !Number.isInteger(n)))
        invalid[key] = 'number';
      else attributes[key] = n;
    } else if (field.kind === 'text' && field.pattern && !field.pattern.test(s)) {
      invalid[key] = 'pattern';
    } else if (field.kind === 'ip' && !isIpAddress(s)) {
      invalid[key] = 'ip';
    } else {
      attributes[key] = s;
    }
  }
  return { attributes, invalid };
}

/** IPv4 as four numbers up to 255, or anything shaped like IPv6 (the server checks it exactly). */
function isIpAddress(s: string): boolean {
  if (s.includes(':')) return /^[0-9a-f:.]+$/i.test(s);
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
