import type { ErrorCode } from '@guichet/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.js';

export const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  stale_version: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
};

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Invalid request',
  unauthenticated: 'Authentication required',
  csrf_failed: 'Missing or invalid CSRF token',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  invalid_transition: 'Invalid status transition',
  stale_version: 'The record changed since you read it',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  too_many_requests: 'Too many requests',
  internal: 'Internal error',
};

/** Fastify's own error codes that are the client's fault. */
function fromFastify(err: FastifyError): ErrorCode | null {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE')
    return 'payload_too_large';
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return 'unsupported_media_type';
  if (err.statusCode === 429) return 'too_many_requests';
  if (err.statusCode === 413) return 'payload_too_large';
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'validation_failed';
  return null;
}

/** One place turns every error into RFC 9457 problem details; 5xx never leak internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let code: ErrorCode;
    let detail: string | undefined;
    let errors: FieldError[] | undefined;
    if (err instanceof AppError) {
      code = err.code;
      detail = err.message;
      errors = err.details.errors;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      code = 'validation_failed';
      errors = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? 'invalid',
      }));
      detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    } else {
      code = fromFastify(err) ?? 'internal';
      detail = code === 'internal' ? undefined : err.message;
    }
    const status = statusOf[code];
    if (status >= 500) request.log.error({ err }, 'request failed');
    reply
      .status(status)
      .type('application/problem+json')
      .send({
        type: `https://guichet.example/problems/${code}`,
        title: titles[code],
        status,
        ...(detail ? { detail } : {}),
        code,
        requestId: request.id,
        ...(errors ? { errors } : {}),
      });
  });
}
