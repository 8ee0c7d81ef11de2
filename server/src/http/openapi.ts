import type { z } from 'zod';
import { ZErrorResponse } from '../../../shared/schemas/common.ts';

/** A JSON request body, required (a missing or non-JSON body is a 400, not a silent skip). */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    description,
    content: { 'application/json': { schema } },
  } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const errorContent = { 'application/json': { schema: ZErrorResponse } } as const;

/** The error answers every authenticated route may give, for the API document. */
export const ERROR_RESPONSES = {
  400: {
    description: 'Malformed JSON or invalid fields (`details` lists the field paths).',
    content: errorContent,
  },
  401: { description: 'Not signed in.', content: errorContent },
  403: { description: 'Signed in, but not allowed to do this.', content: errorContent },
  404: { description: 'No such record, or not visible to the caller.', content: errorContent },
  409: { description: 'Duplicate, stale version, or an illegal state change.', content: errorContent },
} as const;
