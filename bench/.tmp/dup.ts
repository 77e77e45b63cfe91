import { tickets } from '../../apps/server/src/db/schema.js';
import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle.mock();
const q = db.insert(tickets).values({ number:'x', type:'incident', title:'t', status:'new', channel:'phone', impact:1, urgency:1, priority:1, entityId:1, requesterId:1, createdBy:1, search:'', createdAt:new Date(), updatedAt:new Date() }).toSQL();
console.log(q.sql);
