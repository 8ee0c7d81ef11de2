import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZIdParam, ZOk, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZAccuracyRow,
  ZCreateDisputeRequest,
  ZCreateEvaluationRequest,
  ZCreateTestCallScenarioRequest,
  ZDiscardEvaluationQuery,
  ZDuplicateTestCallScenarioRequest,
  ZDispute,
  ZDisputeDecisionRequest,
  ZEvaluation,
  ZEvaluationDetail,
  ZListDisputesQuery,
  ZListEvaluationsQuery,
  ZNotification,
  ZSignRequest,
  ZTestCallScenario,
  ZUpdateEvaluationRequest,
  ZUpdateTestCallScenarioRequest,
} from '../../../../shared/schemas/evaluation.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { authorize } from '../../policies/engine.ts';
import { listNotifications, markRead } from '../notifications/notification.service.ts';
import { inspectorAccuracy } from './accuracy.service.ts';
import { acknowledgeEvaluation, countersignEvaluation, myEvaluationCounts } from './confirmation.service.ts';
import { confirmationPdf, confirmationXlsx } from './confirmation-form.ts';
import { decideDispute, getDispute, listDisputes, raiseDispute } from './dispute.service.ts';
import {
  createEvaluation,
  discardEvaluation,
  getEvaluation,
  listEvaluations,
  updateEvaluation,
} from './evaluation.service.ts';
import {
  createScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  updateScenario,
} from './test-call.service.ts';

export const evaluationRoutes = createRouter();
const TAGS = ['Evaluations'];

const depsOf = (c: Context<AppEnv>) => ({ db: c.get('deps').db, timezone: c.get('deps').env.timezone });

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/evaluations',
    tags: TAGS,
    summary: 'Score a contact (draft, or submitted to the CSR)',
    description:
      'Answers must name each item of the current form version exactly once when submitting (a draft may leave items out). ' +
      'The server computes `score`, `fatal` and `passed` (SPEC §3). method: test_call (拨测), side_by_side (旁听), ' +
      'on_site (现场质检), recording_review (录音监控).',
    'x-policy': 'evaluations.create',
    request: { body: jsonBody(ZCreateEvaluationRequest) },
    responses: { 201: jsonResponse(ZEvaluationDetail, 'The evaluation.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await createEvaluation(depsOf(c), requireActor(c), auditContext(c), c.req.valid('json')), 201),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/evaluations',
    tags: TAGS,
    summary: 'List evaluations the caller may see',
    'x-policy': 'evaluations.list',
    request: { query: ZListEvaluationsQuery },
    responses: { 200: jsonResponse(listOf(ZEvaluation), 'A page of evaluations.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listEvaluations(depsOf(c), requireActor(c), c.req.valid('query')), 200),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/evaluations/{id}',
    tags: TAGS,
    summary: 'One evaluation with answers, revisions, disputes and history',
    'x-policy': 'evaluations.list',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZEvaluationDetail, 'The evaluation.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'evaluations.list');
    return c.json(await getEvaluation(depsOf(c), actor, c.req.valid('param').id), 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/evaluations/{id}',
    tags: TAGS,
    summary: 'Save a draft (autosave) and optionally submit it',
    'x-policy': 'evaluations.write',
    request: { params: ZIdParam, body: jsonBody(ZUpdateEvaluationRequest) },
    responses: { 200: jsonResponse(ZEvaluationDetail, 'The evaluation.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'evaluations.write');
    return c.json(
      await updateEvaluation(depsOf(c), actor, auditContext(c), c.req.valid('param').id, c.req.valid('json')),
      200,
    );
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/evaluations/{id}',
    tags: TAGS,
    summary: 'Discard a draft (its own inspector only)',
    description:
      'Deletes the draft with its answers and pinned comments; audited (evaluation.discard). Only the inspector who wrote it ' +
      '(403 otherwise), only while a draft (409 conflict otherwise), with the `version` read (409 stale_write if it changed).',
    'x-policy': 'evaluations.write',
    request: { params: ZIdParam, query: ZDiscardEvaluationQuery },
    responses: { 200: jsonResponse(ZOk, 'Discarded.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'evaluations.write');
    await discardEvaluation(
      depsOf(c),
      actor,
      auditContext(c),
      c.req.valid('param').id,
      c.req.valid('query').version,
    );
    return c.json({ ok: true as const }, 200);
  },
);

for (const [action, summary, policy] of [
  ['acknowledge', 'The CSR confirms the evaluation with an e-signature (5.5)', 'evaluations.confirm'],
  ['countersign', "The CSR's team leader countersigns (5.5)", 'evaluations.cosign'],
] as const) {
  evaluationRoutes.openapi(
    createRoute({
      method: 'post',
      path: `/evaluations/{id}/${action}`,
      tags: TAGS,
      summary,
      'x-policy': policy,
      request: { params: ZIdParam, body: jsonBody(ZSignRequest) },
      responses: { 200: jsonResponse(ZEvaluationDetail, 'The evaluation.'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const actor = requireActor(c);
      authorize(actor, policy);
      const options = {
        actor,
        ctx: auditContext(c),
        id: c.req.valid('param').id,
        signature: body.signature,
        version: body.version,
        userAgent: c.req.header('user-agent') ?? null,
      };
      const db = c.get('deps').db;
      return c.json(
        action === 'acknowledge'
          ? await acknowledgeEvaluation(db, options)
          : await countersignEvaluation(db, options),
        200,
      );
    },
  );
}

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/evaluations/{id}/disputes',
    tags: TAGS,
    summary: 'The CSR disputes the evaluation within the confirmation window (B10)',
    'x-policy': 'evaluations.confirm',
    request: { params: ZIdParam, body: jsonBody(ZCreateDisputeRequest) },
    responses: { 201: jsonResponse(ZDispute, 'The dispute.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'evaluations.confirm');
    return c.json(
      await raiseDispute(
        c.get('deps').db,
        actor,
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      201,
    );
  },
);

const ZLang = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

for (const [ext, type] of [
  ['pdf', 'application/pdf'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
] as const) {
  evaluationRoutes.openapi(
    createRoute({
      method: 'get',
      path: `/evaluations/{id}/confirmation.${ext}`,
      tags: TAGS,
      summary: `The Service Quality Assessment Confirmation Form (服务质量考核确认单) as ${ext.toUpperCase()}`,
      'x-policy': 'evaluations.list',
      request: { params: ZIdParam, query: ZLang },
      responses: {
        200: { description: 'The document.', content: { [type]: { schema: z.string() } } },
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const { db, env } = c.get('deps');
      const id = c.req.valid('param').id;
      const lang = c.req.valid('query').lang;
      const make = ext === 'pdf' ? confirmationPdf : confirmationXlsx;
      const actor = requireActor(c);
      authorize(actor, 'evaluations.list');
      const buffer = await make(db, actor, id, lang, env.timezone);
      return c.body(new Uint8Array(buffer), 200, {
        'content-type': type,
        'content-disposition': `attachment; filename="confirmation-${id}.${ext}"`,
      });
    },
  );
}

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/disputes',
    tags: TAGS,
    summary: 'Disputes the caller may see (open ones first to decide)',
    description:
      "Newest first. `evaluator_id`, `month` and `outcome` list the disputes behind an inspector-accuracy figure (B15–B16): the same evaluations and outcomes the report counts, within the caller's scope.",
    'x-policy': 'disputes.list',
    request: { query: ZListDisputesQuery },
    responses: { 200: jsonResponse(listOf(ZDispute), 'Disputes.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listDisputes(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/disputes/{id}',
    tags: TAGS,
    summary: 'One dispute',
    'x-policy': 'disputes.list',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZDispute, 'The dispute.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getDispute(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disputes/{id}/decision',
    tags: TAGS,
    summary:
      'Team leader: uphold or forward (B12–B13). QA lead: uphold or correct, and assess the inspector (B14–B16)',
    'x-policy': 'disputes.decide',
    request: { params: ZIdParam, body: jsonBody(ZDisputeDecisionRequest) },
    responses: { 200: jsonResponse(ZDispute, 'The dispute after the decision.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await decideDispute(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/notifications',
    tags: ['Inbox'],
    summary: "The caller's inbox, newest first, with the unread count and evaluations to confirm",
    'x-policy': 'notifications.read',
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        unread: z.enum(['true', 'false']).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        listOf(ZNotification).extend({
          unread: z.number().int(),
          to_confirm: z.number().int(),
          overdue: z.number().int(),
        }),
        'Messages.',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const q = c.req.valid('query');
    const db = c.get('deps').db;
    const list = await listNotifications(db, actor, { limit: q.limit, unread: q.unread === 'true' });
    return c.json({ ...list, ...(await myEvaluationCounts(db, actor)) }, 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/notifications/{id}/read',
    tags: ['Inbox'],
    summary: 'Mark one message read',
    'x-policy': 'notifications.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZOk, 'Done.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    await markRead(c.get('deps').db, requireActor(c), c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/notifications/read-all',
    tags: ['Inbox'],
    summary: 'Mark every message read',
    'x-policy': 'notifications.read',
    responses: { 200: jsonResponse(ZOk, 'Done.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    await markRead(c.get('deps').db, requireActor(c), null);
    return c.json({ ok: true as const }, 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/inspector-accuracy',
    tags: ['Reports'],
    summary:
      'Per inspector and month: evaluations, disputed, overturned, inspector errors, error rate (B15–B16)',
    'x-policy': 'accuracy.read',
    request: { query: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM') }) },
    responses: {
      200: jsonResponse(z.object({ month: z.string(), items: z.array(ZAccuracyRow) }), 'Rows.'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const month = c.req.valid('query').month;
    return c.json({ month, items: await inspectorAccuracy(c.get('deps').db, requireActor(c), month) }, 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/test-call-scenarios',
    tags: TAGS,
    summary: 'Test-call (拨测) scenarios: what the caller asks and the expected answer',
    'x-policy': 'test_calls.list',
    responses: { 200: jsonResponse(listOf(ZTestCallScenario), 'Scenarios.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listScenarios(c.get('deps').db, requireActor(c)), 200),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/test-call-scenarios/{id}',
    tags: TAGS,
    summary: 'One test-call scenario',
    'x-policy': 'test_calls.list',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZTestCallScenario, 'The scenario.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getScenario(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/test-call-scenarios',
    tags: TAGS,
    summary: 'Add a test-call scenario',
    'x-policy': 'test_calls.manage',
    request: { body: jsonBody(ZCreateTestCallScenarioRequest) },
    responses: { 201: jsonResponse(ZTestCallScenario, 'The scenario.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await createScenario(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')),
      201,
    ),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/test-call-scenarios/{id}',
    tags: TAGS,
    summary: 'Edit or retire a test-call scenario',
    description:
      'Once a submitted evaluation was scored against the scenario only `active` may change: any other change is refused (409 conflict, details.reason scenario_in_use) and the scenario is duplicated instead.',
    'x-policy': 'test_calls.manage',
    request: { params: ZIdParam, body: jsonBody(ZUpdateTestCallScenarioRequest) },
    responses: { 200: jsonResponse(ZTestCallScenario, 'The scenario.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await updateScenario(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);

evaluationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/test-call-scenarios/{id}/duplicate',
    tags: TAGS,
    summary: 'Copy a test-call scenario (to change one that evaluations were scored against)',
    'x-policy': 'test_calls.manage',
    request: { params: ZIdParam, body: jsonBody(ZDuplicateTestCallScenarioRequest) },
    responses: { 201: jsonResponse(ZTestCallScenario, 'The new scenario.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await duplicateScenario(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      201,
    ),
);
