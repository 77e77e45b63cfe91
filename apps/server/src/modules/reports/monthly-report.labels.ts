import type { Language } from '@guichet/contracts';
import { cockpitLabels } from '../cockpit/index.js';

/** The report's own words, in the reader's language; KPI names are the cockpit exports' (one wording). */
const words = {
  fr: {
    title: 'Rapport mensuel',
    subject: (entity: string, month: string) => `Rapport mensuel ${month} : ${entity}`,
    entity: 'Entité',
    month: 'Mois',
    generated: 'Généré le',
    summary: 'Synthèse',
    indicator: 'Indicateur',
    thisMonth: 'Ce mois',
    previousMonth: 'Mois précédent',
    change: 'Évolution',
    responseCompliance: 'Respect des engagements de prise en charge',
    volumes: 'Volumes',
    byChannel: 'Tickets créés par canal',
    byType: 'Tickets créés par type',
    topCategories: 'Les 10 catégories les plus sollicitées',
    notable: 'Incidents notables (priorité 1 et 2, incidents majeurs)',
    none: 'Aucun',
    channel: 'Canal',
    type: 'Type',
    category: 'Catégorie',
    number: 'Numéro',
    titleCol: 'Titre',
    priority: 'Priorité',
    status: 'Statut',
    created: 'Créé le',
    duration: 'Durée',
    children: 'Tickets rattachés',
    ongoing: 'en cours',
    noCategory: 'Sans catégorie',
    satisfactionNote:
      'La satisfaction est donnée en moyenne et en nombre de réponses ; les commentaires libres ne figurent pas dans ce rapport (ils peuvent contenir des données personnelles).',
    slaNote:
      'Le respect des engagements porte sur les délais de prise en charge et de résolution des tickets soumis à une convention de service (SLA), au mois où le délai s’arrête.',
    mailIntro: (entity: string, month: string) =>
      `Veuillez trouver ci-joint le rapport mensuel de ${entity} pour ${month}, en PDF et en tableur (XLSX).`,
    mailFooter:
      'Guichet, centre de services. Pour ne plus recevoir ce rapport, adressez-vous à votre administrateur.',
    channels: { phone: 'Téléphone', portal: 'Portail', email: 'Courriel', walk_in: 'Accueil physique' },
    types: { incident: 'Incidents', request: 'Demandes' },
    statuses: {
      new: 'Nouveau',
      assigned: 'Attribué',
      in_progress: 'En cours',
      pending: 'En attente',
      resolved: 'Résolu',
      closed: 'Clos',
      cancelled: 'Annulé',
    },
    sheets: {
      summary: 'Synthèse',
      channel: 'Canaux',
      type: 'Types',
      categories: 'Catégories',
      notable: 'Incidents notables',
    },
    locale: 'fr-FR',
    monthName: (from: string) =>
      new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${from}T12:00:00Z`),
      ),
  },
  en: {
    title: 'Monthly report',
    subject: (entity: string, month: string) => `Monthly report ${month}: ${entity}`,
    entity: 'Entity',
    month: 'Month',
    generated: 'Generated on',
    summary: 'Summary',
    indicator: 'Indicator',
    thisMonth: 'This month',
    previousMonth: 'Previous month',
    change: 'Change',
    responseCompliance: 'Response SLA compliance',
    volumes: 'Volumes',
    byChannel: 'Tickets created by channel',
    byType: 'Tickets created by type',
    topCategories: 'Top 10 categories',
    notable: 'Notable incidents (priority 1 and 2, major incidents)',
    none: 'None',
    channel: 'Channel',
    type: 'Type',
    category: 'Category',
    number: 'Number',
    titleCol: 'Title',
    priority: 'Priority',
    status: 'Status',
    created: 'Created',
    duration: 'Duration',
    children: 'Grouped tickets',
    ongoing: 'ongoing',
    noCategory: 'No category',
    satisfactionNote:
      'Satisfaction is given as a mean and a number of answers; free-text comments are left out of this report (they may hold personal data).',
    slaNote:
      'SLA compliance covers the response and resolution targets of tickets under a service-level agreement, in the month the clock stops.',
    mailIntro: (entity: string, month: string) =>
      `Please find attached the monthly report of ${entity} for ${month}, as a PDF and a spreadsheet (XLSX).`,
    mailFooter: 'Guichet service desk. To stop receiving this report, ask your administrator.',
    channels: { phone: 'Phone', portal: 'Portal', email: 'E-mail', walk_in: 'Walk-in' },
    types: { incident: 'Incidents', request: 'Requests' },
    statuses: {
      new: 'New',
      assigned: 'Assigned',
      in_progress: 'In progress',
      pending: 'Pending',
      resolved: 'Resolved',
      closed: 'Closed',
      cancelled: 'Cancelled',
    },
    sheets: {
      summary: 'Summary',
      channel: 'Channels',
      type: 'Types',
      categories: 'Categories',
      notable: 'Notable incidents',
    },
    locale: 'en-GB',
    monthName: (from: string) =>
      new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${from}T12:00:00Z`),
      ),
  },
} satisfies Record<Language, unknown>;

export type ReportWords = (typeof words)['fr'] & { kpis: ReturnType<typeof cockpitLabels>['kpis'] };

export const reportWords = (language: Language): ReportWords => ({
  ...(words[language] ?? words.fr),
  kpis: cockpitLabels(language).kpis,
});

const lookup = (map: Record<string, string>, key: string) => map[key] ?? key;
export const channelLabel = (w: ReportWords, key: string) => lookup(w.channels, key);
export const typeLabel = (w: ReportWords, key: string) => lookup(w.types, key);
export const statusLabel = (w: ReportWords, key: string) => lookup(w.statuses, key);
