import type { Role } from '../../../shared/roles.ts';

/** Who is calling: the signed-in user (by session cookie or API token). */
export type Actor = {
  id: number;
  username: string;
  display_name: string;
  roles: Role[];
  team_id: number | null;
  team_name: string | null;
  /** Teams this user leads (teams.leader_id); a team leader's scope. */
  led_team_ids: number[];
  via: 'session' | 'token';
};

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}
