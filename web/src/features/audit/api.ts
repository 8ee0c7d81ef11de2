import type { TAuditEntry, TAuditVerifyResult } from '../../../../shared/schemas/audit.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages, type Query } from '../../lib/api.ts';

export type AuditFilters = {
  action?: string;
  entity_type?: string;
  entity_id?: string;
  actor_id?: number;
  /** ISO instants with offset: [from, to). */
  from?: string;
  to?: string;
};

export const toQuery = (f: AuditFilters): Query => ({ ...f });

export const verifyAuditChain = () => api.get<TAuditVerifyResult>('/audit/verify');

export const fetchAllAudit = (f: AuditFilters, onProgress?: (n: number) => void) =>
  fetchAllPages<TAuditEntry>('/audit', toQuery(f), onProgress);

export const fetchActors = () => fetchAllPages<TUser>('/users', { sort: 'username' });
