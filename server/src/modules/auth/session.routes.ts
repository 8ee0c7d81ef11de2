import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ZOk } from '../../../../shared/schemas/common.ts';
import { ZChangePasswordRequest, ZMe, ZSignInRequest, type TMe } from '../../../../shared/schemas/session.ts';
import { SESSION_COOKIE } from '../../http/authenticate.ts';
import { isSecureRequest } from '../../http/client-ip.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { type JsonText, jsonText, respondJsonText } from '../../http/json-text.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, globalAbilities } from '../../policies/engine.ts';
import { ZErrorResponse } from '../../../../shared/schemas/common.ts';
import { changeOwnPassword, SESSION_TTL_SECONDS, signIn, signOut } from './session.service.ts';

export const sessionRoutes = createRouter();

/** Abilities the web app uses to show or hide navigation; the server still checks every call. */
export const UI_ABILITIES = [
  'users.list',
  'users.create',
  'users.import',
  'teams.create',
  'teams.update',
  'queues.create',
  'queues.update',
  'tokens.list',
  'audit.list',
  'interactions.list',
  'interactions.import',
  'interactions.upload_recording',
  'interactions.see_customer_ref',
  'imports.list',
  'forms.list',
  'forms.create',
  'forms.update',
  'categories.create',
  'evaluations.list',
  'evaluations.create',
  'disputes.list',
  'disputes.decide',
  'disputes.review',
  'accuracy.read',
  'test_calls.list',
  'test_calls.manage',
  'assignments.list',
  'assignments.skip',
  'assignments.manage',
  'sampling.plans.read',
  'sampling.plans.manage',
  'sampling.run',
  'sampling.runs.list',
  'shifts.list',
  'shifts.manage',
  'compliance.read',
  'compliance.read_inspectors',
  'compliance.propose',
  'compliance.plans',
  'reports.read',
  'reports.kpi',
  'reports.qa_summary.read',
  'reports.qa_summary.write',
  'reports.my_quality',
  'home.failed_items',
] as const;

function presentMe(actor: Actor, timezone: string): TMe {
  return {
    id: actor.id,
    username: actor.username,
    display_name: actor.display_name,
    roles: actor.roles,
    team_id: actor.team_id,
    team_name: actor.team_name,
    timezone,
    abilities: globalAbilities(actor, UI_ABILITIES),
  };
}

/**
 * `GET /me`'s body, serialized once per Actor object. The auth cache hands out the same frozen
 * Actor for a credential until it expires or is dropped (sign-out, user or team change), and the
 * policy rules are functions of the actor alone, so the answer cannot go stale; a changed user
 * comes back as a new Actor, hence a new entry. Without the cache every request has its own Actor
 * and this only costs the WeakMap entry.
 */
const meTexts = new WeakMap<Actor, { timezone: string; text: JsonText<TMe> }>();

export function meText(actor: Actor, timezone: string): JsonText<TMe> {
  const known = meTexts.get(actor);
  if (known?.timezone === timezone) return known.text;
  const text = jsonText(presentMe(actor, timezone));
  meTexts.set(actor, { timezone, text });
  return text;
}

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/session',
    tags: ['Session'],
    summary: 'Sign in; sets the session cookie',
    description:
      'Failed attempts are limited per username and per address; over the limit the answer is 429 with Retry-After.',
    'x-policy': 'public',
    security: [],
    request: { body: jsonBody(ZSignInRequest) },
    responses: {
      200: jsonResponse(ZMe, 'Signed in.'),
      ...ERROR_RESPONSES,
      429: {
        description: 'Too many failed attempts.',
        content: { 'application/json': { schema: ZErrorResponse } },
      },
    },
  }),
  async (c) => {
    const { db, env } = c.get('deps');
    const body = c.req.valid('json');
    const result = await signIn(db, {
      username: body.username,
      password: body.password,
      ip: c.get('ip'),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setCookie(c, SESSION_COOKIE, result.secret, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecureRequest(c, env.trustProxy),
      path: '/',
      maxAge: SESSION_TTL_SECONDS,
    });
    return c.json(presentMe(result.actor, env.timezone), 200);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/session',
    tags: ['Session'],
    summary: 'Sign out',
    'x-policy': 'session.delete',
    responses: { 200: jsonResponse(ZOk, 'Signed out.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    authorize(requireActor(c), 'session.delete');
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) await signOut(c.get('deps').db, secret, auditContext(c));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true as const }, 200);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['Session'],
    summary: 'The signed-in user, with what they may do',
    'x-policy': 'me.read',
    responses: { 200: jsonResponse(ZMe, 'The caller.'), ...ERROR_RESPONSES },
  }),
  (c) => respondJsonText(c, meText(requireActor(c), c.get('deps').env.timezone), 200),
);

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/me/password',
    tags: ['Session'],
    summary: 'Change your own password (your other sessions are signed out)',
    'x-policy': 'me.change_password',
    request: { body: jsonBody(ZChangePasswordRequest) },
    responses: { 200: jsonResponse(ZOk, 'Changed.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'me.change_password');
    const body = c.req.valid('json');
    await changeOwnPassword(c.get('deps').db, {
      actor,
      currentPassword: body.current_password,
      newPassword: body.new_password,
      keepSessionSecret: getCookie(c, SESSION_COOKIE) ?? null,
      ctx: auditContext(c),
    });
    return c.json({ ok: true as const }, 200);
  },
);
