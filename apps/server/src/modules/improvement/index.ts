/** The improvement module's public surface. */
export { improvementRoutes } from './improvement.routes.js';
export { createImprovementService, type ImprovementService } from './improvement.service.js';
export { improvementActions, improvementPlans } from './improvement.table.js';
