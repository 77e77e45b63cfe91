/** The satisfaction module's public surface. */
export { satisfactionRoutes } from './satisfaction.routes.js';
export {
  createSatisfactionService,
  SATISFACTION_RECORDED,
  type SatisfactionService,
} from './satisfaction.service.js';
export { satisfactionResponses } from './satisfaction.table.js';
