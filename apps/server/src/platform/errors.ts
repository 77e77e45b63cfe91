import type { ErrorCode } from '@guichet/contracts';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type services throw; the HTTP layer maps `code` to a status in one table. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const invalid = (path: string, message: string) =>
  new AppError('validation_failed', message, { errors: [{ path, message }] });
export const conflict = (message: string) => new AppError('conflict', message);
