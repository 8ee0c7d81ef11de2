import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes: the browser tells us where the request came from
 * (Sec-Fetch-Site, or else Origin). Requests without either header are not from a browser page.
 */
export function assertSameOrigin(c: Context<AppEnv>): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const site = c.req.header('sec-fetch-site');
  if (site) {
    if (site === 'same-origin' || site === 'none') return;
    throw crossSite();
  }
  const origin = c.req.header('origin');
  if (!origin) return;
  const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  if (origin === 'null' || originHost !== host) throw crossSite();
}

function crossSite(): AppError {
  return new AppError(
    'cross_site_request',
    'Cross-site requests are refused. Use the Zhijian web app or an API token.',
  );
}
