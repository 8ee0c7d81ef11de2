import { createRoute } from '@hono/zod-openapi';
import { ZIdParam, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZCreateTeamRequest,
  ZListTeamsQuery,
  ZTeam,
  ZUpdateTeamRequest,
} from '../../../../shared/schemas/team.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { createTeam, getTeam, listTeams, updateTeam } from './team.service.ts';

export const teamRoutes = createRouter();

teamRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/teams',
    tags: ['People'],
    summary: 'List teams',
    'x-policy': 'teams.list',
    request: { query: ZListTeamsQuery },
    responses: { 200: jsonResponse(listOf(ZTeam), 'A page of teams.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listTeams(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

teamRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/teams',
    tags: ['People'],
    summary: 'Create a team',
    'x-policy': 'teams.create',
    request: { body: jsonBody(ZCreateTeamRequest) },
    responses: { 201: jsonResponse(ZTeam, 'The created team.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await createTeam(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')), 201),
);

teamRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/teams/{id}',
    tags: ['People'],
    summary: 'Read a team',
    'x-policy': 'teams.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZTeam, 'The team.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getTeam(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

teamRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/teams/{id}',
    tags: ['People'],
    summary: 'Rename a team, change its leader, or deactivate it',
    'x-policy': 'teams.update',
    request: { params: ZIdParam, body: jsonBody(ZUpdateTeamRequest) },
    responses: { 200: jsonResponse(ZTeam, 'The updated team.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await updateTeam(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);
