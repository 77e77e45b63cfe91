import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create('memory://');
await db.exec('create table x (id bigint, body text)');
const rows = Array.from({ length: 10000 }, (_, i) => ({ id: i + 1, body: 'lorem ipsum '.repeat(1 + (i * 7919) % 20) }));
await db.query('insert into x select * from json_to_recordset($1::json) as t(id bigint, body text)', [JSON.stringify(rows)]);
const r = await db.query<{ n: number }>('select count(*)::int n from (select id, lag(id) over (order by ctid) p from x) y where id < p');
console.log('inversions', r.rows);
const r2 = await db.query('select ctid::text, id from x where id in (1,2,100,101,500,501) order by id');
console.log(r2.rows);
