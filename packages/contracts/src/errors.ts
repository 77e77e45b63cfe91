import { z } from 'zod';

/** Every error the API can answer with; the server maps each code to one HTTP status. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'stale_version',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** RFC 9457 problem details, with our code and the request id. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.enum(errorCodes),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
