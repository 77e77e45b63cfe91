import {
  categoryCreateSchema,
  categorySchema,
  categoryUpdateSchema,
  entityCreateSchema,
  entitySchema,
  entityUpdateSchema,
  groupCreateSchema,
  groupSchema,
  groupUpdateSchema,
  idSchema,
  moveBodySchema,
  movePreviewSchema,
  moveResultSchema,
  personCreateSchema,
  personPageSchema,
  personSchema,
  personSearchQuerySchema,
  personUpdateSchema,
  roleAssignmentCreateSchema,
  roleAssignmentSchema,
  roleListQuerySchema,
  settingsSchema,
  settingsUpdateSchema,
  siteCreateSchema,
  siteListQuerySchema,
  sitePageSchema,
  siteSchema,
  siteUpdateSchema,
} from '@guichet/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import type { Clock } from '../../platform/clock.js';
import { createdOnce } from '../../platform/http/idempotency.js';
import { createDirectoryService } from './directory.service.js';
import { createPersonService } from './person.service.js';

const idParams = z.object({ id: idSchema });
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() });

/**
 * The directory API: entities, sites, people (search, create, update, bulk move), groups, role
 * assignments, categories and instance settings. Who may do what is in directory.policy.ts.
 */
export async function directoryRoutes(
  app: FastifyInstance,
  opts: { db: Db; clock: Clock; cache: { clear(): void } },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { db: opts.db, clock: opts.clock, credentials: opts.cache };
  const directory = createDirectoryService(deps);
  const persons = createPersonService(deps);

  const created = <T>(request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>) =>
    createdOnce(opts.db, request, reply, run);

  // ------------------------------------------------------------------------------------ entities
  r.get(
    '/entities',
    {
      schema: { operationId: 'listEntities', tags: ['entities'], response: { 200: z.array(entitySchema) } },
    },
    async (request) => directory.listEntities(requireActor(request)),
  );

  r.post(
    '/entities',
    {
      schema: {
        operationId: 'createEntity',
        tags: ['entities'],
        headers: idempotencyHeaders,
        body: entityCreateSchema,
        response: { 201: entitySchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => directory.createEntity(requireActor(request), request.body)),
  );

  r.patch(
    '/entities/:id',
    {
      schema: {
        operationId: 'updateEntity',
        tags: ['entities'],
        params: idParams,
        body: entityUpdateSchema,
        response: { 200: entitySchema },
      },
    },
    async (request) => directory.renameEntity(requireActor(request), request.params.id, request.body.name),
  );

  // ------------------------------------------------------------------------------------ sites
  r.get(
    '/sites',
    {
      schema: {
        operationId: 'listSites',
        tags: ['sites'],
        querystring: siteListQuerySchema,
        response: { 200: sitePageSchema },
      },
    },
    async (request) => directory.listSites(requireActor(request), request.query),
  );

  r.post(
    '/sites',
    {
      schema: {
        operationId: 'createSite',
        tags: ['sites'],
        headers: idempotencyHeaders,
        body: siteCreateSchema,
        response: { 201: siteSchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => directory.createSite(requireActor(request), request.body)),
  );

  r.patch(
    '/sites/:id',
    {
      schema: {
        operationId: 'updateSite',
        tags: ['sites'],
        params: idParams,
        body: siteUpdateSchema,
        response: { 200: siteSchema },
      },
    },
    async (request) => directory.updateSite(requireActor(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------------------------------ people
  r.get(
    '/people',
    {
      schema: {
        operationId: 'searchPeople',
        tags: ['people'],
        querystring: personSearchQuerySchema,
        response: { 200: personPageSchema },
      },
    },
    async (request) => persons.search(requireActor(request), request.query),
  );

  r.get(
    '/people/:id',
    {
      schema: {
        operationId: 'getPerson',
        tags: ['people'],
        params: idParams,
        response: { 200: personSchema },
      },
    },
    async (request) => persons.get(requireActor(request), request.params.id),
  );

  r.post(
    '/people',
    {
      schema: {
        operationId: 'createPerson',
        tags: ['people'],
        headers: idempotencyHeaders,
        body: personCreateSchema,
        response: { 201: personSchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => persons.create(requireActor(request), request.body)),
  );

  r.patch(
    '/people/:id',
    {
      schema: {
        operationId: 'updatePerson',
        tags: ['people'],
        params: idParams,
        body: personUpdateSchema,
        response: { 200: personSchema },
      },
    },
    async (request) => persons.update(requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/people/move/preview',
    {
      schema: {
        operationId: 'previewPeopleMove',
        tags: ['people'],
        body: moveBodySchema,
        response: { 200: movePreviewSchema },
      },
    },
    async (request) => persons.previewMove(requireActor(request), request.body),
  );

  r.post(
    '/people/move',
    {
      schema: {
        operationId: 'movePeople',
        tags: ['people'],
        body: moveBodySchema,
        response: { 200: moveResultSchema },
      },
      // a batch of 5,000 ids is about 40 KB of JSON: within the 1 MB body limit
    },
    async (request) => persons.move(requireActor(request), request.body),
  );

  // ------------------------------------------------------------------------------------ groups
  r.get(
    '/groups',
    { schema: { operationId: 'listGroups', tags: ['groups'], response: { 200: z.array(groupSchema) } } },
    async (request) => directory.listGroups(requireActor(request)),
  );

  r.post(
    '/groups',
    {
      schema: {
        operationId: 'createGroup',
        tags: ['groups'],
        headers: idempotencyHeaders,
        body: groupCreateSchema,
        response: { 201: groupSchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => directory.createGroup(requireActor(request), request.body)),
  );

  r.patch(
    '/groups/:id',
    {
      schema: {
        operationId: 'updateGroup',
        tags: ['groups'],
        params: idParams,
        body: groupUpdateSchema,
        response: { 200: groupSchema },
      },
    },
    async (request) => directory.updateGroup(requireActor(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------------------------------ roles
  r.get(
    '/roles',
    {
      schema: {
        operationId: 'listRoleAssignments',
        tags: ['roles'],
        querystring: roleListQuerySchema,
        response: { 200: z.array(roleAssignmentSchema) },
      },
    },
    async (request) => directory.listRoles(requireActor(request), request.query.person),
  );

  r.post(
    '/roles',
    {
      schema: {
        operationId: 'grantRole',
        tags: ['roles'],
        headers: idempotencyHeaders,
        body: roleAssignmentCreateSchema,
        response: { 201: roleAssignmentSchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => directory.grantRole(requireActor(request), request.body)),
  );

  r.delete(
    '/roles/:id',
    { schema: { operationId: 'revokeRole', tags: ['roles'], params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await directory.revokeRole(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------------------------------ categories
  r.get(
    '/categories',
    {
      schema: {
        operationId: 'listCategories',
        tags: ['categories'],
        response: { 200: z.array(categorySchema) },
      },
    },
    async (request) => {
      requireActor(request); // any signed-in person: the portal form offers them
      return directory.listCategories();
    },
  );

  r.post(
    '/categories',
    {
      schema: {
        operationId: 'createCategory',
        tags: ['categories'],
        headers: idempotencyHeaders,
        body: categoryCreateSchema,
        response: { 201: categorySchema },
      },
    },
    async (request, reply) =>
      created(request, reply, () => directory.createCategory(requireActor(request), request.body)),
  );

  r.patch(
    '/categories/:id',
    {
      schema: {
        operationId: 'updateCategory',
        tags: ['categories'],
        params: idParams,
        body: categoryUpdateSchema,
        response: { 200: categorySchema },
      },
    },
    async (request) => directory.updateCategory(requireActor(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------------------------------ settings
  r.get(
    '/settings',
    { schema: { operationId: 'getSettings', tags: ['settings'], response: { 200: settingsSchema } } },
    async (request) => directory.getSettings(requireActor(request)),
  );

  r.patch(
    '/settings',
    {
      schema: {
        operationId: 'updateSettings',
        tags: ['settings'],
        body: settingsUpdateSchema,
        response: { 200: settingsSchema },
      },
    },
    async (request) => directory.updateSettings(requireActor(request), request.body),
  );
}
