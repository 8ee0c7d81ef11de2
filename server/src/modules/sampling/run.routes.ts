import { createRoute } from '@hono/zod-openapi';
import { listOf } from '../../../../shared/schemas/common.ts';
import { ZRunRequest, ZRunResponse, ZRunsQuery, ZSamplingRun } from '../../../../shared/schemas/sampling.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { authorize } from '../../policies/engine.ts';
import { listRuns } from './run.repo.ts';
import { runSamplingDay } from './run.service.ts';

/** The daily sampling run, on demand, and the history of runs (scheduled and manual). */
export const runRoutes = createRouter();
const tags = ['Sampling'];

runRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sampling/run',
    tags,
    summary: "Run a day's sampling under the active plan (re-running only tops up)",
    description:
      'Picks checks for every CSR on shift that local day up to their quota, spreads them evenly over the ' +
      "plan's inspectors within capacity, and keeps what does not fit as `unassigned` (overflow). Answers " +
      'the assignments created, the run and its summary.',
    'x-policy': 'sampling.run',
    request: { body: jsonBody(ZRunRequest) },
    responses: {
      200: jsonResponse(ZRunResponse, 'The run, its summary and the assignments created.'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'sampling.run');
    const { db, env } = c.get('deps');
    const result = await runSamplingDay(db, {
      date: c.req.valid('json').date,
      trigger: 'manual',
      timezone: env.timezone,
      ctx: auditContext(c),
    });
    if (!result) throw new Error('a manual run always runs');
    return c.json(result, 200);
  },
);

runRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sampling/runs',
    tags,
    summary: 'Sampling run history, newest first',
    'x-policy': 'sampling.runs.list',
    request: { query: ZRunsQuery },
    responses: { 200: jsonResponse(listOf(ZSamplingRun), 'A page of runs.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listRuns(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);
