import { TEXT_ENCODINGS } from '../import-issues.ts';
import { z } from 'zod';
import { LIMITS, USERNAME_PATTERN } from '../limits.ts';
import { ROLES } from '../roles.ts';
import { ZPageQuery, ZQueryBool } from './common.ts';

export const ZRole = z.enum(ROLES).describe('One of the ten roles of SPEC §5.');

export const ZUsername = z
  .string()
  .trim()
  .min(LIMITS.usernameMin)
  .max(LIMITS.usernameMax)
  .regex(USERNAME_PATTERN, 'letters, digits, dot, underscore and hyphen only');

export const ZPassword = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

const ZDate = z.iso.date().describe('A calendar date, YYYY-MM-DD.');

export const ZUser = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  roles: z.array(ZRole),
  team_id: z.number().int().nullable(),
  team_name: z.string().nullable(),
  hire_date: z.string().nullable(),
  active: z.boolean(),
  queue_ids: z.array(z.number().int()),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int().describe('Send back on update; a stale version answers 409.'),
});
export type TUser = z.infer<typeof ZUser>;

export const ZCreateUserRequest = z.object({
  username: ZUsername,
  display_name: z.string().trim().min(1).max(LIMITS.displayNameMax),
  password: ZPassword,
  roles: z.array(ZRole).min(1).max(ROLES.length),
  team_id: z.number().int().positive().nullable().optional(),
  hire_date: ZDate.nullable().optional(),
  queue_ids: z.array(z.number().int().positive()).max(100).optional(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.object({
  version: z.number().int().describe('The version you read; a newer one in the database answers 409.'),
  display_name: z.string().trim().min(1).max(LIMITS.displayNameMax).optional(),
  roles: z.array(ZRole).min(1).max(ROLES.length).optional(),
  team_id: z.number().int().positive().nullable().optional(),
  hire_date: ZDate.nullable().optional(),
  active: z.boolean().optional(),
  queue_ids: z.array(z.number().int().positive()).max(100).optional(),
  password: ZPassword.optional().describe('Set a new password (admin reset).'),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const USER_SORTS = ['username', 'display_name', 'hire_date', 'created_at'] as const;

export const ZListUsersQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Matches username or display name.'),
  role: ZRole.optional(),
  team_id: z.coerce.number().int().positive().optional(),
  active: ZQueryBool.optional(),
  sort: z.enum(USER_SORTS).default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TListUsersQuery = z.infer<typeof ZListUsersQuery>;

export const ZUserImportResult = z.object({
  imported: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  encoding: z
    .enum(TEXT_ENCODINGS)
    .describe(
      'How the file was read: utf-8, or gb18030 when it was not UTF-8 but read cleanly as GB18030 (GBK).',
    ),
});
export type TUserImportResult = z.infer<typeof ZUserImportResult>;
