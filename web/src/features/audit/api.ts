import type { TAuditEntry, TAuditVerifyResult } from '../../../../shared/schemas/audit.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages, type Query } from '../../lib/api.ts';

export const verifyAuditChain = () => api.get<TAuditVerifyResult>('/audit/verify');

export const fetchAllAudit = (query: Query, onProgress?: (n: number) => void) =>
  fetchAllPages<TAuditEntry>('/audit', query, onProgress);

export const fetchActors = () => fetchAllPages<TUser>('/users', { sort: 'username' });
