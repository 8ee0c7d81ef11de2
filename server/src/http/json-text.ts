import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';

/** JSON text made by `jsonText` from a value of type T, kept to answer it again without re-serializing. */
export type JsonText<T> = string & { readonly __jsonOf: T };

export function jsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

/**
 * Answers JSON text made earlier by `jsonText`: the same bytes and headers as `c.json(value, status)`
 * (Hono's `Content-Type: application/json`), typed like it for the route's response schema.
 */
export function respondJsonText<T, S extends ContentfulStatusCode>(
  c: Context,
  text: JsonText<T>,
  status: S,
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  return c.newResponse(text, status, { 'Content-Type': 'application/json' }) as Response &
    TypedResponse<JSONParsed<T>, S, 'json'>;
}
