import type { TicketTemplate } from './templates.js';

/** Workstations, printing, e-mail, network and telephony: what breaks on a desk and around it. */
export const deviceTemplates: readonly TicketTemplate[] = [
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
];
