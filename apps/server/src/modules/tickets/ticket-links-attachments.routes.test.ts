import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../test/harness.js';
import { type TicketWorld, ticketWorld, type Who } from './ticket.test-support.js';

let ctx: TestContext;
let t: TicketWorld;
const api = (who: Who | null) => t.api(who);
const newTicket = (who: Who, body: Record<string, unknown>) => t.newTicket(who, body);

beforeAll(async () => {
  t = await ticketWorld();
  ({ ctx } = t);
});
afterAll(() => ctx.close());

describe('links', () => {
  it('links a child to its parent and shows the link from both sides', async () => {
    const parent = await newTicket('reqPessac', { title: 'Panne réseau du bâtiment' });
    const child = await newTicket('reqPessac', { title: 'Pas de réseau au bureau 12' });
    const res = await api('desk').post(`/api/v1/tickets/${parent.number}/links`, {
      kind: 'child',
      target: child.number,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().links).toEqual([
      expect.objectContaining({ kind: 'child', ticket: expect.objectContaining({ number: child.number }) }),
    ]);
    const fromChild = (await api('desk').get(`/api/v1/tickets/${child.number}`)).json();
    expect(fromChild.links[0]).toMatchObject({ kind: 'parent', ticket: { number: parent.number } });
    const again = await api('desk').post(`/api/v1/tickets/${child.number}/links`, {
      kind: 'related',
      target: parent.number,
    });
    expect(again.statusCode).toBe(409);
    const self = await api('desk').post(`/api/v1/tickets/${child.number}/links`, {
      kind: 'related',
      target: child.number,
    });
    expect(self.statusCode).toBe(400);
    const removed = await api('desk').delete(
      `/api/v1/tickets/${child.number}/links/${fromChild.links[0].id}`,
    );
    expect(removed.statusCode).toBe(204);
    expect((await api('desk').get(`/api/v1/tickets/${parent.number}`)).json().links).toEqual([]);
  });

  it('marks a duplicate, and refuses a link to a ticket out of scope', async () => {
    const a = await newTicket('reqPessac', {});
    const b = await newTicket('reqPessac', {});
    const res = await api('desk').post(`/api/v1/tickets/${b.number}/links`, {
      kind: 'duplicate_of',
      target: a.number,
    });
    expect(res.json().links[0]).toMatchObject({ kind: 'duplicate_of' });
    const m = await newTicket('reqMerignac', {});
    const out = await api('pessacAgent').post(`/api/v1/tickets/${a.number}/links`, {
      kind: 'related',
      target: m.number,
    });
    expect(out.statusCode).toBe(400);
  });
});

describe('attachments', () => {
  const multipart = (name: string, type: string, content: Buffer) => {
    const boundary = '----guichet';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { body, contentType: `multipart/form-data; boundary=${boundary}` };
  };
  const upload = (who: Who, number: string, file: ReturnType<typeof multipart>) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${number}/attachments`,
      headers: { ...t.sessions[who].headers, 'content-type': file.contentType },
      payload: file.body,
    });

  it('stores a file with the ticket and serves it back to who may see the ticket', async () => {
    const t = await newTicket('reqPessac', {});
    const res = await upload(
      'reqPessac',
      t.number,
      multipart('erreur.txt', 'text/plain', Buffer.from('Erreur 0x80070005')),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const view = (await api('desk').get(`/api/v1/tickets/${t.number}`)).json();
    expect(view.attachments).toEqual([expect.objectContaining({ id, fileName: 'erreur.txt', size: 17 })]);
    const dl = await api('desk').get(`/api/v1/attachments/${id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe('Erreur 0x80070005');
    expect(dl.headers['content-disposition']).toContain('erreur.txt');
    expect((await api('reqMerignac').get(`/api/v1/attachments/${id}`)).statusCode).toBe(404);
  });

  it('refuses files over the size limit with 413 and unknown types with 415, writing nothing', async () => {
    const t = await newTicket('reqPessac', {});
    const big = await upload(
      'reqPessac',
      t.number,
      multipart('gros.pdf', 'application/pdf', Buffer.alloc(11 * 1024 * 1024)),
    );
    expect(big.statusCode).toBe(413);
    const exe = await upload(
      'reqPessac',
      t.number,
      multipart('virus.exe', 'application/x-msdownload', Buffer.from('MZ')),
    );
    expect(exe.statusCode).toBe(415);
    expect((await api('desk').get(`/api/v1/tickets/${t.number}`)).json().attachments).toEqual([]);
  });
});
