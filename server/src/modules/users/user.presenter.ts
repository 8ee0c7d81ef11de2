import type { TUser } from '../../../../shared/schemas/user.ts';
import { isRole } from '../../../../shared/roles.ts';

export type UserRow = {
  id: number;
  username: string;
  display_name: string;
  roles: string[];
  team_id: number | null;
  team_name: string | null;
  hire_date: string | null;
  active: boolean;
  queue_ids: number[] | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
};

const iso = (d: Date | string) => new Date(d).toISOString();

/** The only place that shapes a user for the API; never includes the password hash. */
export function presentUser(row: UserRow): TUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    roles: row.roles.filter(isRole),
    team_id: row.team_id,
    team_name: row.team_name,
    hire_date: row.hire_date,
    active: row.active,
    queue_ids: row.queue_ids ?? [],
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    version: row.version,
  };
}
