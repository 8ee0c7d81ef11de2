import { z } from 'zod';
import { ZPageQuery } from './common.ts';

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor_id: z.number().int().nullable(),
  actor_username: z.string().nullable(),
  action: z.string().describe('e.g. `user.create`, `session.create`.'),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZListAuditQuery = ZPageQuery.extend({
  actor_id: z.coerce.number().int().positive().optional(),
  action: z.string().max(100).optional(),
  entity_type: z.string().max(100).optional(),
  entity_id: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Inclusive lower bound on time.'),
  to: z.iso.datetime({ offset: true }).optional().describe('Exclusive upper bound on time.'),
});
export type TListAuditQuery = z.infer<typeof ZListAuditQuery>;

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  first_broken_id: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
