import type { TChangePasswordRequest, TMe, TSignInRequest } from '../../../../shared/schemas/session.ts';
import { request } from '../../lib/api.ts';

/** POST /session: a 401 here means wrong credentials, not an expired session. */
export const signIn = (body: TSignInRequest) =>
  request<TMe>('POST', '/session', { body, quietUnauthenticated: true });

export const changePassword = (body: TChangePasswordRequest) =>
  request<{ ok: true }>('POST', '/me/password', { body });
