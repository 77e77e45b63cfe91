/** The remote-assistance module's public surface. */

export { RemoteRooms } from './remote.rooms.js';
export { remoteRoutes } from './remote.routes.js';
export { createRemoteService, type RemoteService } from './remote.service.js';
export {
  remoteParticipants,
  remotePolicies,
  remoteRecordings,
  remoteSessionEvents,
  remoteSessions,
} from './remote.table.js';
