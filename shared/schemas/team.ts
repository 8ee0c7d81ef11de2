import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { ZPageQuery } from './common.ts';

export const ZTeam = z.object({
  id: z.number().int(),
  name: z.string(),
  leader_id: z.number().int().nullable(),
  leader_name: z.string().nullable(),
  member_count: z.number().int(),
  active: z.boolean(),
  created_at: z.string(),
  version: z.number().int(),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZCreateTeamRequest = z.object({
  name: z.string().trim().min(1).max(LIMITS.teamNameMax),
  leader_id: z.number().int().positive().nullable().optional(),
});
export type TCreateTeamRequest = z.infer<typeof ZCreateTeamRequest>;

export const ZUpdateTeamRequest = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(LIMITS.teamNameMax).optional(),
  leader_id: z.number().int().positive().nullable().optional(),
  active: z.boolean().optional(),
});
export type TUpdateTeamRequest = z.infer<typeof ZUpdateTeamRequest>;

export const ZListTeamsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
});
