import type { CiClass, CiStatus } from '@guichet/contracts';
import type { z } from 'zod';
import type { Cell } from './import.parse.js';

/** How a spreadsheet's cells read as item values: classes and statuses in French words, numbers, booleans, dates. */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export const CLASS_WORDS: Record<string, CiClass> = {
  'systeme d information': 'information_system',
  si: 'information_system',
  logiciel: 'application',
  serveur: 'server',
  'poste de travail': 'workstation',
  pc: 'workstation',
  'pc fixe': 'workstation',
  'ordinateur portable': 'laptop',
  portable: 'laptop',
  imprimante: 'printer',
  telephone: 'phone',
  switch: 'network_device',
  routeur: 'network_device',
  'equipement reseau': 'network_device',
  'lien reseau': 'network_link',
  lien: 'network_link',
  fibre: 'network_link',
};
export const STATUS_WORDS: Record<string, CiStatus> = {
  commande: 'ordered',
  'en stock': 'in_stock',
  stock: 'in_stock',
  deploye: 'deployed',
  'en service': 'deployed',
  actif: 'deployed',
  'en reparation': 'in_repair',
  reparation: 'in_repair',
  retire: 'retired',
  reforme: 'retired',
  'hors service': 'retired',
};
export function parseEnum<T extends string>(
  schema: z.ZodType<T>,
  words: Record<string, T>,
  v: string,
): T | undefined {
  const direct = schema.safeParse(v.trim().toLowerCase().replace(/[ -]/g, '_'));
  return direct.success ? direct.data : words[fold(v)];
}

const TRUE = new Set(['oui', 'yes', 'true', 'vrai', '1', 'x', 'o', 'y']);
const FALSE = new Set(['non', 'no', 'false', 'faux', '0', 'n']);

/** A cell as the attribute's schema wants it: the cell itself, or as a number, a boolean, a date. */
export function coerceAttribute(schema: z.ZodType, cell: Exclude<Cell, null>): unknown {
  const candidates: unknown[] = [];
  if (cell instanceof Date) candidates.push(cell.toISOString().slice(0, 10));
  else if (typeof cell === 'string') {
    candidates.push(cell);
    if (/^-?\d+([.,]\d+)?$/.test(cell)) candidates.push(Number(cell.replace(',', '.')));
    const w = cell.toLowerCase();
    if (TRUE.has(w)) candidates.push(true);
    if (FALSE.has(w)) candidates.push(false);
    const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell);
    if (fr) candidates.push(`${fr[3]}-${fr[2]}-${fr[1]}`);
  } else candidates.push(cell, String(cell));
  for (const c of candidates) if (schema.safeParse(c).success) return c;
  return candidates[0];
}

export const text = (c: Cell | undefined): string | null => {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim() || null;
};

/** The file's key, or the item's when the file has none or differs only in case (no churn). */
export const sameKey = (file: string | undefined, item: string | null) =>
  file === undefined || file.toLowerCase() === item?.toLowerCase() ? item : file;
