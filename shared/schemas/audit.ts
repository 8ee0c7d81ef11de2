import { z } from 'zod';
import { ZPageQuery } from './common.ts';

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor_id: z.number().int().nullable(),
  actor_username: z.string().nullable(),
  actor_name: z.string().nullable().describe("The actor's display name today (null for the system)."),
  action: z
    .string()
    .describe(
      'e.g. `user.create`, `session.create`; every code the server writes is listed in `shared/audit.ts`.',
    ),
  entity_type: z
    .string()
    .describe('e.g. `evaluation`, `user`; with `entity_id`, the record the entry is about.'),
  entity_id: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  seq: z
    .number()
    .int()
    .nullable()
    .describe(
      'Position in the hash chain; null while the entry waits to be sealed (a fraction of a second).',
    ),
  hash: z.string().nullable().describe('SHA-256 over the entry and the previous hash; null until sealed.'),
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
  ok: z.boolean().describe('The sealed chain is intact.'),
  checked: z.number().int().describe('Sealed entries checked.'),
  first_broken_id: z.number().int().nullable(),
  reason: z.string().nullable(),
  reason_code: z
    .enum(['link', 'content', 'unchained'])
    .nullable()
    .describe(
      'link: an entry removed or inserted; content: an entry edited; unchained: a sealed entry taken out.',
    ),
  last_seq: z.number().int().nullable().describe('Position of the last entry checked.'),
  pending: z.number().int().describe('Entries written but not yet sealed into the chain.'),
  oldest_pending_at: z.string().nullable(),
  sealer_stalled: z
    .boolean()
    .describe('An entry has waited over a minute for its seal: no sealer is running.'),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
