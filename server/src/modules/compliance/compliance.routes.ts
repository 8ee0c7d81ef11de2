import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZIdParam } from '../../../../shared/schemas/common.ts';
import {
  ZAgentCompliance,
  ZBoard,
  ZBoardQuery,
  ZComparison,
  ZMonthlyPlan,
  ZMonthlyPlans,
  ZPlansQuery,
  ZProposeRequest,
  ZSampleSize,
  ZSampleSizeQuery,
} from '../../../../shared/schemas/compliance.ts';
import { localDateOf } from '../../../../shared/time.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { getAgentCompliance, getComplianceBoard } from './compliance.board.ts';
import { getComparison } from './compliance.comparison.ts';
import { listMonthlyPlans } from './compliance.plans.ts';
import { proposeMonthlyPlan } from './compliance.proposal.ts';
import { sampleSize } from './compliance.sample-size.ts';

/** The compliance board, the monthly targeted-plan proposal and its comparison (4.3, 4.5). */
export const complianceRoutes = createRouter();

const TAGS = ['Compliance'];

/** Today's local date in the center and the clock reading, for the board's live numbers. */
function clock(c: Context<AppEnv>): { today: string; timezone: string; now: Date } {
  const now = new Date();
  const timezone = c.get('deps').env.timezone;
  return { today: localDateOf(now, timezone), timezone, now };
}

complianceRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compliance',
    tags: TAGS,
    summary: 'Compliance board of a month: per CSR checks vs quota, days below the daily quota, status',
    description:
      'Quotas come from the active sampling plan. A team leader sees their teams, a CSR themselves; the ' +
      'per-inspector workload is only for those who see the whole center. Status: on_track / at_risk / ' +
      'missed from the projection checks + pending + pace × remaining shift days (today included), pace = ' +
      '(checks + pending) per shift day before today; at risk = short but still reachable at the daily quota ' +
      '(after the month: by the pending assignments).',
    'x-policy': 'compliance.read',
    request: { query: ZBoardQuery },
    responses: { 200: jsonResponse(ZBoard, 'The board.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await getComplianceBoard(c.get('deps').db, requireActor(c), {
        month: c.req.valid('query').month,
        ...clock(c),
      }),
      200,
    ),
);

complianceRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compliance/agents/{id}',
    tags: TAGS,
    summary: "One CSR's month day by day: on shift (roster or activity), checks against the daily quota",
    'x-policy': 'compliance.read',
    request: { params: ZIdParam, query: ZBoardQuery },
    responses: { 200: jsonResponse(ZAgentCompliance, 'The CSR and their days.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await getAgentCompliance(c.get('deps').db, requireActor(c), c.req.valid('param').id, {
        month: c.req.valid('query').month,
        ...clock(c),
      }),
      200,
    ),
);

complianceRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compliance/sample-size',
    tags: TAGS,
    summary: 'How many checks give ±margin points at 95% for a CSR with a given score spread',
    description:
      "Without `sd`, the center's observed spread (pooled within-CSR standard deviation) of `month` is used, " +
      'by default the month before the current one.',
    'x-policy': 'compliance.read',
    request: { query: ZSampleSizeQuery },
    responses: { 200: jsonResponse(ZSampleSize, 'The sample size.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await sampleSize(c.get('deps').db, requireActor(c), {
        margin: q.margin,
        sd: q.sd,
        month: q.month,
        today: clock(c).today,
      }),
      200,
    );
  },
);

complianceRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compliance/proposals',
    tags: TAGS,
    summary: 'The sampling plans made for a month, with the reasons of each proposal',
    'x-policy': 'compliance.plans',
    request: { query: ZPlansQuery },
    responses: { 200: jsonResponse(ZMonthlyPlans, 'Plans of the month, newest first.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const { month } = c.req.valid('query');
    return c.json({ month, items: await listMonthlyPlans(c.get('deps').db, requireActor(c), month) }, 200);
  },
);

complianceRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/compliance/proposals',
    tags: TAGS,
    summary: "Propose a month's targeted sampling plan from last month's results (clause 4.3)",
    description:
      'Weak CSRs of the month before (average below the pass mark of their scorecards, pass rate below ' +
      '`min_pass_rate`, or a share of checks with a fatal error above `max_fatal_rate`) get a higher daily quota; the queues where the most-failed items ' +
      'failed most, and other weak queues, become targeted rules; new hires get extra checks. Saved as a ' +
      'plan with status `proposed`; activate it with POST /api/v1/sampling/plans/{id}/activate. 409 when the ' +
      'month already has an open proposal, unless `replace` is true.',
    'x-policy': 'compliance.propose',
    request: { body: jsonBody(ZProposeRequest) },
    responses: { 201: jsonResponse(ZMonthlyPlan, 'The proposed plan.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await proposeMonthlyPlan(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')),
      201,
    ),
);

complianceRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compliance/comparison',
    tags: TAGS,
    summary: "Last month vs this month for the CSRs, items and queues the month's targeted plan singled out",
    'x-policy': 'compliance.plans',
    request: { query: z.object({ month: ZBoardQuery.shape.month }) },
    responses: { 200: jsonResponse(ZComparison, 'The comparison.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await getComparison(c.get('deps').db, requireActor(c), c.req.valid('query').month), 200),
);
