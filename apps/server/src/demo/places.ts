/** The organisation of reference/context.md: the metropolis, its 28 communes and their services. */

export const METROPOLIS = 'Bordeaux Métropole';
export const METROPOLIS_DOMAIN = 'bordeaux-metropole.fr';

export interface Commune {
  name: string;
  /** postcodes of the commune (Bordeaux has several) */
  postcodes: readonly string[];
  /** inhabitants (rounded): weighs sites, staff and tickets */
  population: number;
}

// biome-ignore format: a data table
export const communes: readonly Commune[] = [
  { name: 'Ambarès-et-Lagrave', postcodes: ['33440'], population: 16_000 },
  { name: 'Ambès', postcodes: ['33810'], population: 3_200 },
  { name: 'Artigues-près-Bordeaux', postcodes: ['33370'], population: 8_500 },
  { name: 'Bassens', postcodes: ['33530'], population: 7_300 },
  { name: 'Bègles', postcodes: ['33130'], population: 27_000 },
  { name: 'Blanquefort', postcodes: ['33290'], population: 15_500 },
  { name: 'Bordeaux', postcodes: ['33000', '33100', '33200', '33300', '33800'], population: 249_700 },
  { name: 'Bouliac', postcodes: ['33270'], population: 3_300 },
  { name: 'Bruges', postcodes: ['33520'], population: 17_000 },
  { name: 'Carbon-Blanc', postcodes: ['33560'], population: 7_600 },
  { name: 'Cenon', postcodes: ['33150'], population: 24_000 },
  { name: 'Eysines', postcodes: ['33320'], population: 22_500 },
  { name: 'Floirac', postcodes: ['33270'], population: 17_000 },
  { name: 'Gradignan', postcodes: ['33170'], population: 25_000 },
  { name: 'Le Bouscat', postcodes: ['33110'], population: 23_800 },
  { name: 'Le Haillan', postcodes: ['33185'], population: 10_000 },
  { name: 'Le Taillan-Médoc', postcodes: ['33320'], population: 9_800 },
  { name: 'Lormont', postcodes: ['33310'], population: 23_000 },
  { name: 'Martignas-sur-Jalle', postcodes: ['33127'], population: 7_300 },
  { name: 'Mérignac', postcodes: ['33700'], population: 70_000 },
  { name: 'Parempuyre', postcodes: ['33290'], population: 8_500 },
  { name: 'Pessac', postcodes: ['33600'], population: 62_500 },
  { name: 'Saint-Aubin-de-Médoc', postcodes: ['33160'], population: 7_000 },
  { name: 'Saint-Louis-de-Montferrand', postcodes: ['33440'], population: 2_200 },
  { name: 'Saint-Médard-en-Jalles', postcodes: ['33160'], population: 30_500 },
  { name: 'Saint-Vincent-de-Paul', postcodes: ['33440'], population: 1_100 },
  { name: 'Talence', postcodes: ['33400'], population: 42_500 },
  { name: "Villenave-d'Ornon", postcodes: ['33140'], population: 31_500 },
];

/** Services of the metropolis itself (kind service, under the root), with a share of its staff. */
// biome-ignore format: a data table
export const metropolisServices: readonly (readonly [string, number])[] = [
  ['Direction générale des services', 2],
  ['Direction du numérique', 5],
  ['Ressources humaines', 6],
  ['Finances', 5],
  ['Commande publique', 3],
  ['Affaires juridiques', 2],
  ['Voirie', 12],
  ['Eau et assainissement', 9],
  ['Collecte et traitement des déchets', 11],
  ['Propreté', 8],
  ['Espaces verts', 6],
  ['Mobilités', 5],
  ['Urbanisme', 5],
  ['Habitat', 3],
  ['Bâtiments', 5],
  ['Développement économique', 3],
  ['Communication', 2],
  ['Archives', 1],
];

/** Services of a commune, the first ones exist everywhere, the rest in larger communes. */
export const communeServices = [
  'Mairie – accueil',
  'Services techniques',
  'Écoles',
  'CCAS',
  'Bibliothèques',
  'État civil',
  'Sports',
  'Culture',
  'Police municipale',
  'Petite enfance',
] as const;

export function communeServiceCount(population: number): number {
  if (population < 5_000) return 3;
  if (population < 10_000) return 4;
  if (population < 20_000) return 5;
  if (population < 40_000) return 7;
  if (population < 100_000) return 9;
  return 10;
}

// biome-ignore format: a data table
export const streets = [
  'rue Jean Jaurès', 'avenue de la République', 'rue Victor Hugo', 'avenue du Général de Gaulle',
  'cours de la Libération', 'rue Pasteur', 'rue des Écoles', 'place de la Mairie', 'avenue Jean Moulin',
  'rue Gambetta', 'rue Carnot', 'avenue de Verdun', 'rue de la Paix', 'allée des Tilleuls',
  'chemin de la Plaine', 'rue du Stade', 'avenue Pierre Mendès-France', 'rue Lamartine', 'rue Émile Zola',
  'rue Montesquieu', 'avenue Roger Cohé', 'rue Aristide Briand', 'rue du 8 Mai 1945', 'rue Paul Bert',
  'avenue Thiers', 'quai de Bacalan', 'rue de Pessac', 'avenue de la Marne', 'rue François Mauriac',
  'allée des Pins', 'rue des Vignes', 'chemin du Moulin', 'rue de la Gare', 'avenue des Pyrénées',
  'rue Georges Clemenceau', 'place de l’Église', 'rue du Château d’Eau', 'avenue Gustave Eiffel',
  'rue Jules Ferry', 'avenue de l’Europe',
];

/** People whose names French schools, libraries and gymnasiums often carry. */
// biome-ignore format: a data table
export const namesakes = [
  'Jules Ferry', 'Jean Jaurès', 'Victor Hugo', 'Jean Moulin', 'Marie Curie', 'Louis Pasteur', 'Paul Bert',
  'Jean Zay', 'Albert Camus', 'Simone Veil', 'Montesquieu', 'Montaigne', 'François Mauriac',
  'Georges Brassens', 'Jacques Prévert', 'Lucie Aubrac', 'Condorcet', 'Anatole France', 'George Sand',
  'Jean de La Fontaine', 'Saint-Exupéry', 'Nelson Mandela', 'Jean Monnet', 'Léon Blum', 'Rosa Bonheur',
  'Colette', 'Olympe de Gouges', 'Pablo Picasso', 'Louise Michel', 'Joséphine Baker', 'Albert Schweitzer',
  'Jacques Chaban-Delmas', 'Odilon Redon', 'Rosa Parks', 'Marcel Pagnol', 'Jules Verne',
];

// biome-ignore format: a data table
export const natureNames = [
  'Les Lilas', 'Les Tilleuls', 'Les Pins', 'Les Acacias', 'Les Platanes', 'Le Bourg', 'Les Coquelicots',
  'Les Mimosas', 'La Garenne', 'Les Chênes', 'Le Lac', 'La Forêt', 'Les Vignes', 'Le Parc', 'Les Arums',
];
