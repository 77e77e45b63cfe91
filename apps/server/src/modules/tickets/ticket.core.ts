import type { Ticket } from '@guichet/contracts';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { invalid, notFound } from '../../platform/errors.js';
import { publish } from '../../platform/events/events.js';
import type { FileStore } from '../../platform/files/file-store.js';
import {
  findGroup,
  findPerson,
  findSite,
  isAncestorOrSelf,
  isGroupMember,
  isStaffPerson,
  readSettings,
} from '../directory/index.js';
import type { TicketClocks } from './ticket.clocks.js';
import { toTicket } from './ticket.mapper.js';
import { ticketPolicy } from './ticket.policy.js';
import * as repo from './ticket.repository.js';
import { ticketEvents, type tickets } from './ticket.table.js';

type TicketRecord = typeof tickets.$inferSelect;
type Changes = Record<string, { from: unknown; to: unknown }>;

export interface TicketServiceDeps {
  db: Db;
  clock: Clock;
  files: FileStore;
  maxUploadBytes: number;
  /** the service-level engine; none in tests of the tickets module alone */
  clocks?: TicketClocks;
}

/** What every ticket use case shares: history with its live event, reference checks, the detail view, locking. */
export function createTicketCore({ clock }: Pick<TicketServiceDeps, 'clock'>) {
  /** Appends a history event and the outbox event that pushes it live, in the caller's transaction. */
  async function record(
    tx: DbOrTx,
    actor: Actor | null,
    t: Pick<TicketRecord, 'id' | 'number' | 'entityId' | 'requesterId' | 'status'>,
    kind: string,
    changes: Changes,
    commentId: number | null = null,
    internal = false,
  ): Promise<void> {
    const history = tx
      .insert(ticketEvents)
      .values({
        ticketId: t.id,
        entityId: t.entityId,
        actorId: actor?.personId ?? null,
        kind,
        changes,
        commentId,
      })
      .returning({ id: ticketEvents.id });
    await publish(
      tx,
      {
        topic: 'ticket.changed',
        entityId: t.entityId,
        audience: internal ? [] : [t.requesterId],
        payload: {
          type: 'ticket.changed',
          number: t.number,
          kind,
          status: t.status,
          at: clock.now().toISOString(),
        },
      },
      [history],
      { eventId: 0 },
    );
  }

  async function checkGroupAndAssignee(
    tx: DbOrTx,
    actor: Actor,
    entityId: number,
    groupId: number | null | undefined,
    assigneeId: number | null | undefined,
  ) {
    if (groupId) {
      const group = await findGroup(tx, groupId);
      const usable =
        group &&
        (inScope(actor.scope, group.entityId) || (await isAncestorOrSelf(tx, group.entityId, entityId)));
      if (!usable) throw invalid('groupId', 'unknown assignment group');
    }
    if (assigneeId) {
      const person = await findPerson(tx, assigneeId);
      if (!person?.active || !(await isStaffPerson(tx, assigneeId))) {
        throw invalid('assigneeId', 'the assignee must be an active support agent');
      }
      if (groupId && !(await isGroupMember(tx, groupId, assigneeId))) {
        throw invalid('assigneeId', 'the assignee is not a member of the assignment group');
      }
    }
  }

  async function checkSite(
    tx: DbOrTx,
    actor: Actor,
    siteId: number,
    entityId: number,
    requesterSiteId: number | null,
  ) {
    const site = await findSite(tx, siteId);
    const usable =
      site &&
      (site.id === requesterSiteId ||
        site.entityId === entityId ||
        (actor.isStaff && inScope(actor.scope, site.entityId)));
    if (!usable) throw invalid('siteId', 'unknown site');
  }

  /** The full ticket as the actor sees it. */
  async function loadDetail(tx: DbOrTx, actor: Actor, number: string): Promise<Ticket> {
    const row = await repo.findByNumber(tx, actor, number);
    if (!row) throw notFound('Ticket');
    const [links, files] = await Promise.all([repo.listLinks(tx, row.id), repo.listAttachments(tx, row.id)]);
    return present(tx, actor, row, links, files);
  }

  async function present(
    tx: DbOrTx,
    actor: Actor,
    row: repo.TicketDetailRow,
    links: Awaited<ReturnType<typeof repo.listLinks>>,
    files: Awaited<ReturnType<typeof repo.listAttachments>>,
  ): Promise<Ticket> {
    const facts = { ...row, status: row.status };
    const settings = await readSettings(tx);
    const withinReopenWindow =
      row.resolvedAt !== null &&
      clock.now().getTime() - new Date(row.resolvedAt).getTime() <= settings.reopenDays * 86_400_000;
    return toTicket(
      row,
      {
        links,
        attachments: files,
        can: {
          update: ticketPolicy.update(actor, facts),
          comment: ticketPolicy.comment(actor, facts),
          confirm: ticketPolicy.confirm(actor, facts),
          reopen: ticketPolicy.reopen(actor, facts) && withinReopenWindow,
        },
      },
      clock.now(),
      actor.isStaff,
    );
  }

  async function lockVisible(tx: DbOrTx, actor: Actor, number: string): Promise<TicketRecord> {
    const t = await repo.lockForUpdate(tx, actor, number);
    if (!t) throw notFound('Ticket');
    return t;
  }

  return { record, checkGroupAndAssignee, checkSite, loadDetail, present, lockVisible };
}
export type TicketCore = ReturnType<typeof createTicketCore>;
