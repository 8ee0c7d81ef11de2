import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { ZPageQuery } from './common.ts';

/** A queue / skill / business line (clause 4.4): scorecards and sampling attach to it. */
export const ZQueue = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  agent_count: z.number().int(),
  created_at: z.string(),
  version: z.number().int(),
});
export type TQueue = z.infer<typeof ZQueue>;

export const ZQueueCode = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.queueCodeMax)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore and hyphen only');

export const ZCreateQueueRequest = z.object({
  code: ZQueueCode.describe('Stable key used by imports, e.g. `broadband`.'),
  name: z.string().trim().min(1).max(LIMITS.queueNameMax),
  description: z.string().trim().max(1000).nullable().optional(),
});
export type TCreateQueueRequest = z.infer<typeof ZCreateQueueRequest>;

export const ZUpdateQueueRequest = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(LIMITS.queueNameMax).optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  active: z.boolean().optional(),
});
export type TUpdateQueueRequest = z.infer<typeof ZUpdateQueueRequest>;

export const ZListQueuesQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
});
