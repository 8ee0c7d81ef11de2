import type {
  TAgentCompliance,
  TBoard,
  TComparison,
  TMonthlyPlan,
  TProposeRequest,
  TSampleSize,
} from '../../../../shared/schemas/compliance.ts';
import { api } from '../../lib/api.ts';

/** The compliance area's API calls, typed by the shared contract. */
export const complianceApi = {
  board: (month: string) => api.get<TBoard>('/compliance', { month }),
  agent: (id: number, month: string) => api.get<TAgentCompliance>(`/compliance/agents/${id}`, { month }),
  sampleSize: (query: { margin: number; sd?: number; month?: string }) =>
    api.get<TSampleSize>('/compliance/sample-size', query),
  plans: (month: string) =>
    api.get<{ month: string; items: TMonthlyPlan[] }>('/compliance/proposals', { month }),
  propose: (body: Partial<TProposeRequest> & { month: string }) =>
    api.post<TMonthlyPlan>('/compliance/proposals', body),
  comparison: (month: string) => api.get<TComparison>('/compliance/comparison', { month }),
  /** Activation and discarding belong to the sampling plans (POST /sampling/plans/{id}/…). */
  activate: (id: number, version: number) => api.post<unknown>(`/sampling/plans/${id}/activate`, { version }),
  discard: (id: number, version: number) => api.post<unknown>(`/sampling/plans/${id}/archive`, { version }),
};
