import { createRoute, z } from '@hono/zod-openapi';
import { ping } from '../../db/client.ts';
import { jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';

export const systemRoutes = createRouter();

systemRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['System'],
    summary: 'Liveness and database reachability (for load balancers)',
    'x-policy': 'public',
    security: [],
    responses: {
      200: jsonResponse(z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) }), 'Up.'),
    },
  }),
  async (c) => {
    const { db, dbKind } = c.get('deps');
    await ping(db);
    return c.json({ ok: true as const, database: dbKind }, 200);
  },
);
