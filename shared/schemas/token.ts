import { z } from 'zod';
import { LIMITS } from '../limits.ts';

export const ZApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it.'),
  user_id: z.number().int().describe('The user the token acts as.'),
  username: z.string(),
  created_by: z.number().int().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZCreateApiTokenRequest = z.object({
  name: z.string().trim().min(1).max(LIMITS.tokenNameMax),
  user_id: z.number().int().positive().optional().describe('Defaults to the creating admin.'),
  expires_in_days: z.number().int().min(1).max(3650).nullable().optional(),
});
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;

export const ZCreatedApiToken = ZApiToken.extend({
  token: z.string().describe('The secret. Shown only in this answer; store it now.'),
});
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;
