import type { Actor } from '../../platform/auth/actor.js';
import { inScope } from '../../platform/auth/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';

/**
 * Webhooks send ticket data out of Guichet, so only admins manage them, each over the entities
 * they administer: anyone else gets 403, and a webhook (or entity) outside the admin scope 404.
 */
export function requireWebhookAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden('Only administrators manage webhooks');
}

export function requireAdministeredEntity(actor: Actor, entityId: number): void {
  if (!inScope(actor.adminScope, entityId)) throw notFound('Entity');
}
