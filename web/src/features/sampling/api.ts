import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type {
  TCreatePlanRequest,
  TRunResponse,
  TSamplingPlan,
  TSamplingRun,
  TShift,
  TShiftImportResult,
  TUpdatePlanRequest,
} from '../../../../shared/schemas/sampling.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages, uploadFile, type Page } from '../../lib/api.ts';

export const fetchActivePlan = () => api.get<TSamplingPlan>('/sampling/plans/active');
export const fetchPlan = (id: number) => api.get<TSamplingPlan>(`/sampling/plans/${id}`);
export const fetchPlans = () => fetchAllPages<TSamplingPlan>('/sampling/plans');
export const createPlan = (body: TCreatePlanRequest) => api.post<TSamplingPlan>('/sampling/plans', body);
export const updatePlan = (id: number, body: TUpdatePlanRequest) =>
  api.patch<TSamplingPlan>(`/sampling/plans/${id}`, body);
export const activatePlan = (id: number, version: number) =>
  api.post<TSamplingPlan>(`/sampling/plans/${id}/activate`, { version });
export const archivePlan = (id: number, version: number) =>
  api.post<TSamplingPlan>(`/sampling/plans/${id}/archive`, { version });

export const runDay = (date: string) => api.post<TRunResponse>('/sampling/run', { date });
export const fetchRuns = (query: { from?: string; to?: string } = {}) =>
  fetchAllPages<TSamplingRun>('/sampling/runs', query);
export const fetchRunsPage = (limit: number) => api.get<Page<TSamplingRun>>('/sampling/runs', { limit });

export const fetchShiftDays = (from: string, to: string, teamId?: number) =>
  api.get<{ items: { date: string; on_shift: number }[] }>('/shifts/days', { from, to, team_id: teamId });
export const fetchShifts = (from: string, to: string, teamId?: number, onProgress?: (n: number) => void) =>
  fetchAllPages<TShift>('/shifts', { from, to, team_id: teamId }, onProgress);
export const deleteShift = (id: number) => api.delete<{ ok: true }>(`/shifts/${id}`);
export const importRoster = (file: File, onProgress: (percent: number) => void) =>
  uploadFile<TShiftImportResult>('/shifts/import', file, onProgress);

/** The roster template: the columns the server reads, with example rows. */
export const ROSTER_TEMPLATE =
  'agent,date,shift\r\nzhang.wei,2026-11-02,早班\r\nli.na,2026-11-02,晚班\r\nzhang.wei,2026-11-03,早班\r\n';

/** People, teams and queues the plan editor names and picks. */
export type PlanDirectory = {
  inspectors: TUser[];
  agents: TUser[];
  teams: TTeam[];
  queues: TQueue[];
};

export async function fetchDirectory(): Promise<PlanDirectory> {
  const [inspectors, agents, teams, queues] = await Promise.all([
    fetchAllPages<TUser>('/users', { role: 'qa', active: true }),
    fetchAllPages<TUser>('/users', { role: 'agent' }),
    fetchAllPages<TTeam>('/teams'),
    fetchAllPages<TQueue>('/queues'),
  ]);
  return { inspectors, agents, teams, queues };
}
