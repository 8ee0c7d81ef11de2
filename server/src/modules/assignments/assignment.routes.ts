import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZIdParam, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZAssignment,
  ZAssignmentSummary,
  ZAssignmentSummaryQuery,
  ZBulkReassignRequest,
  ZBulkReleaseRequest,
  ZBulkResult,
  ZInspectorLoad,
  ZListAssignmentsQuery,
  ZReassignAssignmentRequest,
  ZReleaseAssignmentRequest,
  ZSkipAssignmentRequest,
} from '../../../../shared/schemas/assignments.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import {
  bulkReassign,
  bulkRelease,
  reassignAssignment,
  releaseAssignment,
  skipAssignment,
} from './assignment.commands.ts';
import { assignmentSummary, getAssignment, inspectorLoads, listAssignments } from './assignment.service.ts';

/** The inspectors' work queue: assignments from the sampling run. */
export const assignmentRoutes = createRouter();
const TAGS = ['Assignments'];

const depsOf = (c: Context<AppEnv>) => ({ db: c.get('deps').db, timezone: c.get('deps').env.timezone });

assignmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/assignments',
    tags: TAGS,
    summary: "The caller's work queue (an inspector), or everyone's (QA lead, admin)",
    description:
      "Dates are local dates in the center's time zone; `overdue` = still pending or unassigned and due before today. " +
      'Sorted by `due_date` (default, ascending), `date`, `started_at` or `id`; keyset-paginated.',
    'x-policy': 'assignments.list',
    request: { query: ZListAssignmentsQuery },
    responses: { 200: jsonResponse(listOf(ZAssignment), 'A page of assignments.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listAssignments(depsOf(c), requireActor(c), c.req.valid('query')), 200),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/assignments/summary',
    tags: TAGS,
    summary: 'Counts of the queue: pending, due today, overdue, done today, unassigned',
    'x-policy': 'assignments.list',
    request: { query: ZAssignmentSummaryQuery },
    responses: { 200: jsonResponse(ZAssignmentSummary, 'The counts.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await assignmentSummary(depsOf(c), requireActor(c), c.req.valid('query')), 200),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/assignments/inspectors',
    tags: TAGS,
    summary: 'Active inspectors with their open work (QA lead placing or moving assignments)',
    'x-policy': 'assignments.manage',
    responses: {
      200: jsonResponse(listOf(ZInspectorLoad), 'Every active inspector, in one page.'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => c.json(await inspectorLoads(depsOf(c), requireActor(c)), 200),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/assignments/reassign',
    tags: TAGS,
    summary: 'Reassign several assignments to one inspector, or spread them over several',
    description:
      'All or none: a missing row answers 404, a done or skipped one 409 `conflict`, a changed one 409 `stale_write`. ' +
      'With several `assignee_ids`, rows go in due-date order to the inspector with the fewest pending.',
    'x-policy': 'assignments.manage',
    request: { body: jsonBody(ZBulkReassignRequest) },
    responses: { 200: jsonResponse(ZBulkResult, 'The rows after the change.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await bulkReassign(depsOf(c), requireActor(c), auditContext(c), c.req.valid('json')), 200),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/assignments/release',
    tags: TAGS,
    summary: 'Release several pending assignments (they become unassigned)',
    'x-policy': 'assignments.manage',
    request: { body: jsonBody(ZBulkReleaseRequest) },
    responses: { 200: jsonResponse(ZBulkResult, 'The rows after the change.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await bulkRelease(depsOf(c), requireActor(c), auditContext(c), c.req.valid('json')), 200),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/assignments/{id}',
    tags: TAGS,
    summary: 'One assignment (an inspector only their own: others answer 404)',
    'x-policy': 'assignments.list',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZAssignment, 'The assignment.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getAssignment(depsOf(c), requireActor(c), c.req.valid('param').id), 200),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/assignments/{id}/skip',
    tags: TAGS,
    summary: 'Skip an assignment with a reason (the assignee, or the QA lead)',
    description:
      'Only while pending (or unassigned, for the QA lead). The daily run’s top-up then picks another contact of that CSR.',
    'x-policy': 'assignments.skip',
    request: { params: ZIdParam, body: jsonBody(ZSkipAssignmentRequest) },
    responses: { 200: jsonResponse(ZAssignment, 'The skipped assignment.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await skipAssignment(
        depsOf(c),
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/assignments/{id}/reassign',
    tags: TAGS,
    summary: 'Give an assignment to another active inspector (QA lead, admin)',
    'x-policy': 'assignments.manage',
    request: { params: ZIdParam, body: jsonBody(ZReassignAssignmentRequest) },
    responses: { 200: jsonResponse(ZAssignment, 'The assignment.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await reassignAssignment(
        depsOf(c),
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);

assignmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/assignments/{id}/release',
    tags: TAGS,
    summary: 'Take a pending assignment back: unassigned, waiting to be placed (QA lead, admin)',
    'x-policy': 'assignments.manage',
    request: { params: ZIdParam, body: jsonBody(ZReleaseAssignmentRequest) },
    responses: { 200: jsonResponse(ZAssignment, 'The assignment.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await releaseAssignment(
        depsOf(c),
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);
