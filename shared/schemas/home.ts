import { z } from 'zod';
import { isCalendarDate } from '../time.ts';

/**
 * The home pages' read-only figures that no other API serves: the scorecard items failed most in a
 * span of local days, optionally of one category (a knowledge-base editor looks at `knowledge`),
 * with the span just before for comparison and the inspectors' latest comments on the failures.
 * Counted like the reports' concentrated problems: submitted evaluations by their local date, the
 * current revision's answers, N/A left out, items followed across form versions by their key.
 */

const ZLocalDate = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

/** The longest span one request may cover. */
export const FAILED_ITEMS_MAX_DAYS = 366;

export const ZFailedItemsQuery = z
  .object({
    from: ZLocalDate.describe('First local date of the span (center time zone).'),
    to: ZLocalDate.describe('Last local date of the span, inclusive.'),
    category: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional()
      .describe('Only items of this score category, e.g. `knowledge`.'),
    limit: z.coerce.number().int().min(1).max(50).default(10).describe('How many items, 1–50 (default 10).'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < FAILED_ITEMS_MAX_DAYS * 86_400_000, {
    path: ['to'],
    message: `at most ${FAILED_ITEMS_MAX_DAYS} days at a time`,
  });
export type TFailedItemsQuery = z.infer<typeof ZFailedItemsQuery>;

const ZRate = z.number().min(0).max(1).nullable();

export const ZFailedItemTrend = z.object({
  item_id: z.number().int().describe('The newest version of the item.'),
  item_key: z.string(),
  text: z.string(),
  category: z.string(),
  fatal: z.boolean(),
  forms: z.array(z.string()).describe('Names of the scorecards it failed on in the span.'),
  failed: z.number().int(),
  applicable: z.number().int().describe('Pass or fail answers (N/A left out).'),
  fail_rate: ZRate.describe('failed ÷ applicable, rounded half up to 4 decimals.'),
  agents_failing: z.number().int().describe('Distinct CSRs who failed it in the span.'),
  previous: z
    .object({ failed: z.number().int(), applicable: z.number().int(), fail_rate: ZRate })
    .describe('The same figures for the span of equal length just before.'),
  comments: z
    .array(z.object({ local_date: z.string(), comment: z.string() }))
    .describe("The inspectors' latest three comments on its failures in the span."),
});
export type TFailedItemTrend = z.infer<typeof ZFailedItemTrend>;

export const ZFailedItems = z.object({
  from: z.string(),
  to: z.string(),
  previous: z.object({ from: z.string(), to: z.string() }),
  category: z.string().nullable(),
  items: z.array(ZFailedItemTrend).describe('Most failures first (then the higher fail rate).'),
});
export type TFailedItems = z.infer<typeof ZFailedItems>;
