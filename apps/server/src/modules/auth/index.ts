export { authRoutes } from './auth.routes.js';
export { createAuthService } from './auth.service.js';
export { apiTokens, sessions } from './auth.table.js';
export { credentialStore } from './credential.repository.js';
