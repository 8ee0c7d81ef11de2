import type { Context } from 'hono';
import { unauthenticated } from '../errors.ts';
import type { AuditContext } from '../modules/audit/audit.service.ts';
import type { Actor } from '../policies/actor.ts';
import type { AppEnv } from './app-env.ts';

/** The signed-in caller. Every non-public route is behind `authenticate`, so this only fails there. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw unauthenticated();
  return actor;
}

/** The audit context of the request: who and from where. */
export function auditContext(c: Context<AppEnv>): AuditContext {
  const actor = c.get('actor');
  return { actorId: actor?.id ?? null, actorUsername: actor?.username ?? null, ip: c.get('ip') };
}
