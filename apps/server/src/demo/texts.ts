import { randomName } from './names.js';
import { appsByCategory, contextSentences, software } from './phrases.js';
import type { PersonNode } from './plan.js';
import type { Random } from './random.js';
import type { Channel } from './story.js';
import type { TicketTemplate } from './templates.js';

const floors = ['1er', '2e', '3e', '4e', '5e'] as const;
const weekdays = [
  'lundi prochain',
  'mardi prochain',
  'le 1er du mois prochain',
  'jeudi',
  'dans deux semaines',
];

/** The values one ticket's placeholders take, chosen once so title and description agree. */
export function placeholders(rng: Random, template: TicketTemplate, requester: PersonNode) {
  const apps = appsByCategory[template.category] ?? ['Ciril Finances'];
  const e = requester.entity;
  return {
    site: requester.site?.name ?? e.name,
    service: e.kind === 'service' ? e.name : 'Accueil',
    floor: rng.pick(floors),
    room: `${rng.pick(['A', 'B', 'C'])}${rng.int(1, 3)}${String(rng.int(1, 25)).padStart(2, '0')}`,
    software: rng.pick(software),
    app: rng.pick(apps),
    weekday: rng.pick(weekdays),
    colleague: randomName(rng).full,
    n: String(rng.int(10_000, 99_999)),
  } satisfies Record<string, string>;
}
export type Placeholders = ReturnType<typeof placeholders>;

export function fill(text: string, values: Placeholders): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? values[key as keyof Placeholders] : match,
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The description as it reaches the desk: typed in the portal, mailed, or noted by the agent on a call. */
export function describe(rng: Random, detail: string, channel: Channel, requester: PersonNode): string {
  const context = rng.pick(contextSentences);
  const body = context ? `${detail} ${context}` : detail;
  const where = requester.entity.name;
  switch (channel) {
    case 'portal':
      return body;
    case 'email':
      return `Bonjour,\n\n${body}\n\nCordialement,\n${requester.name}\n${where}`;
    case 'phone':
      return `Appel de ${requester.name} (${where}) : ${body}`;
    case 'walk_in':
      return `${capitalise(requester.name)} est passé(e) au support (${where}) : ${body}`;
  }
}
