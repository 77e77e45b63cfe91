import type { CockpitExportTable, KpiKey, Language } from '@guichet/contracts';

/** Column headings and KPI names of the exports, in the actor's language (the web has its own labels). */
const labels = {
  fr: {
    key: 'Clé',
    label: 'Libellé',
    current: 'Période',
    previous: 'Période précédente',
    date: 'Date',
    open: 'Tickets ouverts',
    count: 'Nombre',
    inProgress: 'En cours',
    pending: 'En attente',
    agent: 'Technicien',
    group: 'Groupe',
    entity: 'Entité',
    status: 'Statut',
    priority: 'Priorité',
    kpi: 'Indicateur',
    noGroup: 'Sans groupe',
    kpis: {
      volume: 'Tickets créés',
      first_contact_resolution_rate: 'Taux de résolution au premier contact',
      first_response_mean_minutes: 'Délai moyen de première réponse (min)',
      first_response_p90_minutes: 'Délai de première réponse, 90e centile (min)',
      resolution_mean_minutes: 'Délai moyen de résolution (min)',
      resolution_p90_minutes: 'Délai de résolution, 90e centile (min)',
      sla_compliance_rate: 'Respect des engagements de résolution',
      reopen_rate: 'Taux de réouverture',
      satisfaction_mean: 'Satisfaction moyenne (1 à 5)',
      backlog: 'Stock de tickets ouverts',
      satisfactionCount: 'Réponses à l’enquête de satisfaction',
    },
  },
  en: {
    key: 'Key',
    label: 'Label',
    current: 'Period',
    previous: 'Previous period',
    date: 'Date',
    open: 'Open tickets',
    count: 'Count',
    inProgress: 'In progress',
    pending: 'Pending',
    agent: 'Agent',
    group: 'Group',
    entity: 'Entity',
    status: 'Status',
    priority: 'Priority',
    kpi: 'Indicator',
    noGroup: 'No group',
    kpis: {
      volume: 'Tickets created',
      first_contact_resolution_rate: 'First-contact resolution rate',
      first_response_mean_minutes: 'Mean time to first response (min)',
      first_response_p90_minutes: 'Time to first response, 90th percentile (min)',
      resolution_mean_minutes: 'Mean time to resolution (min)',
      resolution_p90_minutes: 'Time to resolution, 90th percentile (min)',
      sla_compliance_rate: 'Resolution SLA compliance',
      reopen_rate: 'Reopen rate',
      satisfaction_mean: 'Mean satisfaction (1 to 5)',
      backlog: 'Open tickets backlog',
      satisfactionCount: 'Satisfaction survey answers',
    },
  },
} satisfies Record<
  Language,
  { kpis: Record<KpiKey | 'satisfactionCount', string> } & Record<string, unknown>
>;

export type CockpitLabels = (typeof labels)['fr'];
export const cockpitLabels = (language: Language): CockpitLabels => labels[language] ?? labels.fr;

/** File names of the exports: `cockpit-<table>-<date>`. */
export const exportName = (table: CockpitExportTable, stamp: string) => `cockpit-${table}-${stamp}`;
