import { sql } from 'drizzle-orm';
import { openDatabase } from '../../apps/server/src/db/client.js';
import { seedDemoIfEmpty } from '../../apps/server/src/demo/seed.js';
import { searchDocument } from '../../apps/server/src/modules/tickets/ticket.repository.js';
const database = await openDatabase({});
await seedDemoIfEmpty(database.db, { log: console.log });
const r = await database.db.execute(sql`select t.id, t.number, t.search::text a, (${searchDocument(sql`t.id`)})::text b, (select json_agg(json_build_object('id', c.id, 'at', c.created_at, 'body', c.body)) from ticket_comments c where c.ticket_id = t.id) cs from tickets t where t.search <> ${searchDocument(sql`t.id`)} limit 2`);
console.log(JSON.stringify(r.rows, null, 1));
await database.close();
