/** Major incidents (grouping suggestions and grouping): the public surface. */
export { cmdbMajorIncidentRoutes } from './major.routes.js';
export { createMajorIncidentService, type MajorIncidentService } from './major.service.js';
