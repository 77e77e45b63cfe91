/** Ticket templates by leaf category: what people report, in their words, and how it was fixed. */

/** Who takes the ticket when the service desk (N1) does not solve it itself. */
export type Route = 'desk' | 'onsite' | 'network' | 'apps' | 'systems' | 'servers';

/** One kind of problem: its title, what the requester writes (first person) and the fix. */
export type Case = readonly [title: string, detail: string, fix: string];

export interface TicketTemplate {
  category: string;
  type: 'incident' | 'request';
  /** share of the metropolis's tickets, relative */
  weight: number;
  /** weight factor for the communes' tickets (schools, civil registry…); 1 by default */
  communeFactor?: number;
  /** weight factor for the metropolis's tickets; 1 by default, 0 for what only communes do */
  metropolisFactor?: number;
  cases: readonly Case[];
  route: Route;
  /** chance a phone call of this kind is solved while the caller is on the line */
  firstContact: number;
  /** outages touching many people get a higher impact */
  wide?: boolean;
}

/**
 * Placeholders filled per ticket: {site}, {service}, {floor}, {room}, {software}, {app}, {weekday},
 * {colleague}, {n}.
 */
export const templates: readonly TicketTemplate[] = [
  // Poste de travail
  {
    category: 'workstation.hardware',
    type: 'incident',
    weight: 8,
    route: 'onsite',
    firstContact: 0.15,
    cases: [
      [
        'Écran qui reste noir au démarrage',
        "Depuis ce matin, l'écran reste noir alors que l'unité centrale est allumée.",
        "Câble vidéo défectueux remplacé, l'écran fonctionne.",
      ],
      [
        'Clavier qui ne répond plus',
        'Plusieurs touches du clavier ne fonctionnent plus, je ne peux plus saisir mes courriers.',
        'Clavier remplacé par un modèle neuf.',
      ],
      [
        'Souris sans fil défectueuse',
        'Le pointeur de la souris saute sans arrêt, même après changement des piles.',
        'Souris remplacée par une souris filaire.',
      ],
      [
        'Le PC portable ne charge plus',
        'La batterie du portable reste à 0 % même branchée sur le secteur.',
        'Chargeur défectueux remplacé.',
      ],
      [
        "Station d'accueil non reconnue",
        "Quand je branche l'ordinateur portable sur la station d'accueil, ni les écrans ni le réseau ne sont reconnus.",
        "Micrologiciel de la station d'accueil mis à jour, écrans et réseau reconnus.",
      ],
      [
        "Bruit anormal de l'unité centrale",
        "L'unité centrale fait un bruit de ventilateur très fort et s'éteint toute seule après quelques minutes.",
        'Unité centrale échangée (ventilateur hors service), données de session restaurées.',
      ],
      [
        "L'ordinateur ne s'allume plus",
        "Mon ordinateur ne s'allume plus du tout, aucun voyant ne s'allume.",
        'Alimentation remplacée, le poste démarre.',
      ],
      [
        'Webcam non détectée pour les visioconférences',
        'Teams ne détecte plus la webcam, je ne peux plus participer aux réunions en vidéo.',
        'Pilote de la webcam réinstallé.',
      ],
    ],
  },
  {
    category: 'workstation.software',
    type: 'incident',
    weight: 6,
    route: 'desk',
    firstContact: 0.55,
    cases: [
      [
        'Excel se ferme tout seul',
        "Dès que j'ouvre un fichier un peu volumineux, Excel se ferme sans message.",
        'Réparation de la suite bureautique et désactivation d’un complément défectueux.',
      ],
      [
        "Impossible d'ouvrir les fichiers PDF",
        "Les pièces jointes PDF ne s'ouvrent plus, j'ai un message « format non pris en charge ».",
        'Association des fichiers PDF corrigée.',
      ],
      [
        '{software} ne démarre plus',
        '{software} affiche une erreur et se ferme immédiatement, je ne peux plus travailler sur mes dossiers.',
        'Réinstallation de {software} depuis le catalogue de logiciels.',
      ],
      [
        'Mise à jour Windows bloquée au redémarrage',
        'Le poste reste bloqué sur « Mise à jour en cours, 30 % » depuis ce matin.',
        'Mise à jour Windows relancée en prise en main à distance, poste redémarré.',
      ],
      [
        'Outlook et Teams plantent à l’ouverture de session',
        'À chaque ouverture de session, Outlook et Teams se ferment au bout de quelques secondes.',
        'Profil utilisateur réparé, cache Teams vidé.',
      ],
    ],
  },
  {
    category: 'workstation.software',
    type: 'request',
    weight: 3,
    route: 'desk',
    firstContact: 0.3,
    cases: [
      [
        'Installation de {software}',
        "J'ai besoin de {software} pour mon travail au service {service}. Mon responsable est d'accord.",
        '{software} installé depuis le catalogue de logiciels.',
      ],
      [
        'Demande d’installation de {software} sur mon poste',
        "Pourriez-vous installer {software} sur mon poste ? C'est pour préparer les dossiers de la commission.",
        "Installation réalisée à distance, l'agent a vérifié le fonctionnement.",
      ],
    ],
  },
  {
    category: 'workstation.slow',
    type: 'incident',
    weight: 5,
    route: 'systems',
    firstContact: 0.3,
    cases: [
      [
        'Ordinateur très lent depuis ce matin',
        "Depuis ce matin, les applications mettent très longtemps à s'afficher et le poste rame.",
        'Disque saturé : fichiers temporaires supprimés, 40 Go libérés.',
      ],
      [
        'Ouverture de session interminable',
        'Il faut plus de dix minutes pour ouvrir ma session le matin.',
        "Profil itinérant allégé, la session s'ouvre en une minute.",
      ],
      [
        'Le poste se fige plusieurs fois par jour',
        'Le poste se fige plusieurs fois par jour, je dois redémarrer et je perds mon travail.',
        'Ajout de mémoire vive (8 Go → 16 Go).',
      ],
      [
        'Lenteurs importantes sur les fichiers partagés',
        "L'ouverture des documents sur le lecteur partagé du service {service} est devenue très lente.",
        "Serveur de fichiers saturé : volume étendu par l'équipe systèmes.",
      ],
    ],
  },
  // Impression
  {
    category: 'printing.failure',
    type: 'incident',
    weight: 7,
    route: 'onsite',
    firstContact: 0.25,
    cases: [
      [
        'Imprimante du {floor} étage hors service',
        "L'imprimante du {floor} étage affiche « Erreur 49 » et plus personne ne peut imprimer dans le service.",
        'Carte formateur de l’imprimante remplacée, page de test imprimée.',
      ],
      [
        'Bourrage papier récurrent sur le copieur',
        'Le copieur fait un bourrage papier à chaque impression recto verso.',
        'Intervention du technicien : rouleau d’entraînement remplacé.',
      ],
      [
        "Impossible d'imprimer en couleur",
        'Les impressions couleur sortent en noir et blanc depuis le changement de toner.',
        'Paramètres couleur corrigés dans le pilote.',
      ],
      [
        "L'imprimante de l'accueil n'imprime plus",
        "Mes impressions partent dans la file d'attente mais rien ne sort de l'imprimante de l'accueil ({site}).",
        "File d'attente purgée et pilote réinstallé sur le poste.",
      ],
      [
        'Copieur multifonction en erreur',
        'Le copieur multifonction affiche « Appeler le service technique, code C-2557 ».',
        'Fixation du copieur remplacée par le prestataire.',
      ],
      [
        "Impressions bloquées dans la file d'attente",
        "Mes documents restent « en attente » et rien ne s'imprime, ni pour moi ni pour mes collègues.",
        "Redémarrage du spouleur d'impression sur le serveur, l'imprimante fonctionne à nouveau.",
      ],
    ],
  },
  {
    category: 'printing.supplies',
    type: 'request',
    weight: 3,
    route: 'onsite',
    firstContact: 0,
    cases: [
      [
        "Plus de toner sur l'imprimante de l'accueil",
        "Le toner noir de l'imprimante de l'accueil ({site}) est vide, nous n'en avons plus d'avance.",
        'Toner livré sur site par le prestataire.',
      ],
      [
        'Commande de toner pour le copieur du {floor} étage',
        'Le copieur du {floor} étage indique « toner bas », pouvez-vous nous en livrer un ?',
        'Commande passée, livraison effectuée.',
      ],
    ],
  },
  {
    category: 'printing.scan',
    type: 'incident',
    weight: 2,
    route: 'onsite',
    firstContact: 0.2,
    cases: [
      [
        'Le scan vers la messagerie ne fonctionne plus',
        'Quand je numérise un document sur le copieur, je ne reçois plus le courriel avec le PDF.',
        'Mot de passe du compte de numérisation renouvelé sur le copieur.',
      ],
      [
        'Numérisation impossible vers mon dossier',
        "Le copieur affiche « échec de l'envoi » à chaque numérisation vers mon dossier réseau.",
        'Chemin du dossier de numérisation corrigé dans le carnet d’adresses du copieur.',
      ],
    ],
  },
  // Messagerie
  {
    category: 'mail.mailbox',
    type: 'incident',
    weight: 6,
    route: 'desk',
    firstContact: 0.55,
    cases: [
      [
        'Boîte aux lettres pleine',
        "Outlook m'indique que ma boîte aux lettres est pleine et je ne peux plus envoyer de messages.",
        'Archivage en ligne activé, quota augmenté.',
      ],
      [
        'Ne reçoit plus les courriels externes',
        'Je ne reçois plus les courriels de nos partenaires extérieurs depuis hier, seulement ceux des collègues.',
        'Règle de transfert erronée supprimée, les messages externes arrivent.',
      ],
      [
        'Outlook demande le mot de passe en boucle',
        'Outlook me redemande mon mot de passe toutes les cinq minutes.',
        "Profil Outlook recréé, l'authentification fonctionne.",
      ],
      [
        "Message d'erreur à l'envoi des courriels",
        'Mes messages vers la préfecture reviennent avec une erreur de remise.',
        'Adresse du destinataire corrigée : le message est bien parti.',
      ],
      [
        'Courriels classés à tort dans les indésirables',
        'Les messages du Trésor public arrivent tous dans le dossier « courrier indésirable ».',
        'Expéditeur ajouté à la liste des expéditeurs approuvés.',
      ],
    ],
  },
  {
    category: 'mail.calendar',
    type: 'incident',
    weight: 2,
    route: 'desk',
    firstContact: 0.6,
    cases: [
      [
        'Agenda partagé du service inaccessible',
        "Je n'arrive plus à ouvrir l'agenda partagé du service {service}, j'ai un message d'autorisation.",
        "Délégation sur l'agenda rétablie.",
      ],
      [
        'Les invitations n’apparaissent plus dans mon agenda',
        "Les invitations aux réunions n'arrivent plus dans mon calendrier.",
        "Cache du calendrier réinitialisé, les invitations s'affichent.",
      ],
    ],
  },
  {
    category: 'mail.lists',
    type: 'request',
    weight: 2,
    route: 'desk',
    firstContact: 0.5,
    cases: [
      [
        'Ajout dans la liste de diffusion du service {service}',
        "Merci d'ajouter {colleague} à la liste de diffusion du service {service}, il arrive lundi.",
        'Liste de diffusion mise à jour.',
      ],
      [
        'Création d’une boîte partagée pour le service',
        "Nous souhaitons une boîte aux lettres partagée pour l'accueil du service {service}.",
        'Boîte partagée créée, droits donnés aux agents du service.',
      ],
    ],
  },
  // Réseau et Wi-Fi
  {
    category: 'network.access',
    type: 'incident',
    weight: 3,
    route: 'network',
    firstContact: 0.15,
    cases: [
      [
        'Pas d’accès réseau dans la salle {room}',
        "Aucun poste de la salle {room} n'a accès au réseau, l'icône affiche « pas d'accès Internet ».",
        'Port du commutateur réactivé et brassage corrigé.',
      ],
      [
        'Lecteur réseau inaccessible',
        "Le lecteur réseau du service n'apparaît plus dans l'explorateur de fichiers.",
        'Mappage du lecteur réseau rétabli par stratégie de groupe.',
      ],
      [
        'Prise réseau du bureau inactive',
        'Depuis le déménagement de mon bureau, la prise réseau ne fonctionne pas.',
        'Prise brassée sur le bon VLAN.',
      ],
    ],
  },
  {
    category: 'network.access',
    type: 'incident',
    weight: 1,
    wide: true,
    route: 'network',
    firstContact: 0,
    cases: [
      [
        'Coupure réseau sur tout le site – {site}',
        "Plus aucun poste ni téléphone ne fonctionne sur le site ({site}) depuis 8 h 30. L'accueil du public est perturbé.",
        'Fibre sectionnée lors de travaux de voirie ; liaison de secours activée puis fibre réparée.',
      ],
      [
        'Plus de réseau ni de téléphone dans le bâtiment',
        'Tout le bâtiment a perdu le réseau, les agents ne peuvent plus travailler.',
        'Commutateur principal redémarré après une coupure électrique, onduleur remplacé.',
      ],
    ],
  },
  {
    category: 'network.wifi',
    type: 'incident',
    weight: 3,
    communeFactor: 1.5,
    route: 'network',
    firstContact: 0.1,
    cases: [
      [
        'Wi‑Fi indisponible – {site}',
        'Le Wi‑Fi est indisponible sur tout le site ({site}), les tablettes ne se connectent plus.',
        'Borne Wi‑Fi redémarrée puis remplacée.',
      ],
      [
        'Connexion Wi‑Fi très instable en salle de réunion',
        'La connexion Wi‑Fi coupe toutes les deux minutes en salle de réunion.',
        'Canal radio modifié, connexion stable.',
      ],
      [
        'Le Wi‑Fi public ne fonctionne plus',
        'Les usagers ne peuvent plus se connecter au Wi‑Fi public, la page de connexion ne s’affiche pas.',
        'Portail captif relancé.',
      ],
    ],
  },
  {
    category: 'network.vpn',
    type: 'incident',
    weight: 2,
    route: 'network',
    firstContact: 0.45,
    cases: [
      [
        'Le VPN ne se connecte plus en télétravail',
        "En télétravail, le client VPN affiche « échec de l'authentification » depuis ce matin.",
        'Certificat VPN renouvelé.',
      ],
      [
        'Impossible d’accéder aux applications depuis le domicile',
        "Je suis connecté(e) au VPN mais je n'accède ni à mes fichiers ni aux applications.",
        'Client VPN mis à jour, connexion rétablie.',
      ],
    ],
  },
  // Téléphonie
  {
    category: 'phone.desk',
    type: 'incident',
    weight: 3,
    route: 'desk',
    firstContact: 0.55,
    cases: [
      [
        'Téléphone fixe sans tonalité',
        "Mon téléphone fixe n'a plus de tonalité, l'écran affiche « enregistrement en cours ».",
        'Poste téléphonique réenregistré sur le serveur de téléphonie.',
      ],
      [
        'Messagerie vocale inaccessible',
        "Je n'arrive plus à consulter ma messagerie vocale, le code est refusé.",
        'Code de messagerie réinitialisé.',
      ],
      [
        'Renvoi d’appel à paramétrer',
        'Je voudrais que mes appels soient renvoyés vers le secrétariat pendant mes congés.',
        "Renvoi d'appel configuré.",
      ],
      [
        'Casque téléphonique défectueux',
        "Mon casque grésille, mes correspondants ne m'entendent plus.",
        'Casque remplacé.',
      ],
    ],
  },
  {
    category: 'phone.mobile',
    type: 'request',
    weight: 2,
    route: 'desk',
    firstContact: 0,
    cases: [
      [
        "Demande de téléphone mobile pour l'astreinte",
        'Le service {service} met en place une astreinte le week-end, il nous faudrait un téléphone mobile dédié.',
        'Smartphone remis avec sa ligne d’astreinte.',
      ],
      [
        'Remplacement d’un smartphone cassé',
        "L'écran de mon smartphone professionnel est cassé, il n'est plus utilisable.",
        'Téléphone remplacé, données transférées.',
      ],
    ],
  },
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
