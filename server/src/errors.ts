import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../shared/errors.ts';
import { refusalMessage, type WorkflowRefusal } from '../../shared/workflow.ts';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  malformed_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  cross_site_request: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  stale_write: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal_error: 500,
};

/**
 * The only error whose message reaches a client. Anything else becomes a logged 500 with a
 * generic message (see `http/on-error.ts`).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what = 'record'): AppError => new AppError('not_found', `No such ${what}.`);
export const forbidden = (message = 'You are not allowed to do this.'): AppError =>
  new AppError('forbidden', message);
export const unauthenticated = (): AppError => new AppError('unauthenticated', 'Sign in first.');
export const duplicate = (message: string, details?: unknown): AppError =>
  new AppError('duplicate', message, details);
export const staleWrite = (what: string): AppError =>
  new AppError(
    'stale_write',
    `This ${what} was changed by someone else since you loaded it. Reload and apply your change again.`,
  );
export const badRequest = (message: string, details?: unknown): AppError =>
  new AppError('bad_request', message, details);

/** A refused workflow step (409): the English sentence, and the refusal as `details` for translation. */
export const workflowConflict = (refusal: WorkflowRefusal): AppError =>
  new AppError('conflict', refusalMessage(refusal), refusal);
