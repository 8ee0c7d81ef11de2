import { z } from 'zod';
import { LIMITS } from '../limits.ts';

/** `limit` and `cursor` of every list (SPEC §5): limit 1–1000, default 50. */
export const ZPageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIMITS.pageSizeMax)
    .default(LIMITS.pageSizeDefault)
    .describe('Page size, 1–1000.'),
  cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page.'),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Number of matching rows, across all pages.'),
    next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last.'),
  });
}

export const ZIdParam = z.object({
  id: z.coerce.number().int().positive().describe('Numeric id.'),
});

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.string().describe('Stable snake_case code to branch on.'),
    message: z.string().describe('Human-readable explanation.'),
    details: z.unknown().optional().describe('Field paths or other specifics.'),
  }),
});

export const ZOk = z.object({ ok: z.literal(true) });

/** A boolean in a query string: `true`/`false`/`1`/`0`. */
export const ZQueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
