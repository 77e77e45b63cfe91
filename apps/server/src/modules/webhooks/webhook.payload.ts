import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { entities, groups, people } from '../directory/index.js';
import { ticketEvents, tickets } from '../tickets/index.js';
import type { WebhookEventName } from './webhook.repository.js';
import { webhooks } from './webhook.table.js';

/** The ticket as a receiver sees it: names rather than ids alone, and a link to the desk. */
export interface TicketSummary {
  number: string;
  title: string;
  type: string;
  status: string;
  priority: number;
  entity: { id: number; name: string };
  group: { id: number; name: string } | null;
  assignee: { id: number; name: string } | null;
  requester: { id: number; name: string };
  url: string;
}

const requester = alias(people, 'requester');
const assignee = alias(people, 'assignee');
const ticketEntity = alias(entities, 'ticket_entity');
const hookEntity = alias(entities, 'hook_entity');

/**
 * Set queries for a whole batch of outbox rows: one statement each, whatever the number of
 * tickets, so a burst of creations costs a handful of round trips.
 */
export const webhookPayloadQueries = {
  /** Active webhooks covering each ticket (the ticket's entity or an ancestor) and their events. */
  async subscribers(
    tx: DbOrTx,
    numbers: string[],
  ): Promise<Map<string, { webhookId: number; events: WebhookEventName[] }[]>> {
    const found = new Map<string, { webhookId: number; events: WebhookEventName[] }[]>();
    if (numbers.length === 0) return found;
    const rows = await tx
      .select({ number: tickets.number, webhookId: webhooks.id, events: webhooks.events })
      .from(tickets)
      .innerJoin(ticketEntity, eq(ticketEntity.id, tickets.entityId))
      .innerJoin(webhooks, eq(webhooks.active, true))
      .innerJoin(
        hookEntity,
        and(eq(hookEntity.id, webhooks.entityId), sql`starts_with(${ticketEntity.path}, ${hookEntity.path})`),
      )
      .where(inArray(tickets.number, numbers));
    for (const r of rows) {
      const list = found.get(r.number) ?? [];
      list.push({ webhookId: r.webhookId, events: r.events });
      found.set(r.number, list);
    }
    return found;
  },

  async tickets(tx: DbOrTx, numbers: string[], baseUrl: string): Promise<Map<string, TicketSummary>> {
    const found = new Map<string, TicketSummary>();
    if (numbers.length === 0) return found;
    const rows = await tx
      .select({
        number: tickets.number,
        title: tickets.title,
        type: tickets.type,
        status: tickets.status,
        priority: tickets.priority,
        entityId: entities.id,
        entityName: entities.name,
        groupId: groups.id,
        groupName: groups.name,
        assigneeId: assignee.id,
        assigneeName: assignee.name,
        requesterId: requester.id,
        requesterName: requester.name,
      })
      .from(tickets)
      .innerJoin(entities, eq(entities.id, tickets.entityId))
      .innerJoin(requester, eq(requester.id, tickets.requesterId))
      .leftJoin(groups, eq(groups.id, tickets.groupId))
      .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
      .where(inArray(tickets.number, numbers));
    for (const r of rows) {
      found.set(r.number, {
        number: r.number,
        title: r.title,
        type: r.type,
        status: r.status,
        priority: r.priority,
        entity: { id: r.entityId, name: r.entityName },
        group: r.groupId === null || r.groupName === null ? null : { id: r.groupId, name: r.groupName },
        assignee:
          r.assigneeId === null || r.assigneeName === null
            ? null
            : { id: r.assigneeId, name: r.assigneeName },
        requester: { id: r.requesterId, name: r.requesterName },
        url: `${baseUrl}/desk/tickets/${encodeURIComponent(r.number)}`,
      });
    }
    return found;
  },

  /**
   * The history rows the events report. Only the field changes travel: a comment's body never
   * does, so an internal note cannot leak through a webhook.
   */
  async changes(
    tx: DbOrTx,
    eventIds: number[],
  ): Promise<Map<number, { kind: string; changes: Record<string, { from: unknown; to: unknown }> }>> {
    const found = new Map<
      number,
      { kind: string; changes: Record<string, { from: unknown; to: unknown }> }
    >();
    if (eventIds.length === 0) return found;
    const rows = await tx
      .select({ id: ticketEvents.id, kind: ticketEvents.kind, changes: ticketEvents.changes })
      .from(ticketEvents)
      .where(inArray(ticketEvents.id, eventIds));
    for (const r of rows) found.set(r.id, { kind: r.kind, changes: r.changes });
    return found;
  },
};
