/** The two-level category tree, French names with their English translation. */

export interface CategorySpec {
  key: string;
  name: string;
  nameEn: string;
  children: readonly { key: string; name: string; nameEn: string }[];
}

export const categoryTree: readonly CategorySpec[] = [
  {
    key: 'workstation',
    name: 'Poste de travail',
    nameEn: 'Workstation',
    children: [
      { key: 'workstation.hardware', name: 'Matériel', nameEn: 'Hardware' },
      { key: 'workstation.software', name: 'Logiciel', nameEn: 'Software' },
      { key: 'workstation.slow', name: 'Lenteur', nameEn: 'Slowness' },
    ],
  },
  {
    key: 'printing',
    name: 'Impression',
    nameEn: 'Printing',
    children: [
      { key: 'printing.failure', name: 'Imprimante en panne', nameEn: 'Printer failure' },
      { key: 'printing.supplies', name: 'Consommables', nameEn: 'Supplies' },
      { key: 'printing.scan', name: 'Numérisation', nameEn: 'Scanning' },
    ],
  },
  {
    key: 'mail',
    name: 'Messagerie',
    nameEn: 'E-mail',
    children: [
      { key: 'mail.mailbox', name: 'Boîte aux lettres', nameEn: 'Mailbox' },
      { key: 'mail.calendar', name: 'Agenda', nameEn: 'Calendar' },
      { key: 'mail.lists', name: 'Listes de diffusion', nameEn: 'Mailing lists' },
    ],
  },
  {
    key: 'network',
    name: 'Réseau et Wi‑Fi',
    nameEn: 'Network and Wi‑Fi',
    children: [
      { key: 'network.access', name: 'Accès réseau', nameEn: 'Network access' },
      { key: 'network.wifi', name: 'Wi‑Fi', nameEn: 'Wi‑Fi' },
      { key: 'network.vpn', name: 'Télétravail et VPN', nameEn: 'Remote work and VPN' },
    ],
  },
  {
    key: 'phone',
    name: 'Téléphonie',
    nameEn: 'Telephony',
    children: [
      { key: 'phone.desk', name: 'Téléphone fixe', nameEn: 'Desk phone' },
      { key: 'phone.mobile', name: 'Téléphone mobile', nameEn: 'Mobile phone' },
    ],
  },
  {
    key: 'apps',
    name: 'Applications métier',
    nameEn: 'Business applications',
    children: [
      { key: 'apps.finance', name: 'Finances', nameEn: 'Finance' },
      { key: 'apps.hr', name: 'RH', nameEn: 'HR' },
      { key: 'apps.civil', name: 'État civil', nameEn: 'Civil registry' },
      { key: 'apps.planning', name: 'Urbanisme', nameEn: 'Urban planning' },
      { key: 'apps.schools', name: 'Enfance et scolaire', nameEn: 'Childhood and schools' },
    ],
  },
  {
    key: 'accounts',
    name: 'Comptes et accès',
    nameEn: 'Accounts and access',
    children: [
      { key: 'accounts.password', name: 'Mot de passe', nameEn: 'Password' },
      { key: 'accounts.rights', name: 'Droits', nameEn: 'Permissions' },
    ],
  },
  {
    key: 'requests',
    name: 'Demandes',
    nameEn: 'Requests',
    children: [
      { key: 'requests.workstation', name: 'Nouveau poste', nameEn: 'New workstation' },
      { key: 'requests.app', name: 'Accès application', nameEn: 'Application access' },
      { key: 'requests.equipment', name: 'Matériel', nameEn: 'Equipment' },
      { key: 'requests.arrival', name: 'Arrivée et départ', nameEn: 'Arrival and departure' },
    ],
  },
];
