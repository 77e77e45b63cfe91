export * from './auth.js';
export * from './common.js';
export * from './directory.js';
export * from './errors.js';
export * from './slas.js';
export * from './tickets.js';
