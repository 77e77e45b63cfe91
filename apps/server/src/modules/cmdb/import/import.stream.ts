import { PassThrough } from 'node:stream';
import type { ImportProgressPhase, ImportReport, ImportStreamLine } from '@guichet/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../../platform/errors.js';

/** Progress lines of one phase are at least this far apart (the first and last of a phase always go). */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * The NDJSON answer of a streamed import: progress lines, throttled, then exactly one `report` or
 * `error` line, then the end. The HTTP status (200) is already sent when the import starts, so an
 * error becomes the last line; the apply being one transaction, nothing is written in that case.
 */
export function importLineStream(log: FastifyBaseLogger, now: () => number = Date.now) {
  const stream = new PassThrough();
  const write = (line: ImportStreamLine) => {
    if (!stream.writableEnded) stream.write(`${JSON.stringify(line)}\n`);
  };
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastPhase: ImportProgressPhase | null = null;

  return {
    stream,
    progress(phase: ImportProgressPhase) {
      return (done: number, total: number) => {
        const t = now();
        const edge = phase !== lastPhase || done === 0 || done >= total;
        if (!edge && t - lastAt < PROGRESS_INTERVAL_MS) return;
        lastAt = t;
        lastPhase = phase;
        write({ type: 'progress', phase, done, total });
      };
    },
    report(report: ImportReport) {
      write({ type: 'report', report });
      stream.end();
    },
    fail(err: unknown) {
      if (err instanceof AppError) {
        write({
          type: 'error',
          error: {
            code: err.code,
            message: err.message,
            ...(err.details.errors ? { errors: err.details.errors } : {}),
          },
        });
      } else {
        // like the error handler: a 5xx never leaks internals, the log keeps them
        log.error({ err }, 'streamed import failed');
        write({ type: 'error', error: { code: 'internal', message: 'The import failed unexpectedly' } });
      }
      stream.end();
    },
  };
}
