import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './app-env.ts';
import { normalizeIp } from './ip-address.ts';

/** The caller's address, normalized; X-Forwarded-For is believed only with ZHIJIAN_TRUST_PROXY. */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = normalizeIp(c.req.header('x-forwarded-for')?.split(',')[0]);
    if (forwarded) return forwarded;
  }
  try {
    return normalizeIp(getConnInfo(c).remote.address);
  } catch {
    return null; // not served by node-server (e.g. app.request in tests)
  }
}

/** Whether the request reached us over TLS (directly, or per a trusted proxy). */
export function isSecureRequest(c: Context<AppEnv>, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}
