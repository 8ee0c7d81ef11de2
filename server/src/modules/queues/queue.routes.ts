import { createRoute } from '@hono/zod-openapi';
import { ZIdParam, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZCreateQueueRequest,
  ZListQueuesQuery,
  ZQueue,
  ZUpdateQueueRequest,
} from '../../../../shared/schemas/queue.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { createQueue, getQueue, listQueues, updateQueue } from './queue.service.ts';

export const queueRoutes = createRouter();

queueRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/queues',
    tags: ['Queues'],
    summary: 'List queues (skills, business lines)',
    'x-policy': 'queues.list',
    request: { query: ZListQueuesQuery },
    responses: { 200: jsonResponse(listOf(ZQueue), 'A page of queues.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listQueues(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

queueRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/queues',
    tags: ['Queues'],
    summary: 'Create a queue',
    'x-policy': 'queues.create',
    request: { body: jsonBody(ZCreateQueueRequest) },
    responses: { 201: jsonResponse(ZQueue, 'The created queue.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(await createQueue(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('json')), 201),
);

queueRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/queues/{id}',
    tags: ['Queues'],
    summary: 'Read a queue',
    'x-policy': 'queues.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZQueue, 'The queue.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getQueue(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

queueRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/queues/{id}',
    tags: ['Queues'],
    summary: 'Rename, describe or deactivate a queue',
    'x-policy': 'queues.update',
    request: { params: ZIdParam, body: jsonBody(ZUpdateQueueRequest) },
    responses: { 200: jsonResponse(ZQueue, 'The updated queue.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json(
      await updateQueue(
        c.get('deps').db,
        requireActor(c),
        auditContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
);
