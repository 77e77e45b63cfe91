export { loadActor } from './actor.repository.js';
export * from './directory.lookup.js';
export * from './directory.table.js';
export { readSettings } from './settings.service.js';
