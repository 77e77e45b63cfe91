import {
  idSchema,
  remoteCodeLookupSchema,
  remoteConsentSchema,
  remoteFileSchema,
  remoteJoinSchema,
  remotePolicySchema,
  remotePolicyUpdateSchema,
  remoteRecordingSchema,
  remoteSessionCreatedSchema,
  remoteSessionCreateSchema,
  remoteSessionSchema,
  ticketNumberSchema,
} from '@guichet/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/auth.plugin.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { RemoteRooms } from './remote.rooms.js';
import type { RemoteService } from './remote.service.js';
import { remoteMembers, remoteSignalHandler } from './remote.signal.js';

const tags = ['remote'];
const sessionParams = z.object({ id: idSchema });
const via = (request: FastifyRequest) => request.credential?.via ?? 'token';
/** limits per signed-in person, not per address: a call centre shares one public address */
const perPerson = (request: FastifyRequest) => `${request.credential?.actor.personId ?? request.ip}`;

async function singleFile(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  const file = await request.file();
  if (!file) throw invalid('file', 'no file in the request');
  return file;
}

/** Attended remote assistance: sessions on a ticket, the requester's code and consent, signalling, files. */
export async function remoteRoutes(
  app: FastifyInstance,
  opts: { remote: RemoteService; rooms: RemoteRooms; senderGraceMs?: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { remote } = opts;

  r.post(
    '/tickets/:number/remote-sessions',
    {
      schema: {
        operationId: 'createRemoteSession',
        tags,
        params: z.object({ number: ticketNumberSchema }),
        body: remoteSessionCreateSchema,
        response: { 201: remoteSessionCreatedSchema },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: perPerson } },
    },
    async (request, reply) => {
      const created = await remote.create(
        requireActor(request),
        via(request),
        request.params.number,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/tickets/:number/remote-session',
    {
      schema: {
        operationId: 'getTicketRemoteSession',
        tags,
        params: z.object({ number: ticketNumberSchema }),
        response: { 200: z.object({ session: remoteSessionSchema.nullable() }) },
      },
    },
    async (request) => ({ session: await remote.current(requireActor(request), request.params.number) }),
  );

  r.post(
    '/remote/code',
    {
      schema: {
        operationId: 'redeemRemoteCode',
        tags,
        body: remoteCodeLookupSchema,
        response: { 200: remoteSessionSchema },
      },
      // brute force: 6 digits, so few tries per person and per address
      config: {
        rateLimit: {
          hook: 'preHandler',
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: perPerson,
        },
      },
    },
    async (request) => remote.redeem(requireActor(request), request.body.code),
  );

  r.get(
    '/remote/sessions/:id',
    {
      schema: {
        operationId: 'getRemoteSession',
        tags,
        params: sessionParams,
        response: { 200: remoteSessionSchema },
      },
    },
    async (request) => remote.get(requireActor(request), request.params.id),
  );

  r.post(
    '/remote/sessions/:id/consent',
    {
      schema: {
        operationId: 'consentRemoteSession',
        tags,
        params: sessionParams,
        body: remoteConsentSchema,
        response: { 200: remoteSessionSchema },
      },
    },
    async (request) => remote.consent(requireActor(request), request.params.id, request.body.consent),
  );

  r.post(
    '/remote/sessions/:id/join',
    {
      schema: {
        operationId: 'joinRemoteSession',
        tags,
        params: sessionParams,
        response: { 200: remoteJoinSchema },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: perPerson } },
    },
    async (request) => remote.join(requireActor(request), via(request), request.params.id),
  );

  r.post(
    '/remote/sessions/:id/end',
    {
      schema: {
        operationId: 'endRemoteSession',
        tags,
        params: sessionParams,
        response: { 200: remoteSessionSchema },
      },
    },
    async (request) => remote.end(requireActor(request), request.params.id),
  );

  r.post(
    '/remote/sessions/:id/files',
    {
      schema: {
        operationId: 'shareRemoteFile',
        tags,
        params: sessionParams,
        consumes: ['multipart/form-data'],
        response: { 201: remoteFileSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const shared = await remote.shareFile(actor, request.params.id, await singleFile(request));
      return reply.status(201).send(shared);
    },
  );

  r.post(
    '/remote/sessions/:id/recordings',
    {
      schema: {
        operationId: 'uploadRemoteRecording',
        tags,
        params: sessionParams,
        consumes: ['multipart/form-data'],
        response: { 201: remoteRecordingSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const saved = await remote.saveRecording(actor, request.params.id, await singleFile(request));
      return reply.status(201).send(saved);
    },
  );

  r.get(
    '/remote/sessions/:id/recordings',
    {
      schema: {
        operationId: 'listRemoteRecordings',
        tags,
        params: sessionParams,
        response: { 200: z.array(remoteRecordingSchema) },
      },
    },
    async (request) => remote.listRecordings(requireActor(request), request.params.id),
  );

  r.get(
    '/remote/recordings/:id',
    { schema: { operationId: 'downloadRemoteRecording', tags, params: sessionParams } },
    async (request, reply) => {
      const rec = await remote.openRecording(requireActor(request), request.params.id);
      reply
        .header('content-type', rec.contentType)
        .header('content-length', rec.size)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(rec.fileName)}`);
      return reply.send(rec.stream);
    },
  );

  r.get(
    '/remote/policies/:id',
    {
      schema: {
        operationId: 'getRemotePolicy',
        tags,
        params: sessionParams,
        response: { 200: remotePolicySchema },
      },
    },
    async (request) => remote.policy(requireActor(request), request.params.id),
  );

  r.put(
    '/remote/policies/:id',
    {
      schema: {
        operationId: 'updateRemotePolicy',
        tags,
        params: sessionParams,
        body: remotePolicyUpdateSchema,
        response: { 200: remotePolicySchema },
      },
    },
    async (request) =>
      remote.setPolicy(requireActor(request), request.params.id, request.body.recordingAllowed),
  );

  r.get(
    '/remote/sessions/:id/signal',
    {
      websocket: true,
      schema: {
        hide: true,
        params: sessionParams,
        querystring: z.object({ token: z.string().min(10).max(200) }),
      },
      // refuse before the upgrade: the session cookie and the session's short-lived token, both
      preValidation: async (request) => {
        const actor = requireActor(request);
        // hooks run before validation: read the raw values
        const id = Number((request.params as { id?: unknown }).id);
        const token = (request.query as { token?: unknown }).token;
        const member =
          Number.isSafeInteger(id) && typeof token === 'string'
            ? await remote.verifyToken(actor, id, token)
            : null;
        if (!member) throw new AppError('forbidden', 'Invalid or expired remote-session token');
        remoteMembers.set(request, member);
      },
    },
    remoteSignalHandler({ ...opts, senderGraceMs: opts.senderGraceMs ?? 30_000 }),
  );
}
