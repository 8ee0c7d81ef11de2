import { createRoute } from '@hono/zod-openapi';
import { ZIdParam, listOf } from '../../../../shared/schemas/common.ts';
import { ZApiToken, ZCreateApiTokenRequest, ZCreatedApiToken } from '../../../../shared/schemas/token.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { createToken, listTokens, revokeToken } from './token.service.ts';

export const tokenRoutes = createRouter();

tokenRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tokens',
    tags: ['API tokens'],
    summary: 'List API tokens (never their secrets)',
    'x-policy': 'tokens.list',
    responses: { 200: jsonResponse(listOf(ZApiToken), 'All tokens, live first.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listTokens(c.get('deps').db, requireActor(c)), 200),
);

tokenRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/tokens',
    tags: ['API tokens'],
    summary: 'Create an API token (the secret is shown once)',
    'x-policy': 'tokens.create',
    request: { body: jsonBody(ZCreateApiTokenRequest) },
    responses: { 201: jsonResponse(ZCreatedApiToken, 'The token with its secret.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await createToken(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')), 201),
);

tokenRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags: ['API tokens'],
    summary: 'Revoke an API token',
    'x-policy': 'tokens.revoke',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZApiToken, 'The revoked token.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await revokeToken(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('param').id),
      200,
    ),
);
