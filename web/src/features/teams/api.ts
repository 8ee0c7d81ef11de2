import type { TCreateTeamRequest, TTeam, TUpdateTeamRequest } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages } from '../../lib/api.ts';

export const fetchTeams = () => fetchAllPages<TTeam>('/teams');
export const createTeam = (body: TCreateTeamRequest) => api.post<TTeam>('/teams', body);
export const updateTeam = (id: number, body: TUpdateTeamRequest) => api.patch<TTeam>(`/teams/${id}`, body);

/** Who may lead a team: active users with the team_leader role. */
export const fetchLeaderCandidates = () =>
  fetchAllPages<TUser>('/users', { role: 'team_leader', active: true, sort: 'display_name' });
