/**
 * Error codes the API answers with, in `{ error: { code, message, details? } }`.
 * Clients branch on `code`, never on the message text.
 */
export const ERROR_CODES = [
  'bad_request',
  'malformed_json',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'cross_site_request',
  'not_found',
  'conflict',
  'duplicate',
  'stale_write',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ApiErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown };
};
