/** The CMDB module's public surface. */
export { cmdbRoutes } from './cmdb.routes.js';
export { type CmdbService, createCmdbService } from './cmdb.service.js';
export { ciEvents, ciRelations, ciUsages, configItems, ticketItems } from './cmdb.table.js';
