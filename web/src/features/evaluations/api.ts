import type {
  TCreateEvaluationRequest,
  TDispute,
  TDisputeDecisionRequest,
  TEvaluation,
  TEvaluationDetail,
  TNotification,
  TTestCallScenario,
  TUpdateEvaluationRequest,
} from '../../../../shared/schemas/evaluation.ts';
import type { TForm, TFormItem, TFormSummary } from '../../../../shared/schemas/form.ts';
import type { TInteractionDetail } from '../../../../shared/schemas/interaction.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import type { EvaluationMethod, EvaluationStatus } from '../../../../shared/workflow.ts';
import { API_BASE, api, fetchAllPages, request, type Page, type Query } from '../../lib/api.ts';

export type EvaluationSort = 'local_date' | 'score' | 'id';

/** The filters of the evaluations list; `from`/`to` are local dates in the center's zone. */
export type EvaluationFilters = {
  agent_id?: number;
  evaluator_id?: number;
  team_id?: number;
  status?: EvaluationStatus;
  method?: EvaluationMethod;
  fatal?: boolean;
  passed?: boolean;
  overdue?: boolean;
  mine?: boolean;
  /** false: submitted ones only (drafts left out), as the compliance board counts checks. */
  drafts?: false;
  from?: string;
  to?: string;
};

export type EvaluationListQuery = EvaluationFilters & { sort: EvaluationSort; order: 'asc' | 'desc' };

export const toQuery = (q: EvaluationListQuery): Query => ({ ...q });

export const fetchEvaluation = (id: number) => api.get<TEvaluationDetail>(`/evaluations/${id}`);

export const createEvaluation = (body: TCreateEvaluationRequest) =>
  api.post<TEvaluationDetail>('/evaluations', body);

export const updateEvaluation = (id: number, body: TUpdateEvaluationRequest) =>
  api.patch<TEvaluationDetail>(`/evaluations/${id}`, body);

/** Discards a draft (its own inspector, with the version read). */
export const discardEvaluation = (id: number, version: number) =>
  request<{ ok: true }>('DELETE', `/evaluations/${id}`, { query: { version } });

/** The caller's own draft of a contact, if any (at most one: a second one is refused). */
export const fetchMyDraftOf = async (interactionId: number, evaluatorId: number) =>
  (
    await api.get<Page<TEvaluation>>('/evaluations', {
      interaction_id: interactionId,
      evaluator_id: evaluatorId,
      status: 'draft',
      limit: 1,
    })
  ).items[0] ?? null;

export const fetchAllEvaluations = (q: EvaluationListQuery, onProgress?: (n: number) => void) =>
  fetchAllPages<TEvaluation>('/evaluations', toQuery(q), onProgress);

export const acknowledgeEvaluation = (id: number, signature: string, version: number) =>
  api.post<TEvaluationDetail>(`/evaluations/${id}/acknowledge`, { signature, version });

export const countersignEvaluation = (id: number, signature: string, version: number) =>
  api.post<TEvaluationDetail>(`/evaluations/${id}/countersign`, { signature, version });

export const raiseDispute = (id: number, reason: string, item_ids: number[]) =>
  api.post<TDispute>(`/evaluations/${id}/disputes`, { reason, item_ids });

export const decideDispute = (id: number, body: TDisputeDecisionRequest) =>
  api.post<TDispute>(`/disputes/${id}/decision`, body);

/** Where the confirmation form (服务质量考核确认单) downloads from, in the UI language. */
export const confirmationUrl = (id: number, ext: 'pdf' | 'xlsx', lang: 'zh' | 'en') =>
  `${API_BASE}/evaluations/${id}/confirmation.${ext}?lang=${lang}`;

export const recordingUrl = (interactionId: number) => `${API_BASE}/interactions/${interactionId}/recording`;

export const fetchInteraction = (id: number) => api.get<TInteractionDetail>(`/interactions/${id}`);

/** A scorecard at a given version (the one an evaluation was scored on), or the current one. */
export const fetchForm = (id: number, formVersion?: number) =>
  api.get<TForm>(`/forms/${id}`, { form_version: formVersion });

export const fetchActiveForms = (queueId?: number | null) =>
  api.get<Page<TFormSummary>>('/forms', { status: 'active', queue_id: queueId ?? undefined, limit: 200 });

export const fetchScenarios = () => api.get<Page<TTestCallScenario>>('/test-call-scenarios');

export const fetchAgents = () => fetchAllPages<TUser>('/users', { role: 'agent', active: true });

/**
 * Every CSR the caller may see (a team leader: their teams'), deactivated ones too: the evaluations
 * list filters by CSR, and a CSR who left still has evaluations there.
 */
export const fetchAgentsToFilter = () => fetchAllPages<TUser>('/users', { role: 'agent' });

export const fetchInspectors = async (): Promise<TUser[]> => {
  const [qa, leads] = await Promise.all([
    fetchAllPages<TUser>('/users', { role: 'qa' }),
    fetchAllPages<TUser>('/users', { role: 'qa_lead' }),
  ]);
  const byId = new Map([...qa, ...leads].map((u) => [u.id, u]));
  return [...byId.values()];
};

export const fetchTeams = () => fetchAllPages<TTeam>('/teams');

export type Inbox = Page<TNotification> & { unread: number; to_confirm: number; overdue: number };

export const fetchInbox = () => api.get<Inbox>('/notifications', { limit: 30 });

/** Every item of a form, in order, with the title of its section. */
export function formItems(form: TForm): (TFormItem & { section: string })[] {
  return form.sections.flatMap((s) => s.items.map((i) => ({ ...i, section: s.title })));
}
