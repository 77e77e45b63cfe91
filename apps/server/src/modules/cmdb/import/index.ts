/** The CMDB import and export: audit spreadsheets in, filtered lists out. */
export { cmdbImportRoutes } from './import.routes.js';
export { createImportService, type ImportService } from './import.service.js';
export { cmdbImportSources, cmdbImports } from './import.table.js';
