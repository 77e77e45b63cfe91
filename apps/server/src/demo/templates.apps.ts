import type { TicketTemplate } from './templates.js';

/** Business applications, accounts and access, and the service requests. */
export const appTemplates: readonly TicketTemplate[] = [
  // Applications métier
  {
    category: 'apps.finance',
    type: 'incident',
    weight: 4,
    communeFactor: 0.7,
    route: 'apps',
    firstContact: 0.15,
    cases: [
      [
        "Impossible d'ouvrir {app}",
        "{app} ne s'ouvre plus : message « connexion au serveur impossible ». Nous avons des mandats à valider avant la clôture.",
        'Service applicatif redémarré par l’équipe applications.',
      ],
      [
        'Erreur lors de la validation d’un mandat',
        "La validation d'un mandat échoue avec une erreur technique, impossible de payer le fournisseur.",
        "Correctif de l'éditeur appliqué, le mandat est validé.",
      ],
      [
        'Bon de commande bloqué dans le circuit de validation',
        "Un bon de commande reste bloqué à l'étape de validation du responsable depuis une semaine.",
        'Circuit de validation débloqué, le bon de commande est validé.',
      ],
      [
        'Export des engagements en erreur',
        "L'export des engagements vers Excel s'arrête avec une erreur au bout de quelques secondes.",
        'Paramètre d’export corrigé par l’administrateur fonctionnel.',
      ],
    ],
  },
  {
    category: 'apps.hr',
    type: 'incident',
    weight: 2,
    route: 'apps',
    firstContact: 0.2,
    cases: [
      [
        'Erreur dans le calcul de la paie sur {app}',
        '{app} calcule un montant de prime erroné pour plusieurs agents du service.',
        'Paramétrage de la rubrique de paie corrigé.',
      ],
      [
        'Accès au portail agent (congés) impossible',
        "Je n'arrive plus à poser mes congés sur le portail agent, la page reste blanche.",
        'Compte du portail agent réactivé.',
      ],
      [
        "Le planning des absences ne s'affiche pas",
        "Le planning des absences de l'équipe reste vide depuis la mise à jour.",
        'Droits de consultation du planning rétablis.',
      ],
    ],
  },
  {
    category: 'apps.civil',
    type: 'incident',
    weight: 2,
    communeFactor: 4,
    metropolisFactor: 0,
    route: 'apps',
    firstContact: 0.1,
    cases: [
      [
        "Impossible d'éditer un acte de naissance",
        "Au guichet de l'état civil, l'édition des actes de naissance échoue, des usagers attendent.",
        'Modèle d’acte corrigé.',
      ],
      [
        '{app} : erreur à la mise à jour des mentions',
        "{app} refuse d'enregistrer une mention de mariage (erreur inattendue).",
        "Mise à jour de l'éditeur installée.",
      ],
      [
        "Lenteur de l'application d'état civil au guichet",
        "L'application d'état civil met plus d'une minute à afficher chaque acte.",
        'Index de la base reconstruits, temps de réponse normal.',
      ],
    ],
  },
  {
    category: 'apps.planning',
    type: 'incident',
    weight: 2,
    route: 'apps',
    firstContact: 0.1,
    cases: [
      [
        "Le SIG n'affiche plus le cadastre",
        "La couche cadastre ne s'affiche plus dans le SIG, nous ne pouvons plus instruire les dossiers.",
        'Flux cadastral rétabli.',
      ],
      [
        'Erreur à l’enregistrement d’un permis de construire',
        "{app} affiche une erreur à l'enregistrement d'un permis de construire.",
        'Dossier débloqué par l’administrateur de l’application.',
      ],
    ],
  },
  {
    category: 'apps.schools',
    type: 'incident',
    weight: 2,
    communeFactor: 5,
    metropolisFactor: 0,
    route: 'onsite',
    firstContact: 0.05,
    cases: [
      [
        'Inscriptions à la cantine impossibles',
        'Les familles ne peuvent plus inscrire leurs enfants à la cantine sur le portail famille.',
        'Service du portail famille relancé.',
      ],
      [
        'Tableau numérique de la classe hors service',
        "Le tableau numérique interactif de la classe de CE2 ({site}) ne s'allume plus.",
        'Lampe du vidéoprojecteur remplacée.',
      ],
    ],
  },
  // Comptes et accès
  {
    category: 'accounts.password',
    type: 'request',
    weight: 11,
    route: 'desk',
    firstContact: 0.9,
    cases: [
      [
        'Mot de passe expiré',
        'Mon mot de passe a expiré pendant mes congés et je ne peux plus ouvrir ma session.',
        "Mot de passe réinitialisé, l'agent s'est reconnecté.",
      ],
      [
        'Compte bloqué après plusieurs tentatives',
        'Mon compte est bloqué après plusieurs erreurs de saisie.',
        'Compte débloqué après vérification de l’identité.',
      ],
      [
        'Réinitialisation du mot de passe',
        "J'ai oublié mon mot de passe Windows.",
        'Mot de passe provisoire communiqué, changement imposé à la connexion.',
      ],
    ],
  },
  {
    category: 'accounts.rights',
    type: 'request',
    weight: 5,
    route: 'desk',
    firstContact: 0.35,
    cases: [
      [
        'Accès au dossier partagé du service {service}',
        "Je viens d'arriver au service {service} et je n'ai pas accès au dossier partagé.",
        'Ajout au groupe de sécurité du service.',
      ],
      [
        "Droits d'écriture sur le répertoire commun",
        'Je peux lire les fichiers du répertoire commun mais pas les modifier.',
        'Droits en modification accordés après accord du responsable.',
      ],
      [
        'Accès à la boîte partagée de l’accueil',
        "J'ai besoin d'accéder à la boîte partagée de l'accueil pour remplacer une collègue.",
        'Droits sur la boîte partagée accordés.',
      ],
    ],
  },
  // Demandes
  {
    category: 'requests.workstation',
    type: 'request',
    weight: 3,
    route: 'onsite',
    firstContact: 0,
    cases: [
      [
        'Préparation d’un poste pour un nouvel arrivant',
        'Un nouvel agent arrive {weekday} au service {service}, il lui faut un poste et un compte.',
        'Poste préparé et livré.',
      ],
      [
        "Remplacement d'un ordinateur de plus de 6 ans",
        'Mon ordinateur a plus de 6 ans et devient très lent, peut-il être remplacé ?',
        'Ordinateur remplacé, données migrées.',
      ],
      [
        'Demande d’ordinateur portable pour le télétravail',
        "J'ai obtenu deux jours de télétravail par semaine, il me faudrait un ordinateur portable.",
        'Portable remis avec le VPN configuré.',
      ],
    ],
  },
  {
    category: 'requests.app',
    type: 'request',
    weight: 4,
    route: 'apps',
    firstContact: 0,
    cases: [
      [
        "Demande d'accès à l'application {app}",
        "Dans le cadre de ma prise de poste au service {service}, j'ai besoin d'un accès à {app}.",
        'Compte applicatif créé, identifiants communiqués.',
      ],
      [
        "Demande d'accès à l'application Urbanisme",
        "Je dois consulter les dossiers d'urbanisme, mon responsable valide la demande.",
        'Profil de consultation attribué.',
      ],
      [
        'Ouverture de droits sur {app}',
        "Mon responsable valide ma demande d'accès à {app} en consultation.",
        'Profil de consultation attribué.',
      ],
    ],
  },
  {
    category: 'requests.equipment',
    type: 'request',
    weight: 3,
    route: 'onsite',
    firstContact: 0,
    cases: [
      [
        "Demande d'un second écran",
        "Je travaille sur des tableaux de suivi et un second écran m'aiderait beaucoup.",
        'Écran installé et configuré.',
      ],
      [
        'Demande de clavier ergonomique',
        "Sur recommandation de la médecine du travail, j'ai besoin d'un clavier ergonomique.",
        'Matériel livré et installé.',
      ],
      [
        'Demande de casque pour les visioconférences',
        "Je fais beaucoup de visioconférences depuis l'open space, un casque serait nécessaire.",
        'Casque livré.',
      ],
    ],
  },
  {
    category: 'requests.arrival',
    type: 'request',
    weight: 2,
    route: 'desk',
    firstContact: 0,
    cases: [
      [
        "Arrivée d'un agent au service {service}",
        '{colleague} rejoint le service {service} {weekday}. Merci de prévoir compte, messagerie et poste.',
        'Compte, messagerie et poste prêts.',
      ],
      [
        "Départ d'un agent : fermeture des accès",
        '{colleague} quitte la collectivité à la fin du mois, merci de fermer ses accès et de récupérer son matériel.',
        'Accès fermés et matériel récupéré.',
      ],
    ],
  },
];
