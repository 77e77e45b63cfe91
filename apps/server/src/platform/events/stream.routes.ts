import type { FastifyInstance } from 'fastify';
import { requireActor } from '../auth/auth.plugin.js';
import type { Hub } from './hub.js';

/** GET /api/v1/stream: a WebSocket pushing the changes the signed-in person may see. */
export async function streamRoutes(app: FastifyInstance, opts: { hub: Hub }) {
  app.get(
    '/stream',
    {
      websocket: true,
      schema: { hide: true },
      // refuse before the upgrade, so an anonymous client gets a plain 401
      preValidation: async (request) => {
        requireActor(request);
      },
    },
    (socket, request) => {
      const actor = requireActor(request);
      const remove = opts.hub.add({
        actor,
        send: (data) => {
          if (socket.readyState === socket.OPEN) socket.send(data);
        },
      });
      socket.on('close', remove);
      socket.on('error', remove);
      socket.send(JSON.stringify({ type: 'hello', personId: actor.personId }));
    },
  );
}
