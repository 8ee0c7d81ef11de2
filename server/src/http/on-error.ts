import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { ApiErrorBody, ErrorCode } from '../../../shared/errors.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { logger } from '../logger.ts';

/** Field paths and messages from a zod failure, for `details`. */
export function zodDetails(error: ZodError): { path: (string | number)[]; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: issue.message,
  }));
}

export function validationError(error: ZodError): AppError {
  const details = zodDetails(error);
  const first = details[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return new AppError(
    'validation_failed',
    `Invalid request. ${where}${first?.message ?? ''}`.trim(),
    details,
  );
}

function body(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

/**
 * Turns every thrown error into `{ error: { code, message, details? } }`. Only AppError and a few
 * framework errors are described; anything else is logged with an id and answered as a generic 500,
 * so no stack trace or SQL ever reaches a client.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof ZodError) {
    const appError = validationError(err);
    return c.json(body(appError.code, appError.message, appError.details), 400);
  }
  if (err instanceof HTTPException) {
    const status: ContentfulStatusCode = err.status;
    if (status === 400 && /json/i.test(err.message)) {
      return c.json(body('malformed_json', 'The request body is not valid JSON.'), 400);
    }
    if (status === 413) return c.json(body('payload_too_large', 'The request body is too large.'), 413);
    if (status === 415) {
      return c.json(
        body('unsupported_media_type', 'This endpoint does not take a body of this content type.'),
        415,
      );
    }
    if (status < 500) return c.json(body('bad_request', err.message || 'Bad request.'), status);
  }
  if (isUniqueViolation(err)) {
    return c.json(body('duplicate', 'A record with the same unique value already exists.'), 409);
  }
  if (isForeignKeyViolation(err)) {
    return c.json(
      body('conflict', 'The request refers to a record that does not exist or is still in use.'),
      409,
    );
  }
  const errorId = randomUUID();
  logger.error('unhandled error', {
    error_id: errorId,
    method: c.req.method,
    path: c.req.path,
    err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  return c.json(
    body('internal_error', `Something went wrong on our side. Reference: ${errorId}.`, { error_id: errorId }),
    500,
  );
}
