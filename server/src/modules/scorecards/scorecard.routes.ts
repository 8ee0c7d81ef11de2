import { createRoute, z } from '@hono/zod-openapi';
import { ZIdParam, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZCreateFormRequest,
  ZCreateScoreCategoryRequest,
  ZForm,
  ZFormSummary,
  ZFormVersionSummary,
  ZListFormsQuery,
  ZScoreCategory,
  ZUpdateFormRequest,
  ZUpdateScoreCategoryRequest,
} from '../../../../shared/schemas/form.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { createCategory, listCategories, updateCategory } from './category.service.ts';
import {
  createForm,
  duplicateForm,
  getForm,
  listFormVersions,
  listForms,
  setFormStatus,
  updateForm,
} from './scorecard.service.ts';

export const scorecardRoutes = createRouter();
const TAGS = ['Scorecards'];

scorecardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/forms',
    tags: TAGS,
    summary: 'List scorecards (current versions)',
    description:
      'Sorted by name. `queue_id=X` answers the forms that apply to queue X: the ones linked to X and ' +
      'the ones with no queues, which apply to every queue (`queue_ids: []`, "all queues" in the builder).',
    'x-policy': 'forms.list',
    request: { query: ZListFormsQuery },
    responses: { 200: jsonResponse(listOf(ZFormSummary), 'A page of forms.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listForms(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/forms',
    tags: TAGS,
    summary: 'Create a scorecard',
    description:
      'Sections of items; each item has text, a category key, points (deducted on failure, > 0) and a fatal flag. ' +
      'A failed fatal item makes the score 0 (SPEC §3).',
    'x-policy': 'forms.create',
    request: { body: jsonBody(ZCreateFormRequest) },
    responses: { 201: jsonResponse(ZForm, 'The form with its ids.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await createForm(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')), 201),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/forms/{id}',
    tags: TAGS,
    summary: 'Read a scorecard (current version, or `?form_version=N`)',
    'x-policy': 'forms.read',
    request: {
      params: ZIdParam,
      query: z.object({ form_version: z.coerce.number().int().positive().optional() }),
    },
    responses: { 200: jsonResponse(ZForm, 'The form.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await getForm(
        c.get('deps').db,
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('query').form_version,
      ),
      200,
    ),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/forms/{id}',
    tags: TAGS,
    summary: 'Edit a scorecard (a new version once the current one has been used)',
    'x-policy': 'forms.update',
    request: { params: ZIdParam, body: jsonBody(ZUpdateFormRequest) },
    responses: { 200: jsonResponse(ZForm, 'The form as now current.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await updateForm(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/forms/{id}/versions',
    tags: TAGS,
    summary: 'The versions of a scorecard, newest first',
    'x-policy': 'forms.read',
    request: { params: ZIdParam },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ZFormVersionSummary) }), 'Versions.'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) =>
    c.json(
      { items: await listFormVersions(c.get('deps').db, requireActor(c), c.req.valid('param').id) },
      200,
    ),
);

const ZStatusRequest = z.object({ version: z.number().int() });

for (const [path, status, summary] of [
  ['/forms/{id}/archive', 'archived', 'Archive a scorecard (no new evaluations; history stays)'],
  ['/forms/{id}/restore', 'active', 'Bring an archived scorecard back'],
] as const) {
  scorecardRoutes.openapi(
    createRoute({
      method: 'post',
      path,
      tags: TAGS,
      summary,
      'x-policy': 'forms.archive',
      request: { params: ZIdParam, body: jsonBody(ZStatusRequest) },
      responses: { 200: jsonResponse(ZForm, 'The form.'), ...ERROR_RESPONSES },
    }),
    async (c) =>
      c.json(
        await setFormStatus(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('param').id, {
          version: c.req.valid('json').version,
          status,
        }),
        200,
      ),
  );
}

scorecardRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/forms/{id}/duplicate',
    tags: TAGS,
    summary: 'Copy a scorecard into a new one',
    'x-policy': 'forms.create',
    request: { params: ZIdParam },
    responses: { 201: jsonResponse(ZForm, 'The copy.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await duplicateForm(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('param').id),
      201,
    ),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/score-categories',
    tags: TAGS,
    summary: 'Item categories (clause 4.7)',
    'x-policy': 'categories.list',
    responses: { 200: jsonResponse(listOf(ZScoreCategory), 'All categories.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listCategories(c.get('deps').db, requireActor(c)), 200),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/score-categories',
    tags: TAGS,
    summary: 'Add an item category',
    'x-policy': 'categories.create',
    request: { body: jsonBody(ZCreateScoreCategoryRequest) },
    responses: { 201: jsonResponse(ZScoreCategory, 'The category.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await createCategory(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')),
      201,
    ),
);

scorecardRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/score-categories/{id}',
    tags: TAGS,
    summary: 'Rename, reorder or deactivate an item category',
    'x-policy': 'categories.update',
    request: { params: ZIdParam, body: jsonBody(ZUpdateScoreCategoryRequest) },
    responses: { 200: jsonResponse(ZScoreCategory, 'The category.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await updateCategory(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);
