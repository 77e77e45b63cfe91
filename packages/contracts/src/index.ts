export * from './auth.js';
export * from './common.js';
export * from './directory.js';
export * from './errors.js';
export * from './notifications.js';
export * from './slas.js';
export * from './tickets.js';
export * from './webhooks.js';
