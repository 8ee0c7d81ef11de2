import type {
  TApiToken,
  TCreateApiTokenRequest,
  TCreatedApiToken,
} from '../../../../shared/schemas/token.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { api, fetchAllPages, type Page } from '../../lib/api.ts';

export const fetchTokens = async () => (await api.get<Page<TApiToken>>('/tokens')).items;
export const createToken = (body: TCreateApiTokenRequest) => api.post<TCreatedApiToken>('/tokens', body);
export const revokeToken = (id: number) => api.delete<TApiToken>(`/tokens/${id}`);
export const fetchActiveUsers = () => fetchAllPages<TUser>('/users', { active: true, sort: 'display_name' });

export type TokenStatus = 'live' | 'revoked' | 'expired';

export function tokenStatus(token: TApiToken, now = Date.now()): TokenStatus {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && Date.parse(token.expires_at) <= now) return 'expired';
  return 'live';
}
