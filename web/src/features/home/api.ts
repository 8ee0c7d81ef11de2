import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import type { TFailedItems } from '../../../../shared/schemas/home.ts';
import type { TScoreCategory } from '../../../../shared/schemas/form.ts';
import { api, fetchAllPages, type Page } from '../../lib/api.ts';
import { dayjs, getCenterTimeZone } from '../../lib/time.ts';

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

/** The most-failed scorecard items of a span of local days (GET /home/failed-items). */
export const fetchFailedItems = (query: { from: string; to: string; category?: string; limit?: number }) =>
  api.get<TFailedItems>('/home/failed-items', query);

export const fetchCategories = () => api.get<Page<TScoreCategory>>('/score-categories').then((p) => p.items);

/** Today in the center's time zone, and the spans the home pages look at. */
export function centerSpans(): {
  today: string;
  month: { from: string; to: string };
  week: { from: string; to: string };
} {
  const today = dayjs().tz(getCenterTimeZone());
  const date = today.format('YYYY-MM-DD');
  return {
    today: date,
    month: { from: today.startOf('month').format('YYYY-MM-DD'), to: date },
    week: { from: today.subtract(6, 'day').format('YYYY-MM-DD'), to: date },
  };
}
