import type { MultipartFile } from '@fastify/multipart';
import type { LinkKind, Ticket } from '@guichet/contracts';
import { and, eq, or } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { isAllowedUpload } from './attachment-types.js';
import type { TicketCore, TicketServiceDeps } from './ticket.core.js';
import { ticketPolicy } from './ticket.policy.js';
import * as repo from './ticket.repository.js';
import { attachments, ticketLinks, tickets } from './ticket.table.js';

/** Links between tickets, and attachments. */
export function createTicketRelations(
  { record, loadDetail, lockVisible }: TicketCore,
  { db, clock, files, maxUploadBytes }: TicketServiceDeps,
) {
  return {
    async link(actor: Actor, number: string, kind: LinkKind, targetNumber: string): Promise<Ticket> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.update(actor, t)) throw forbidden('Only support staff in charge can link tickets');
        const other = await repo.lockForUpdate(tx, actor, targetNumber);
        if (!other) throw invalid('target', `ticket ${targetNumber} not found`);
        if (other.id === t.id) throw invalid('target', 'a ticket cannot be linked to itself');
        const [from, to, stored] =
          kind === 'child'
            ? [t, other, 'parent' as const]
            : kind === 'parent'
              ? [other, t, 'parent' as const]
              : kind === 'duplicated_by'
                ? [other, t, 'duplicate_of' as const]
                : [t, other, kind];
        const existing = await tx
          .select({ id: ticketLinks.id })
          .from(ticketLinks)
          .where(
            or(
              and(eq(ticketLinks.fromTicketId, from.id), eq(ticketLinks.toTicketId, to.id)),
              and(eq(ticketLinks.fromTicketId, to.id), eq(ticketLinks.toTicketId, from.id)),
            ),
          );
        if (existing.length > 0) throw conflict(`${t.number} and ${other.number} are already linked`);
        await tx
          .insert(ticketLinks)
          .values({ fromTicketId: from.id, toTicketId: to.id, kind: stored, createdBy: actor.personId });
        await record(tx, actor, t, 'linked', { link: { from: null, to: { kind, ticket: other.number } } });
        await record(tx, actor, other, 'linked', {
          link: { from: null, to: { kind: 'related', ticket: t.number } },
        });
      });
      return loadDetail(db, actor, number);
    },

    async unlink(actor: Actor, number: string, linkId: number): Promise<void> {
      await db.transaction(async (tx) => {
        const t = await lockVisible(tx, actor, number);
        if (!ticketPolicy.update(actor, t))
          throw forbidden('Only support staff in charge can unlink tickets');
        const removed = await tx
          .delete(ticketLinks)
          .where(
            and(
              eq(ticketLinks.id, linkId),
              or(eq(ticketLinks.fromTicketId, t.id), eq(ticketLinks.toTicketId, t.id)),
            ),
          )
          .returning();
        if (removed.length === 0) throw notFound('Link');
        await record(tx, actor, t, 'unlinked', { link: { from: linkId, to: null } });
      });
    },

    async attach(actor: Actor, number: string, file: MultipartFile) {
      const t = await repo.findByNumber(db, actor, number);
      if (!t) throw notFound('Ticket');
      if (!ticketPolicy.comment(actor, { ...t })) throw forbidden('This ticket no longer takes files');
      const fileName = file.filename.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
      if (!isAllowedUpload(fileName, file.mimetype)) {
        file.file.resume();
        throw new AppError('unsupported_media_type', `Files of type ${file.mimetype} are not accepted`);
      }
      const stored = await files.save(file.file, () => file.file.truncated);
      if (stored === 'too_large') {
        throw new AppError(
          'payload_too_large',
          `Files are limited to ${Math.round(maxUploadBytes / 1048576)} MB`,
        );
      }
      try {
        return await db.transaction(async (tx) => {
          const locked = await lockVisible(tx, actor, number);
          const [a] = await tx
            .insert(attachments)
            .values({
              ticketId: locked.id,
              entityId: locked.entityId,
              fileName,
              contentType: file.mimetype,
              size: stored.size,
              storageKey: stored.key,
              sha256: stored.sha256,
              uploadedBy: actor.personId,
            })
            .returning();
          if (!a) throw new Error('attachment insert returned nothing');
          await tx.update(tickets).set({ updatedAt: clock.now() }).where(eq(tickets.id, locked.id));
          await record(tx, actor, locked, 'attached', { attachment: { from: null, to: fileName } });
          return {
            id: a.id,
            fileName: a.fileName,
            contentType: a.contentType,
            size: a.size,
            createdAt: a.createdAt.toISOString(),
          };
        });
      } catch (err) {
        await files.remove(stored.key); // no orphan file when the row was not written
        throw err;
      }
    },

    async download(actor: Actor, attachmentId: number) {
      const [a] = await db
        .select({
          storageKey: attachments.storageKey,
          fileName: attachments.fileName,
          contentType: attachments.contentType,
          size: attachments.size,
          number: tickets.number,
        })
        .from(attachments)
        .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
        .where(and(eq(attachments.id, attachmentId), repo.visibleTo(actor)));
      if (!a) throw notFound('Attachment');
      return { ...a, stream: files.open(a.storageKey) };
    },
  };
}
