import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { ZPassword, ZRole } from './user.ts';

export const ZSignInRequest = z.object({
  username: z.string().trim().min(1).max(LIMITS.usernameMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZMe = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  roles: z.array(ZRole),
  team_id: z.number().int().nullable(),
  team_name: z.string().nullable(),
  timezone: z.string().describe("The center's time zone (ZHIJIAN_TIMEZONE)."),
  abilities: z.record(z.string(), z.boolean()).describe('What the caller may do, for the UI to show.'),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordRequest = z.object({
  current_password: z.string().min(1).max(LIMITS.passwordMax),
  new_password: ZPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;
