import type { LightMyRequestResponse } from 'fastify';
import type { Session } from '../../../test/harness.js';
import type { CmdbWorld } from '../cmdb.test-support.js';

/** A multipart body: the file last, fields first (as a browser sends a form). */
export function multipart(fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----guichet-import';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function importAs(t: CmdbWorld, session: Session | null) {
  return (
    fileName: string,
    content: Buffer | string,
    fields: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> => {
    const m = multipart(fileName, typeof content === 'string' ? Buffer.from(content) : content, fields);
    return t.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/cmdb/imports',
      headers: { ...(session?.headers ?? {}), 'content-type': m.contentType },
      payload: m.body,
    });
  };
}

/** POST a multipart form to an import route with extra headers (Accept: application/x-ndjson…). */
export function postFormAs(
  t: CmdbWorld,
  session: Session | null,
  url: string,
  headers: Record<string, string> = {},
) {
  return (
    fileName: string,
    content: Buffer | string,
    fields: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> => {
    const m = multipart(fileName, typeof content === 'string' ? Buffer.from(content) : content, fields);
    return t.ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...(session?.headers ?? {}), ...headers, 'content-type': m.contentType },
      payload: m.body,
    });
  };
}

/** The NDJSON lines of a streamed import, each parsed. */
export const ndjsonLines = (res: LightMyRequestResponse): Record<string, unknown>[] =>
  res.body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
