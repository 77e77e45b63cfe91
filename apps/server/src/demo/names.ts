import type { Random } from './random.js';

/** Common first names of French adults of working age. */
// biome-ignore format: a data table
export const femaleFirstNames = [
  'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Valérie', 'Christine', 'Sandrine', 'Véronique',
  'Stéphanie', 'Céline', 'Sophie', 'Aurélie', 'Caroline', 'Julie', 'Émilie', 'Laetitia', 'Karine',
  'Virginie', 'Delphine', 'Anne', 'Marie', 'Patricia', 'Martine', 'Nadia', 'Camille', 'Laura',
  'Pauline', 'Marion', 'Mélanie', 'Élodie', 'Audrey', 'Claire', 'Hélène', 'Agnès', 'Brigitte',
  'Françoise', 'Corinne', 'Florence', 'Magali', 'Séverine', 'Amandine', 'Charlotte', 'Manon', 'Léa',
  'Chloé', 'Sarah', 'Inès', 'Fatima', 'Samia', 'Mathilde', 'Lucie', 'Margaux', 'Océane', 'Justine',
  'Anaïs', 'Jeanne', 'Monique', 'Danielle', 'Béatrice', 'Annie', 'Laurence', 'Fabienne', 'Ghislaine',
  'Gaëlle', 'Solène', 'Morgane', 'Coralie', 'Estelle', 'Myriam', 'Anne-Sophie', 'Marie-Pierre',
] as const;

// biome-ignore format: a data table
export const maleFirstNames = [
  'Philippe', 'Christophe', 'Stéphane', 'Frédéric', 'Laurent', 'Nicolas', 'Olivier', 'Sébastien',
  'David', 'Thierry', 'Éric', 'Pascal', 'Patrick', 'Julien', 'Jérôme', 'Vincent', 'Franck', 'Didier',
  'Thomas', 'Alexandre', 'Guillaume', 'Mathieu', 'Cédric', 'Fabrice', 'Arnaud', 'Damien', 'Romain',
  'Jean', 'Pierre', 'Michel', 'Alain', 'Bruno', 'Gilles', 'Denis', 'Hervé', 'Yannick', 'Ludovic',
  'Benoît', 'Antoine', 'Maxime', 'Kevin', 'Anthony', 'Jonathan', 'Florian', 'Jérémy', 'Hugo', 'Lucas',
  'Karim', 'Mohamed', 'Rachid', 'Mehdi', 'Yves', 'Serge', 'Bernard', 'Daniel', 'Marc', 'Emmanuel',
  'François', 'Jean-Luc', 'Jean-Marc', 'Jean-Pierre', 'Jean-François', 'Xavier', 'Lionel', 'Régis',
  'Benjamin', 'Quentin', 'Adrien', 'Bastien', 'Loïc', 'Gaël', 'Baptiste', 'Grégory', 'Joël',
] as const;

/** Frequent surnames in France, with a South-West flavour (Gascon and Basque names). */
// biome-ignore format: a data table
export const lastNames = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier',
  'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly',
  'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand',
  'Dufour', 'Blanchard', 'Marie', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin',
  'Fernandez', 'Pierre', 'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal',
  'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Philippe', 'Leclercq', 'Lacroix', 'Fabre',
  'Dupuis', 'Olivier', 'Rodriguez', 'Da Silva', 'Hubert', 'Louis', 'Charles', 'Guillot', 'Rivière',
  'Le Gall', 'Guillaume', 'Adam', 'Rey', 'Moulin', 'Gonzalez', 'Berger', 'Lecomte', 'Menard', 'Fleury',
  'Deschamps', 'Carpentier', 'Julien', 'Benoît', 'Paris', 'Maillard', 'Marchal', 'Aubry', 'Vasseur',
  'Lacoste', 'Labat', 'Darrieux', 'Lafitte', 'Larrieu', 'Dulau', 'Cazenave', 'Lalanne', 'Dupouy',
  'Castaing', 'Ducasse', 'Laborde', 'Lamarque', 'Etcheverry', 'Etchegaray', 'Bordenave', 'Lassalle',
  'Lapeyre', 'Barrère', 'Lartigue', 'Dubos', 'Cazaux', 'Pujol', 'Despujols', 'Lagarde', 'Sarrazin',
  'Labadie', 'Marty', 'Mauriac', 'Destenave', 'Haurie', 'Pédeboscq', 'Ben Ali', 'Benali', 'Haddad',
  'Diallo', 'Traoré', 'Ferreira', 'Pereira', 'Rodrigues', 'Dos Santos', 'Lemaître', 'Tessier', 'Collet',
] as const;

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function randomName(rng: Random): PersonName {
  const first = rng.chance(0.56) ? rng.pick(femaleFirstNames) : rng.pick(maleFirstNames);
  const last = rng.pick(lastNames);
  return { first, last, full: `${first} ${last}` };
}

/** "Saint-Médard-en-Jalles" → "saint-medard-en-jalles"; "Villenave-d'Ornon" → "villenave-dornon". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The local part of an e-mail address: "Anne-Sophie Da Silva" → "anne-sophie.dasilva". */
export function emailLocalPart(name: PersonName): string {
  return `${slugify(name.first)}.${slugify(name.last).replace(/-/g, '')}`;
}
