import { createRoute } from '@hono/zod-openapi';
import { ZIdParam, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZCreateUserRequest,
  ZListUsersQuery,
  ZUpdateUserRequest,
  ZUser,
  ZUserImportResult,
} from '../../../../shared/schemas/user.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { AppError } from '../../errors.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { readUploadText } from '../../http/upload.ts';
import { authorize } from '../../policies/engine.ts';
import { importUsers } from './user.import.ts';
import { createUser, getUser, listUsers, updateUser } from './user.service.ts';

export const userRoutes = createRouter();

userRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/users',
    tags: ['People'],
    summary: 'List users the caller may see',
    'x-policy': 'users.list',
    request: { query: ZListUsersQuery },
    responses: { 200: jsonResponse(listOf(ZUser), 'A page of users.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const page = await listUsers(c.get('deps').db, requireActor(c), c.req.valid('query'));
    return c.json(page, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/users',
    tags: ['People'],
    summary: 'Create a user',
    'x-policy': 'users.create',
    request: { body: jsonBody(ZCreateUserRequest) },
    responses: { 201: jsonResponse(ZUser, 'The created user.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const user = await createUser(c.get('deps').db, {
      actor: requireActor(c),
      ctx: auditContext(c),
      input: c.req.valid('json'),
    });
    return c.json(user, 201);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/users/{id}',
    tags: ['People'],
    summary: 'Read a user',
    'x-policy': 'users.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZUser, 'The user.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getUser(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

userRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/users/{id}',
    tags: ['People'],
    summary: 'Edit, deactivate or reactivate a user (optimistic locking by `version`)',
    'x-policy': 'users.update',
    request: { params: ZIdParam, body: jsonBody(ZUpdateUserRequest) },
    responses: { 200: jsonResponse(ZUser, 'The updated user.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const user = await updateUser(c.get('deps').db, {
      actor: requireActor(c),
      ctx: auditContext(c),
      id: c.req.valid('param').id,
      input: c.req.valid('json'),
    });
    return c.json(user, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/users/import',
    tags: ['People'],
    summary: 'Bulk-create users from CSV',
    description:
      'Body `text/csv`, or multipart with a `file` field. Columns: username, display_name, password, roles ' +
      '(several separated by `|`), team (name), hire_date (YYYY-MM-DD), queues (codes separated by `|`). ' +
      'Good rows are created; bad rows are listed with their line number (header = 1) and the reason.',
    'x-policy': 'users.import',
    request: {
      // Plain schemas, not zod: zod-openapi would validate a required multipart schema against
      // every request, text/csv included. `readUploadText` reads and checks either form.
      body: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    responses: { 200: jsonResponse(ZUserImportResult, 'Counts and rejected rows.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    // The role is checked before the body is read: a refused caller's upload is never taken in.
    authorize(requireActor(c), 'users.import');
    const { text, encoding } = await readUploadText(c, LIMITS.userImportBytes);
    if (!text.trim())
      throw new AppError('validation_failed', 'The file is empty.', [{ path: ['file'], message: 'empty' }]);
    const result = await importUsers(c.get('deps').db, requireActor(c), auditContext(c), text);
    return c.json({ ...result, encoding }, 200);
  },
);
