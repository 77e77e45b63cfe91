import { defaultPriorityMatrix, priorityOf } from '../modules/tickets/priority.js';
import { categoryOf } from './directory.js';
import { cancelNotes, deskFollowUps, internalNotes, pendingQuestions, requesterReplies } from './phrases.js';
import type { CategoryNode, DirectoryPlan, GroupNode, PersonNode } from './plan.js';
import { type Random, WeightedTable } from './random.js';
import type { Channel, PendingReason, ResolutionCode, TicketOpening, TicketPlan } from './story.js';
import { TicketStory } from './story.js';
import { type TicketTemplate, templates } from './templates.js';
import { describe, fill, placeholders } from './texts.js';
import { addHours, addMinutes, DAY, isWorkingDay, nextNight, nextWorkingMoment, parisTime } from './time.js';

export const TICKET_TARGETS = {
  /** tickets of the metropolis and its services over the period */
  metropolis: 15_400,
  /** tickets of the communes over the period */
  communes: 1_500,
  days: 212,
  /** days a resolved ticket waits for the requester before it closes by itself */
  reopenDays: 10,
} as const;

// biome-ignore format: a data table
const hourWeights: readonly (readonly [number, number])[] = [
  [7, 0.15], [8, 0.7], [9, 1], [10, 1], [11, 0.85], [12, 0.3], [13, 0.45], [14, 0.95], [15, 0.9],
  [16, 0.75], [17, 0.35], [18, 0.1],
];

// biome-ignore format: a data table
const impactUrgency: readonly (readonly [readonly [number, number], number])[] = [
  [[3, 3], 45], [[3, 2], 20], [[2, 3], 12], [[2, 2], 12], [[3, 1], 4], [[2, 1], 3], [[1, 2], 2], [[1, 3], 2],
];

/** Typical working time (hours) before a resolution, by the kind of team holding the ticket. */
const workMedianHours: Readonly<Record<GroupNode['kind'], number>> = {
  service_desk: 4,
  local_support: 40,
  experts: 60,
  contractor: 50,
};

// biome-ignore format: a data table
const deskCodes: readonly (readonly [ResolutionCode, number])[] = [
  ['solved_remotely', 45], ['solved', 35], ['user_error', 10], ['workaround', 5], ['not_reproducible', 5],
];
// biome-ignore format: a data table
const fieldCodes: readonly (readonly [ResolutionCode, number])[] = [
  ['solved', 65], ['workaround', 10], ['solved_remotely', 10], ['not_reproducible', 8], ['duplicate', 4],
  ['user_error', 3],
];
// biome-ignore format: a data table
const pendingReasons: readonly (readonly [PendingReason, number])[] = [
  ['requester', 50], ['third_party', 30], ['change', 10], ['other', 10],
];

/** Generates the tickets of the last months, each played up to `now`. */
export function buildTickets(rng: Random, dir: DirectoryPlan, now: Date): TicketPlan[] {
  const categories = new Map(dir.categories.map((c) => [c.key, c] as const));
  const category = (key: string): CategoryNode => categories.get(key) ?? categoryOf(dir, key);
  const { deskA, deskB, local, network, apps, systems, onsite, servers } = dir.named;

  // When: working days weigh most, with a slow rise as more communes join.
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const days = new WeightedTable(
    Array.from({ length: TICKET_TARGETS.days + 1 }, (_, i) => {
      const day = today - (TICKET_TARGETS.days - i) * DAY;
      const weekday = new Date(day).getUTCDay();
      const base = isWorkingDay(day) ? 1 : weekday === 6 ? 0.06 : 0.03;
      return [day, base * (0.85 + (0.3 * i) / TICKET_TARGETS.days)] as const;
    }),
  );
  const hours = new WeightedTable(hourWeights);
  const when = (): Date => {
    for (;;) {
      const day = days.pick(rng);
      const minutes = isWorkingDay(day) ? hours.pick(rng) * 60 + rng.int(0, 59) : rng.int(8 * 60, 18 * 60);
      const at = parisTime(day, minutes);
      if (at.getTime() < now.getTime()) return new Date(at.getTime() + rng.int(0, 59_999));
    }
  };

  // Who: people call in proportion to their activity; support staff do not.
  const metroPeople = new WeightedTable(
    dir.people.filter((p) => !p.staff && !p.entity.commune).map((p) => [p, p.activity] as const),
  );
  const communePeople = new WeightedTable(
    dir.people.filter((p) => !p.staff && p.entity.commune).map((p) => [p, p.activity] as const),
  );
  const metroTemplates = new WeightedTable(
    templates.map((t) => [t, t.weight * (t.metropolisFactor ?? 1)] as const),
  );
  const communeTemplates = new WeightedTable(
    templates.map((t) => [t, t.weight * (t.communeFactor ?? 1)] as const),
  );

  const teamFor = (template: TicketTemplate, requester: PersonNode): GroupNode => {
    switch (template.route) {
      case 'desk':
        return rng.chance(0.5) ? deskA : deskB;
      case 'onsite': {
        const commune = requester.entity.commune;
        return (commune && local.get(commune.name)) || onsite;
      }
      case 'network':
        return network;
      case 'apps':
        return apps;
      case 'systems':
        return rng.chance(0.7) ? systems : servers;
      case 'servers':
        return servers;
    }
  };

  const one = (requester: PersonNode, template: TicketTemplate): TicketPlan => {
    const createdAt = when();
    const channel: Channel =
      template.type === 'incident'
        ? rng.weighted([
            ['phone', 58],
            ['portal', 26],
            ['email', 12],
            ['walk_in', 4],
          ])
        : rng.weighted([
            ['phone', 50],
            ['portal', 36],
            ['email', 12],
            ['walk_in', 2],
          ]);
    const desk = rng.chance(0.5) ? deskA : deskB;
    const deskAgent = rng.pick(desk.assignees);
    const byDesk = channel === 'phone' || channel === 'walk_in';
    const values = placeholders(rng, template, requester);
    const [title, detail, fix] = rng.pick(template.cases);
    const [impact, urgency] = template.wide
      ? [rng.chance(0.6) ? 1 : 2, rng.chance(0.7) ? 1 : 2]
      : rng.weighted(impactUrgency);
    const opening: TicketOpening = {
      type: template.type,
      title: fill(title, values),
      description: describe(rng, fill(detail, values), channel, requester),
      channel,
      category: category(template.category),
      impact,
      urgency,
      priority: priorityOf(defaultPriorityMatrix, impact, urgency),
      requester,
      createdBy: byDesk ? deskAgent : requester,
      createdAt,
    };
    const notes = fill(fix, values);

    // Solved while the caller is on the line.
    if (byDesk && rng.chance(template.firstContact)) {
      const code = rng.weighted(deskCodes);
      const story = new TicketStory(opening, {
        group: desk,
        code,
        notes: `Résolu au premier appel. ${notes}`,
      });
      close(story, createdAt, requester);
      return story.play(now);
    }

    const story = new TicketStory(opening);
    const triageAt = byDesk
      ? addMinutes(createdAt, rng.int(1, 4))
      : nextWorkingMoment(addMinutes(createdAt, rng.exponential(45)), rng.int(0, 60));
    if (rng.chance(0.025)) {
      const at = nextWorkingMoment(addHours(triageAt, rng.exponential(4)), rng.int(0, 90));
      if (rng.chance(0.5)) {
        const asked = Math.max(createdAt.getTime() + 60_000, at.getTime() - rng.int(5, 60) * 60_000);
        story.comment(new Date(asked), requester, 'Vous pouvez annuler ma demande.');
      }
      story.cancel(at, deskAgent, rng.pick(cancelNotes));
      return story.play(now);
    }
    const team = template.route === 'desk' || rng.chance(0.3) ? desk : teamFor(template, requester);
    const assignee = team === desk && byDesk ? deskAgent : rng.pick(team.assignees);
    story.assign(triageAt, deskAgent, team, assignee);

    // a few wait for a part, an order or a change and stay open for weeks
    const work = rng.logNormal(workMedianHours[team.kind], 1) * (rng.chance(0.08) ? rng.int(4, 12) : 1);
    const startAt = nextWorkingMoment(
      addHours(triageAt, Math.min(work * 0.25, rng.exponential(team === desk ? 1.5 : 10))),
      rng.int(0, 90),
    );
    story.start(startAt, assignee);
    if (rng.chance(0.3))
      story.comment(addMinutes(startAt, rng.int(2, 30)), assignee, rng.pick(deskFollowUps));
    if (team !== desk && rng.chance(0.15)) {
      story.comment(addMinutes(startAt, rng.int(30, 240)), assignee, rng.pick(internalNotes), 'internal');
    }
    let resolveAt = addHours(startAt, work);
    if (rng.chance(0.25)) {
      const reason = rng.weighted(pendingReasons);
      const pendAt = addHours(startAt, work * 0.3);
      const waited = Math.max(0.5, rng.logNormal(reason === 'requester' ? 40 : 120, 1));
      const backAt = nextWorkingMoment(addHours(pendAt, waited), rng.int(0, 120));
      story.pending(pendAt, assignee, reason);
      if (reason === 'requester') {
        story.comment(addMinutes(pendAt, 1), assignee, rng.pick(pendingQuestions));
        story.comment(backAt, requester, fill(rng.pick(requesterReplies), values));
      } else {
        story.start(backAt, assignee);
      }
      resolveAt = addHours(backAt, work * 0.7);
    } else if (rng.chance(0.12)) {
      story.comment(addHours(startAt, work * 0.5), requester, fill(rng.pick(requesterReplies), values));
    }
    resolveAt = nextWorkingMoment(resolveAt, rng.int(0, 120));
    const code = team === desk ? rng.weighted(deskCodes) : rng.weighted(fieldCodes);
    story.resolve(resolveAt, assignee, code, notes);
    close(story, resolveAt, requester);
    return story.play(now);
  };

  /** The requester confirms a third of resolutions; the rest close when the reopening window ends. */
  const close = (story: TicketStory, resolvedAt: Date, requester: PersonNode) => {
    if (rng.chance(0.35)) {
      const at = nextWorkingMoment(addHours(resolvedAt, 0.1 + rng.exponential(10)), rng.int(0, 120));
      if (rng.chance(0.2)) story.comment(addMinutes(at, -1), requester, 'Merci, tout fonctionne à nouveau.');
      story.confirm(at);
    } else {
      story.autoClose(nextNight(addHours(resolvedAt, TICKET_TARGETS.reopenDays * 24)));
    }
  };

  const out: TicketPlan[] = [];
  for (let i = 0; i < TICKET_TARGETS.metropolis; i++)
    out.push(one(metroPeople.pick(rng), metroTemplates.pick(rng)));
  for (let i = 0; i < TICKET_TARGETS.communes; i++) {
    out.push(one(communePeople.pick(rng), communeTemplates.pick(rng)));
  }
  return out;
}
