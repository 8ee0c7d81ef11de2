import type { Context, Next } from 'hono';
import { AppError, unauthenticated } from '../errors.ts';
import { sha256Hex } from '../modules/auth/secret.ts';
import { resolveSession } from '../modules/auth/session.service.ts';
import { resolveToken } from '../modules/tokens/token.usage.ts';
import type { AppEnv } from './app-env.ts';
import { requestCookie } from './cookie.ts';
import { assertSameOrigin } from './same-origin.ts';

export const SESSION_COOKIE = 'zhijian_session';

/** Routes anyone may call: signing in, and health. Everything else under /api/v1 needs a user. */
const PUBLIC_ROUTES = new Set(['POST /api/v1/session', 'GET /api/v1/health']);

export function isPublicRoute(method: string, path: string): boolean {
  return PUBLIC_ROUTES.has(`${method} ${path}`);
}

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie, refuses
 * cross-site cookie writes, and answers 401 on non-public routes without a valid credential.
 */
export async function authenticate(c: Context<AppEnv>, next: Next): Promise<void> {
  const { db } = c.get('deps');
  c.set('actor', null);
  c.set('authVia', null);
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new AppError('unauthenticated', 'Authorization must be "Bearer <token>".');
    const tokenHash = sha256Hex(match[1]);
    const actor = await resolveToken(db, tokenHash);
    if (!actor) throw new AppError('unauthenticated', 'The API token is unknown, revoked or expired.');
    c.set('actor', actor);
    c.set('authVia', 'token');
  } else {
    const secret = requestCookie(c, SESSION_COOKIE);
    if (secret) {
      const actor = await resolveSession(db, secret);
      if (actor) {
        c.set('actor', actor);
        c.set('authVia', 'session');
      }
    }
    // Browsers carry cookies on cross-site requests; sign-in is protected too (login CSRF).
    if (c.get('actor') || isPublicRoute(c.req.method, c.req.path)) assertSameOrigin(c);
  }
  if (!c.get('actor') && !isPublicRoute(c.req.method, c.req.path)) throw unauthenticated();
  await next();
}
