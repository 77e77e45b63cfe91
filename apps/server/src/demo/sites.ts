import { type Commune, communes, namesakes, natureNames, streets } from './places.js';
import type { EntityNode, SiteKind, SiteNode } from './plan.js';
import type { Random } from './random.js';

/** "de Pessac", "d'Ambès", "du Bouscat". */
export function ofCommune(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (/^[AEIOUYÉÈÂ]/.test(name)) return `d’${name}`;
  return `de ${name}`;
}

export function address(rng: Random, commune: Commune): string {
  return `${rng.int(1, 180)} ${rng.pick(streets)}, ${rng.pick(commune.postcodes)} ${commune.name}`;
}

// biome-ignore format: a data table
const communeSiteKinds: readonly (readonly [SiteKind, number])[] = [
  ['school', 40], ['sports', 12], ['social', 9], ['cultural', 8], ['library', 7], ['technical', 8],
  ['depot', 5], ['office', 7],
];

function siteName(rng: Random, kind: SiteKind, commune: Commune): string {
  switch (kind) {
    case 'town_hall':
      return commune.population > 20_000
        ? `Hôtel de ville ${ofCommune(commune.name)}`
        : `Mairie ${ofCommune(commune.name)}`;
    case 'school':
      return rng.weighted([
        [`École élémentaire ${rng.pick(namesakes)}`, 4],
        [`École maternelle ${rng.pick(natureNames)}`, 3],
        [`Groupe scolaire ${rng.pick(namesakes)}`, 2],
      ]);
    case 'library':
      return rng.chance(0.6) ? `Médiathèque ${rng.pick(namesakes)}` : `Bibliothèque ${rng.pick(natureNames)}`;
    case 'depot':
      return rng.pick(['Centre technique municipal', 'Ateliers municipaux', 'Garage municipal']);
    case 'office':
      return rng.pick([
        `Mairie annexe ${rng.pick(natureNames)}`,
        'Centre administratif',
        'Maison des services publics',
        `Annexe ${rng.pick(namesakes)}`,
      ]);
    case 'sports':
      return rng.pick([
        `Gymnase ${rng.pick(namesakes)}`,
        `Stade ${rng.pick(namesakes)}`,
        `Complexe sportif ${rng.pick(natureNames)}`,
        'Piscine municipale',
      ]);
    case 'cultural':
      return rng.pick([
        `Espace culturel ${rng.pick(namesakes)}`,
        'Conservatoire de musique',
        `Salle des fêtes ${rng.pick(natureNames)}`,
        'Centre d’animation',
      ]);
    case 'social':
      return rng.pick([
        `CCAS ${ofCommune(commune.name)}`,
        `Résidence autonomie ${rng.pick(natureNames)}`,
        `Crèche ${rng.pick(natureNames)}`,
        `Centre social ${rng.pick(natureNames)}`,
      ]);
    case 'technical':
      return rng.pick([
        'Serres municipales',
        'Centre de supervision urbaine',
        `Local technique ${rng.pick(natureNames)}`,
      ]);
  }
}

/** A commune's sites: its town hall first, then schools, gymnasiums, libraries… */
export function communeSites(rng: Random, entity: EntityNode, commune: Commune, count: number): SiteNode[] {
  const used = new Set<string>();
  const out: SiteNode[] = [];
  const add = (kind: SiteKind) => {
    let name = siteName(rng, kind, commune);
    for (let i = 0; used.has(name) && i < 6; i++) name = siteName(rng, kind, commune);
    if (used.has(name)) name = `${name} (annexe ${out.length})`;
    used.add(name);
    out.push({ id: 0, entity, name, kind, address: address(rng, commune) });
  };
  add('town_hall');
  if (count > 1) add('school');
  if (count > 2) add('depot');
  while (out.length < count) add(rng.weighted(communeSiteKinds));
  return out;
}

/** Sites of the metropolis itself: head office, area offices, depots and water or waste plants. */
export function metropolisSites(rng: Random, root: EntityNode, count: number): SiteNode[] {
  const bordeaux = communes.find((c) => c.name === 'Bordeaux');
  if (!bordeaux) throw new Error('Bordeaux is missing from the communes');
  const out: SiteNode[] = [
    {
      id: 0,
      entity: root,
      name: 'Immeuble Laure-Gatet – siège de Bordeaux Métropole',
      kind: 'office',
      address: 'Esplanade Charles-de-Gaulle, 33000 Bordeaux',
    },
  ];
  const areas: readonly (readonly [string, string])[] = [
    ['Pôle territorial de Bordeaux', 'Bordeaux'],
    ['Pôle territorial Ouest', 'Mérignac'],
    ['Pôle territorial Sud', 'Pessac'],
    ['Pôle territorial Rive droite', 'Lormont'],
    ['Cité numérique', 'Bègles'],
  ];
  for (const [name, town] of areas) {
    const commune = communes.find((c) => c.name === town) ?? bordeaux;
    out.push({ id: 0, entity: root, name, kind: 'office', address: address(rng, commune) });
  }
  const kinds: readonly (readonly [string, 'depot' | 'technical' | 'office', number])[] = [
    ['Centre de propreté', 'depot', 3],
    ['Centre de recyclage', 'technical', 3],
    ['Centre d’exploitation voirie', 'depot', 3],
    ['Station d’épuration', 'technical', 1],
    ['Station de pompage', 'technical', 2],
    ['Centre de collecte des déchets', 'depot', 2],
    ['Ateliers espaces verts', 'depot', 1],
    ['Antenne urbanisme et habitat', 'office', 1],
  ];
  const used = new Set(out.map((s) => s.name));
  while (out.length < count) {
    const [label, kind] = rng.weighted(kinds.map((k) => [[k[0], k[1]] as const, k[2]] as const));
    const commune = rng.weighted(communes.map((c) => [c, Math.sqrt(c.population)] as const));
    let name = `${label} ${ofCommune(commune.name)}`;
    if (used.has(name)) name = `${name} – ${rng.pick(natureNames)}`;
    if (used.has(name)) continue;
    used.add(name);
    out.push({ id: 0, entity: root, name, kind, address: address(rng, commune) });
  }
  return out;
}
