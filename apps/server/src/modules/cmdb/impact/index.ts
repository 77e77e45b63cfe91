/** Impact analysis of the CMDB: its public surface. */
export { cmdbImpactRoutes } from './impact.routes.js';
export { createImpactService, type ImpactService } from './impact.service.js';
