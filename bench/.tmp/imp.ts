import { buildApp } from '../../apps/server/src/app.js';
console.log(typeof buildApp);
