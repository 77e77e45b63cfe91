/** Sentences the generated tickets are made of, in French. */

export const appsByCategory: Readonly<Record<string, readonly string[]>> = {
  'apps.finance': ['Ciril Finances', 'Chorus Pro', 'le parapheur électronique'],
  'apps.hr': ['Ciril RH', 'le logiciel de gestion des temps'],
  'apps.civil': ['Mélodie', 'COMEDEC'],
  'apps.planning': ['Cart@ds', 'le SIG'],
  'apps.schools': ['le portail famille'],
  'requests.app': ['Ciril Finances', 'Ciril RH', 'Cart@ds', 'Mélodie', 'la GED', 'Urbanisme', 'le SIG'],
};

export const software = [
  'Adobe Acrobat Reader',
  'LibreOffice',
  'QGIS',
  'AutoCAD LT',
  'Teams',
  'Firefox',
  'Microsoft Project',
  'VLC',
] as const;

export const contextSentences = [
  "J'ai déjà redémarré le poste, sans effet.",
  'Mes collègues du bureau ont le même problème.',
  "C'est assez urgent : nous recevons du public cet après-midi.",
  'Le problème est apparu après la mise à jour de la semaine dernière.',
  'Je suis joignable sur mon poste toute la journée.',
  'Cela bloque le traitement des dossiers en cours.',
  '',
  '',
] as const;

export const deskFollowUps = [
  'Bonjour, nous avons bien reçu votre demande. Un technicien va vous contacter dans la journée.',
  'Bonjour, pouvez-vous nous indiquer le numéro d’inventaire collé sous votre poste ?',
  'Nous avons transmis votre demande à l’équipe compétente. Nous revenons vers vous dès que possible.',
  'Un technicien passera sur site demain matin. Merci de laisser le poste allumé.',
  'Pouvez-vous nous confirmer le créneau où vous êtes disponible pour une prise en main à distance ?',
  'Le matériel est commandé, la livraison est prévue la semaine prochaine.',
] as const;

export const requesterReplies = [
  'Merci pour votre retour rapide.',
  'Le numéro d’inventaire est le BM-{n}.',
  'Je suis disponible cet après-midi à partir de 14 h.',
  'Le problème est revenu ce matin.',
  'Toujours pas de solution de mon côté, pouvez-vous relancer ?',
  'C’est bon pour moi, merci.',
] as const;

export const internalNotes = [
  'Escaladé au prestataire, ticket fournisseur ouvert.',
  'Vu avec le responsable du service : priorité maintenue.',
  'Même symptôme que sur deux autres sites cette semaine, à surveiller.',
  'Pièce commandée chez le constructeur (garantie).',
] as const;

export const pendingQuestions = [
  'Bonjour, pouvez-vous nous préciser le message d’erreur exact (une capture d’écran suffit) ?',
  'Bonjour, à quel moment êtes-vous disponible pour une intervention sur votre poste ?',
  'Bonjour, merci de nous transmettre l’accord de votre responsable pour cette demande.',
] as const;

export const cancelNotes = [
  "Annulé à la demande de l'agent : le problème s'est résolu de lui-même.",
  'Demande en doublon, annulée.',
  "Annulé : l'agent a quitté le service.",
] as const;
