import { createRoute } from '@hono/zod-openapi';
import { ZIdParam, ZPageQuery, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZActivatePlanRequest,
  ZCreatePlanRequest,
  ZSamplingPlan,
  ZUpdatePlanRequest,
} from '../../../../shared/schemas/sampling.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import {
  activatePlan,
  archivePlan,
  createPlan,
  getActivePlan,
  getPlan,
  listPlans,
  updatePlan,
} from './plan.service.ts';

/** Sampling plans: the active one, proposals, the archive (clauses 3, 4.3, 4.5). */
export const planRoutes = createRouter();
const tags = ['Sampling'];

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sampling/plans',
    tags,
    summary: 'List sampling plans (active first, then proposals, then the archive)',
    'x-policy': 'sampling.plans.read',
    request: { query: ZPageQuery },
    responses: { 200: jsonResponse(listOf(ZSamplingPlan), 'A page of plans.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listPlans(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sampling/plans/active',
    tags,
    summary: 'The active sampling plan',
    description:
      'A fresh install answers the default plan: 3 a day, 20 a month, random, every active `qa` user, capacity 60.',
    'x-policy': 'sampling.plans.read',
    responses: { 200: jsonResponse(ZSamplingPlan, 'The active plan.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getActivePlan(c.get('deps').db, requireActor(c)), 200),
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sampling/plans',
    tags,
    summary: 'Create a proposed plan (a draft beside the active one)',
    'x-policy': 'sampling.plans.manage',
    request: { body: jsonBody(ZCreatePlanRequest) },
    responses: { 201: jsonResponse(ZSamplingPlan, 'The proposed plan.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await createPlan(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')), 201),
);

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sampling/plans/{id}',
    tags,
    summary: 'Read a sampling plan',
    'x-policy': 'sampling.plans.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZSamplingPlan, 'The plan.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getPlan(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

planRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/sampling/plans/{id}',
    tags,
    summary: 'Edit a plan (quotas, inspectors, strategies, schedule); `version` guards against lost updates',
    'x-policy': 'sampling.plans.manage',
    request: { params: ZIdParam, body: jsonBody(ZUpdatePlanRequest) },
    responses: { 200: jsonResponse(ZSamplingPlan, 'The updated plan.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await updatePlan(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sampling/plans/{id}/activate',
    tags,
    summary: 'Make a plan the active one (the previous active plan is archived)',
    'x-policy': 'sampling.plans.manage',
    request: { params: ZIdParam, body: jsonBody(ZActivatePlanRequest) },
    responses: { 200: jsonResponse(ZSamplingPlan, 'The activated plan.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await activatePlan(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json').version,
      ),
      200,
    ),
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sampling/plans/{id}/archive',
    tags,
    summary: 'Discard a proposed plan (the active plan is replaced by activating another)',
    'x-policy': 'sampling.plans.manage',
    request: { params: ZIdParam, body: jsonBody(ZActivatePlanRequest) },
    responses: { 200: jsonResponse(ZSamplingPlan, 'The archived plan.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await archivePlan(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json').version,
      ),
      200,
    ),
);
