import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages, type Page } from '../../lib/api.ts';

export type OrgCounts = { activeUsers: number; activeTeams: number; activeQueues: number };

/** Real counts from the list endpoints (`total`, or the active rows of the small lists). */
export async function fetchOrgCounts(): Promise<OrgCounts> {
  const [users, teams, queues] = await Promise.all([
    api.get<Page<TUser>>('/users', { active: true, limit: 1 }),
    fetchAllPages<TTeam>('/teams'),
    fetchAllPages<TQueue>('/queues'),
  ]);
  return {
    activeUsers: users.total,
    activeTeams: teams.filter((t) => t.active).length,
    activeQueues: queues.filter((q) => q.active).length,
  };
}
