import type {
  moveBodySchema,
  movePreviewSchema,
  moveResultSchema,
  Person,
  personCreateSchema,
  personSearchQuerySchema,
  personUpdateSchema,
} from '@guichet/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { audit, auditMany } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import { AppError, conflict, type FieldError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { publish } from '../../platform/events/events.js';
import { toPerson } from './directory.mapper.js';
import { directoryPolicy, requireManage, requireStaff } from './directory.policy.js';
import { findEntity, findSite, isUniqueViolation } from './directory.repository.js';
import type { DirectoryServiceDeps } from './directory.service.js';
import * as repo from './person.repository.js';

type Out<T extends z.ZodType> = z.output<T>;
type MoveBody = Out<typeof moveBodySchema>;

/** At most this many field errors in one answer: a batch of 5,000 wrong ids needs no 5,000 lines. */
const MAX_ERRORS = 50;

const emailConflict = (email: string) =>
  conflict(`The e-mail address ${email} is already used by another person`);

export function createPersonService({ db, clock, credentials }: DirectoryServiceDeps) {
  async function loadPerson(tx: DbOrTx, id: number): Promise<Person> {
    const row = await repo.findPerson(tx, id);
    if (!row) throw notFound('Person');
    return toPerson(row);
  }

  /** The site must exist and belong to the entity or one of its sub-entities. */
  async function checkSite(tx: DbOrTx, path: string, siteId: number, entityPath: string) {
    const site = await findSite(tx, siteId);
    if (!site?.entityPath.startsWith(entityPath)) {
      throw invalid(path, "unknown site, or a site outside the person's entity");
    }
  }

  /**
   * Validates a move: the target (404 / 403 like any write), every person (unknown or invisible →
   * 400 at its index, already there → 400), the site, then the admin role over every source entity.
   */
  async function prepareMove(tx: DbOrTx, actor: Actor, body: MoveBody, lock: boolean) {
    requireStaff(actor);
    const target = await findEntity(tx, body.toEntityId);
    if (!target) throw notFound('Entity');
    requireManage(actor, target.id, 'Entity');
    const ids = [...new Set(body.personIds)];
    const rows = await repo.lockPeopleForMove(tx, ids, lock);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    body.personIds.forEach((id, i) => {
      const p = byId.get(id);
      if (!p || !directoryPolicy.see(actor, p.entityId)) {
        errors.push({ path: `personIds.${i}`, message: 'unknown person' });
      } else if (p.entityId === target.id) {
        errors.push({ path: `personIds.${i}`, message: `${p.name} is already in ${target.name}` });
      }
    });
    if (body.toSiteId) {
      const site = await findSite(tx, body.toSiteId);
      if (!site?.entityPath.startsWith(target.path)) {
        errors.push({
          path: 'toSiteId',
          message: 'the site must belong to the target entity or a sub-entity',
        });
      }
    }
    if (errors.length) {
      throw new AppError(
        'validation_failed',
        `${errors.length} problem(s) in the move: ${errors
          .slice(0, 3)
          .map((e) => `${e.path}: ${e.message}`)
          .join('; ')}`,
        { errors: errors.slice(0, MAX_ERRORS) },
      );
    }
    const notAdmin = [
      ...new Set(rows.filter((r) => !directoryPolicy.manage(actor, r.entityId)).map((r) => r.entityName)),
    ];
    if (notAdmin.length) {
      throw forbidden(`You need the admin role over ${notAdmin.join(', ')} to move these people`);
    }
    const ordered = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
    return { target, people: ordered };
  }

  return {
    async search(actor: Actor, q: Out<typeof personSearchQuerySchema>) {
      requireStaff(actor);
      const page = await repo.searchPeople(db, actor.scope, q);
      return { items: page.items.map(toPerson), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: number): Promise<Person> {
      requireStaff(actor);
      const row = await repo.findPerson(db, id);
      if (!row || !directoryPolicy.see(actor, row.entityId)) throw notFound('Person');
      return toPerson(row);
    },

    async create(actor: Actor, input: Out<typeof personCreateSchema>): Promise<Person> {
      requireStaff(actor);
      // entities never move, so this check holds for the transaction below
      const entity = await findEntity(db, input.entityId);
      if (!entity) throw notFound('Entity');
      requireManage(actor, entity.id, 'Entity');
      // argon2 takes ~50 ms: hash once allowed, and before the transaction, not inside it
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      const id = await db
        .transaction(async (tx) => {
          if (input.siteId) await checkSite(tx, 'siteId', input.siteId, entity.path);
          if (await repo.emailTaken(tx, input.email)) throw emailConflict(input.email);
          const personId = await repo.insertPerson(tx, {
            name: input.name,
            email: input.email,
            phone: input.phone ?? null,
            language: input.language,
            entityId: entity.id,
            siteId: input.siteId ?? null,
            passwordHash,
          });
          await audit(tx, {
            actorId: actor.personId,
            action: 'person.created',
            targetType: 'person',
            targetId: personId,
            entityId: entity.id,
            details: { entityId: entity.id, siteId: input.siteId ?? null, password: passwordHash !== null },
          });
          return personId;
        })
        .catch((err: unknown) => {
          // two creations racing for the same address: the unique index decides
          if (isUniqueViolation(err, 'people_email_key')) throw emailConflict(input.email);
          throw err;
        });
      return loadPerson(db, id);
    },

    async update(actor: Actor, id: number, patch: Out<typeof personUpdateSchema>): Promise<Person> {
      requireStaff(actor);
      const visible = async (tx: DbOrTx) => {
        const person = await repo.findPerson(tx, id);
        if (!person || !directoryPolicy.see(actor, person.entityId)) throw notFound('Person');
        requireManage(actor, person.entityId, 'Person');
        return person;
      };
      // check first, so a refused request costs no argon2 hash; again in the transaction (a move)
      if (patch.password) await visible(db);
      const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
      await db
        .transaction(async (tx) => {
          const person = await visible(tx);
          if (patch.active === false && id === actor.personId) {
            throw invalid('active', 'you cannot deactivate your own account');
          }
          if (patch.siteId) {
            const entity = await findEntity(tx, person.entityId);
            await checkSite(tx, 'siteId', patch.siteId, entity?.path ?? '');
          }
          if (patch.email && patch.email.toLowerCase() !== person.email.toLowerCase()) {
            if (await repo.emailTaken(tx, patch.email, id)) throw emailConflict(patch.email);
          }
          const { password: _password, ...fields } = patch;
          const changes: Record<string, unknown> = {};
          for (const [key, to] of Object.entries(fields)) {
            const from = person[key as keyof typeof person];
            if (to !== undefined && to !== from) changes[key] = { from, to };
          }
          if (passwordHash) changes.password = 'changed';
          if (Object.keys(changes).length === 0) return;
          await repo.updatePerson(tx, id, {
            ...fields,
            ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
          });
          // a deactivated account is signed out everywhere at once
          if (patch.active === false && person.active) await repo.deleteSessions(tx, id);
          await audit(tx, {
            actorId: actor.personId,
            action:
              patch.active === false && person.active
                ? 'person.deactivated'
                : patch.active === true && !person.active
                  ? 'person.reactivated'
                  : 'person.updated',
            targetType: 'person',
            targetId: id,
            entityId: person.entityId,
            details: changes,
          });
        })
        .catch((err: unknown) => {
          if (patch.email && isUniqueViolation(err, 'people_email_key')) throw emailConflict(patch.email);
          throw err;
        });
      credentials.clear();
      return loadPerson(db, id);
    },

    async previewMove(actor: Actor, body: MoveBody): Promise<Out<typeof movePreviewSchema>> {
      const { target, people } = await prepareMove(db, actor, body, false);
      const counts = await repo.openTicketCounts(
        db,
        people.map((p) => p.id),
      );
      const list = people.map((p) => ({
        id: p.id,
        name: p.name,
        from: { id: p.entityId, name: p.entityName },
        openTickets: counts.get(p.id) ?? 0,
      }));
      return {
        people: list,
        to: { id: target.id, name: target.name },
        openTickets: list.reduce((n, p) => n + p.openTickets, 0),
      };
    },

    /**
     * Moves up to 5,000 people in one transaction, all or nothing, with set-based statements:
     * their open tickets (when they follow), the people, one person_moves row and one audit entry
     * per person. Closed tickets and history always keep the entity they had.
     */
    async move(actor: Actor, body: MoveBody): Promise<Out<typeof moveResultSchema>> {
      const result = await db.transaction(async (tx) => {
        const { target, people } = await prepareMove(tx, actor, body, true);
        const ids = people.map((p) => p.id);
        const ticketCounts =
          body.openTickets === 'follow'
            ? await repo.moveOpenTickets(tx, ids, target.id, actor.personId, clock.now())
            : new Map<number, number>();
        await repo.movePeople(tx, ids, target, body.toSiteId);
        await repo.insertPersonMoves(
          tx,
          people.map((p) => ({
            personId: p.id,
            fromEntityId: p.entityId,
            toEntityId: target.id,
            openTickets: body.openTickets,
            ticketsMoved: ticketCounts.get(p.id) ?? 0,
            movedBy: actor.personId,
          })),
        );
        await auditMany(
          tx,
          people.map((p) => ({
            actorId: actor.personId,
            action: 'person.moved',
            targetType: 'person',
            targetId: p.id,
            entityId: target.id,
            details: {
              from: p.entityId,
              to: target.id,
              openTickets: body.openTickets,
              ticketsMoved: ticketCounts.get(p.id) ?? 0,
            },
          })),
        );
        let ticketsMoved = 0;
        for (const n of ticketCounts.values()) ticketsMoved += n;
        if (ticketsMoved > 0) {
          // one notice per entity whose queues changed, not one per ticket
          const touched = new Set([
            target.id,
            ...people.filter((p) => ticketCounts.has(p.id)).map((p) => p.entityId),
          ]);
          for (const entityId of touched) {
            await publish(tx, {
              topic: 'tickets.moved',
              entityId,
              audience: [],
              payload: {
                type: 'tickets.moved',
                to: target.id,
                count: ticketsMoved,
                at: clock.now().toISOString(),
              },
            });
          }
        }
        return { moved: people.length, ticketsMoved };
      });
      credentials.clear(); // the moved people's sessions carry their entity
      return result;
    },
  };
}
export type PersonService = ReturnType<typeof createPersonService>;
