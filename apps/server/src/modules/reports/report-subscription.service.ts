import type { ReportSubscription, ReportSubscriptionInput } from '@guichet/contracts';
import { reportSubscriptionInputSchema } from '@guichet/contracts';
import type { Db } from '../../db/client.js';
import { audit } from '../../platform/audit/audit.js';
import { type Actor, inScope } from '../../platform/auth/actor.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { entityName } from './monthly-report.repository.js';
import * as repo from './report-subscription.repository.js';

const toSubscription = (r: repo.SubscriptionRow): ReportSubscription => ({
  id: r.id,
  entityId: r.entityId,
  email: r.email,
  language: r.language,
  createdAt: r.createdAt.toISOString(),
});

/**
 * The recipients of an entity's monthly report: administrators of the entity manage them (they
 * decide who outside the desk gets its figures). Others who may see the entity get 403, the rest 404.
 */
export function createReportSubscriptionService({ db }: { db: Db }) {
  async function requireAdministrator(actor: Actor, entityId: number): Promise<void> {
    if (actor.isAdmin && inScope(actor.adminScope, entityId)) {
      if ((await entityName(db, entityId)) === undefined) throw notFound('Entity');
      return;
    }
    if (inScope(actor.scope, entityId) || inScope(actor.cockpitScope, entityId))
      throw forbidden('Only an administrator of the entity manages its report recipients');
    throw notFound('Entity');
  }

  return {
    async list(actor: Actor, entityId: number): Promise<ReportSubscription[]> {
      await requireAdministrator(actor, entityId);
      return (await repo.listSubscriptions(db, entityId)).map(toSubscription);
    },

    async create(
      actor: Actor,
      entityId: number,
      input: ReportSubscriptionInput,
    ): Promise<ReportSubscription> {
      await requireAdministrator(actor, entityId);
      const { email, language } = reportSubscriptionInputSchema.parse(input);
      return db.transaction(async (tx) => {
        const row = await repo.insertSubscription(tx, {
          entityId,
          email,
          language,
          createdBy: actor.personId,
        });
        if (!row) throw conflict('This address already receives the report of this entity');
        await audit(tx, {
          actorId: actor.personId,
          action: 'report_subscription.created',
          targetType: 'report_subscription',
          targetId: row.id,
          entityId,
          details: { email, language },
        });
        return toSubscription(row);
      });
    },

    async remove(actor: Actor, entityId: number, id: number): Promise<void> {
      await requireAdministrator(actor, entityId);
      await db.transaction(async (tx) => {
        const row = await repo.deleteSubscription(tx, entityId, id);
        if (!row) throw notFound('Subscription');
        await audit(tx, {
          actorId: actor.personId,
          action: 'report_subscription.deleted',
          targetType: 'report_subscription',
          targetId: id,
          entityId,
          details: { email: row.email },
        });
      });
    },
  };
}
export type ReportSubscriptionService = ReturnType<typeof createReportSubscriptionService>;
