import { defaultPriorityMatrix, priorityOf } from '../modules/tickets/priority.js';
import { categoryOf } from './directory.js';
import type { DirectoryPlan, GroupNode, PersonNode } from './plan.js';
import type { Channel, TicketOpening, TicketPlan, TicketType } from './story.js';
import { TicketStory } from './story.js';
import { addHours, addMinutes, nextNight } from './time.js';

interface Opening {
  type: TicketType;
  category: string;
  title: string;
  description: string;
  channel: Channel;
  requester: PersonNode;
  /** the agent who logged a call; the requester otherwise */
  loggedBy?: PersonNode;
  hoursAgo: number;
  impact?: number;
  urgency?: number;
}

/**
 * Tickets of the fixed demo requesters, so each login shows something to act on: an open ticket,
 * one resolved in the last two days (to confirm or reopen) and an old closed one.
 */
export function buildScenarios(dir: DirectoryPlan, now: Date): TicketPlan[] {
  const { logins, named } = dir;
  const [agent1, agent2, agent3, , , , agent7] = logins.agents;
  if (!agent1 || !agent2 || !agent3 || !agent7) throw new Error('the demo needs 12 agents');
  const pessacSupport = named.local.get('Pessac') as GroupNode;
  const technician = named.onsite.assignees[0] as PersonNode;

  const open = (o: Opening) => {
    const impact = o.impact ?? 3;
    const urgency = o.urgency ?? 3;
    const opening: TicketOpening = {
      type: o.type,
      title: o.title,
      description: o.description,
      channel: o.channel,
      category: categoryOf(dir, o.category),
      impact,
      urgency,
      priority: priorityOf(defaultPriorityMatrix, impact, urgency),
      requester: o.requester,
      createdBy: o.loggedBy ?? o.requester,
      createdAt: addHours(now, -o.hoursAgo),
    };
    return { story: new TicketStory(opening), at: opening.createdAt };
  };
  const out: TicketPlan[] = [];

  // requester@ — metropolis staff (Finances)
  const camille = logins.requester;
  {
    const { story, at } = open({
      type: 'incident',
      category: 'apps.finance',
      title: "Impossible d'ouvrir Ciril Finances",
      description:
        'Ciril Finances affiche « connexion au serveur impossible » depuis ce matin. Nous avons des mandats à valider avant la clôture mensuelle.',
      channel: 'portal',
      requester: camille,
      hoursAgo: 27,
      urgency: 2,
    });
    story
      .assign(addMinutes(at, 18), agent1, named.deskA, agent1)
      .start(addMinutes(at, 25), agent1)
      .comment(
        addMinutes(at, 31),
        agent1,
        'Bonjour, je reproduis le problème sur un autre poste du service. Je vous rappelle dans la matinée.',
      )
      .comment(
        addMinutes(at, 40),
        agent1,
        'Vu avec les experts applications : service à redémarrer.',
        'internal',
      );
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'incident',
      category: 'printing.failure',
      title: 'Imprimante du 2e étage hors service',
      description:
        'Appel de Camille Dubois (Finances) : l’imprimante du 2e étage affiche « Erreur 49 » et plus personne ne peut imprimer dans le service.',
      channel: 'phone',
      requester: camille,
      loggedBy: agent2,
      hoursAgo: 50,
      impact: 2,
    });
    story
      .assign(addMinutes(at, 3), agent2, named.onsite, technician)
      .start(addHours(at, 20), technician)
      .resolve(
        addHours(at, 28),
        technician,
        'solved',
        'Intervention sur site : carte formateur remplacée, page de test imprimée.',
      );
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'request',
      category: 'requests.equipment',
      title: "Demande d'un second écran",
      description:
        "Je travaille sur des tableaux de suivi budgétaire et un second écran m'aiderait beaucoup.",
      channel: 'portal',
      requester: camille,
      hoursAgo: 96,
    });
    story
      .assign(addHours(at, 1), agent3, named.deskA, agent3)
      .start(addHours(at, 2), agent3)
      .pending(addHours(at, 2.1), agent3, 'requester')
      .comment(
        addHours(at, 2.2),
        agent3,
        'Bonjour, merci de nous transmettre l’accord de votre responsable pour cette demande.',
      );
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'request',
      category: 'accounts.password',
      title: 'Mot de passe expiré',
      description:
        'Appel de Camille Dubois (Finances) : mon mot de passe a expiré pendant mes congés et je ne peux plus ouvrir ma session.',
      channel: 'phone',
      requester: camille,
      loggedBy: agent1,
      hoursAgo: 24 * 45,
    });
    story
      .assign(addMinutes(at, 1), agent1, named.deskA, agent1)
      .resolve(addMinutes(at, 6), agent1, 'solved', "Mot de passe réinitialisé, l'agent s'est reconnectée.")
      .confirm(addHours(at, 2));
    out.push(story.play(now));
  }

  // requester.pessac@ — Pessac town hall front desk
  const helene = logins.requesterPessac;
  const stephane = logins.agentPessac;
  {
    const { story, at } = open({
      type: 'incident',
      category: 'network.wifi',
      title: `Wi‑Fi indisponible – ${helene.site?.name ?? 'hôtel de ville'}`,
      description:
        'Le Wi‑Fi est indisponible dans la salle du conseil, les tablettes des élus ne se connectent plus. Conseil municipal jeudi.',
      channel: 'portal',
      requester: helene,
      hoursAgo: 6,
      urgency: 2,
    });
    story.assign(addMinutes(at, 35), agent7, pessacSupport, stephane);
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'incident',
      category: 'printing.failure',
      title: "L'imprimante de l'accueil n'imprime plus",
      description:
        "Mes impressions partent dans la file d'attente mais rien ne sort de l'imprimante de l'accueil.",
      channel: 'portal',
      requester: helene,
      hoursAgo: 30,
    });
    story
      .assign(addMinutes(at, 40), agent7, pessacSupport, stephane)
      .start(addHours(at, 2), stephane)
      .comment(addHours(at, 2.1), stephane, 'Je passe à l’accueil en fin de matinée.')
      .resolve(
        addHours(at, 22),
        stephane,
        'solved',
        "File d'attente purgée et pilote réinstallé sur le poste.",
      );
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'request',
      category: 'accounts.password',
      title: 'Compte bloqué après plusieurs tentatives',
      description: 'Mon compte est bloqué après plusieurs erreurs de saisie.',
      channel: 'email',
      requester: helene,
      hoursAgo: 24 * 20,
    });
    story
      .assign(addMinutes(at, 20), agent2, named.deskA, agent2)
      .resolve(addMinutes(at, 30), agent2, 'solved', 'Compte débloqué après vérification de l’identité.')
      .autoClose(nextNight(addHours(at, 24 * 10 + 1)));
    out.push(story.play(now));
  }

  // requester.merignac@ — Mérignac technical services
  const olivier = logins.requesterMerignac;
  {
    const { story } = open({
      type: 'incident',
      category: 'network.vpn',
      title: 'Le VPN ne se connecte plus en télétravail',
      description: "En télétravail, le client VPN affiche « échec de l'authentification » depuis ce matin.",
      channel: 'portal',
      requester: olivier,
      hoursAgo: 2,
    });
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'incident',
      category: 'mail.mailbox',
      title: 'Outlook demande le mot de passe en boucle',
      description:
        'Appel de Olivier Darrieux (Services techniques) : Outlook me redemande mon mot de passe toutes les cinq minutes.',
      channel: 'phone',
      requester: olivier,
      loggedBy: agent7,
      hoursAgo: 40,
    });
    story
      .assign(addMinutes(at, 2), agent7, named.deskB, agent7)
      .start(addMinutes(at, 3), agent7)
      .resolve(
        addHours(at, 4),
        agent7,
        'solved_remotely',
        "Profil Outlook recréé, l'authentification fonctionne.",
      );
    out.push(story.play(now));
  }
  {
    const { story, at } = open({
      type: 'request',
      category: 'requests.equipment',
      title: 'Demande de clavier ergonomique',
      description: "Sur recommandation de la médecine du travail, j'ai besoin d'un clavier ergonomique.",
      channel: 'portal',
      requester: olivier,
      hoursAgo: 24 * 60,
    });
    story
      .assign(addHours(at, 1), agent7, named.onsite, technician)
      .resolve(addHours(at, 72), technician, 'solved', 'Matériel livré et installé.')
      .confirm(addHours(at, 75));
    out.push(story.play(now));
  }
  return out;
}
