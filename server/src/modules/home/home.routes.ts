import { createRoute } from '@hono/zod-openapi';
import { ZFailedItems, ZFailedItemsQuery } from '../../../../shared/schemas/home.ts';
import { requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { getFailedItems } from './home.service.ts';

/** Read-only figures for the home pages that no other API serves. */
export const homeRoutes = createRouter();

homeRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/home/failed-items',
    tags: ['Home'],
    summary:
      'The scorecard items failed most in a span of days, with the span before and the latest comments',
    description:
      'Center-wide counts (no CSR is named): submitted evaluations by their local date, the current revision, ' +
      'N/A left out, items followed across scorecard versions by key. `category` narrows to one score category ' +
      '(the knowledge-base editor asks for `knowledge`). `previous` covers the span of equal length just before.',
    'x-policy': 'home.failed_items',
    request: { query: ZFailedItemsQuery },
    responses: { 200: jsonResponse(ZFailedItems, 'The items, most failures first.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getFailedItems(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);
