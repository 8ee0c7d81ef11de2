import type {
  TCreateFormRequest,
  TForm,
  TFormSummary,
  TScoreCategory,
  TUpdateFormRequest,
} from '../../../../shared/schemas/form.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import { api, fetchAllPages, request, type Page, type Query } from '../../lib/api.ts';

export type FormFilters = { q?: string; status?: TFormSummary['status']; queue_id?: number };

export type FormVersionSummary = {
  form_version: number;
  form_version_id: number;
  pass_mark: number;
  item_count: number;
  created_at: string;
  created_by: number | null;
  used: boolean;
};

export const toQuery = (f: FormFilters): Query => ({ ...f });

export const fetchAllForms = (f: FormFilters, onProgress?: (n: number) => void) =>
  fetchAllPages<TFormSummary>('/forms', toQuery(f), onProgress);

export const fetchForm = (id: number, formVersion?: number) =>
  api.get<TForm>(`/forms/${id}`, { form_version: formVersion });

export const fetchVersions = (id: number) =>
  api.get<{ items: FormVersionSummary[] }>(`/forms/${id}/versions`).then((r) => r.items);

export const createForm = (body: TCreateFormRequest) => api.post<TForm>('/forms', body);

export const updateForm = (id: number, body: TUpdateFormRequest) =>
  request<TForm>('PUT', `/forms/${id}`, { body });

export const setFormArchived = (form: Pick<TFormSummary, 'id' | 'version'>, archived: boolean) =>
  api.post<TForm>(`/forms/${form.id}/${archived ? 'archive' : 'restore'}`, { version: form.version });

export const duplicateForm = (id: number) => api.post<TForm>(`/forms/${id}/duplicate`);

export const fetchQueues = () => fetchAllPages<TQueue>('/queues').catch((): TQueue[] => []);

export const fetchCategories = () => api.get<Page<TScoreCategory>>('/score-categories').then((p) => p.items);

export const createCategory = (body: { key: string; name_zh: string; name_en: string; position?: number }) =>
  api.post<TScoreCategory>('/score-categories', body);

export const updateCategory = (
  id: number,
  body: { version: number; name_zh?: string; name_en?: string; position?: number; active?: boolean },
) => api.patch<TScoreCategory>(`/score-categories/${id}`, body);
