import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { LIMITS } from '../../shared/limits.ts';
import { AppError } from './errors.ts';
import type { AppEnv, Deps } from './http/app-env.ts';
import { authenticate } from './http/authenticate.ts';
import { clientIp } from './http/client-ip.ts';
import { mountDocs } from './http/docs.ts';
import { handleError } from './http/on-error.ts';
import { mountWeb } from './http/web.ts';
import './policies/index.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { sessionRoutes } from './modules/auth/session.routes.ts';
import { queueRoutes } from './modules/queues/queue.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { teamRoutes } from './modules/teams/team.routes.ts';
import { tokenRoutes } from './modules/tokens/token.routes.ts';
import { userRoutes } from './modules/users/user.routes.ts';
import {
  IMPORT_MAX_BYTES,
  RECORDING_MAX_BYTES,
  interactionRoutes,
} from './modules/interactions/interaction.routes.ts';
import { scorecardRoutes } from './modules/scorecards/scorecard.routes.ts';
import { evaluationRoutes } from './modules/evaluations/evaluation.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { samplingRoutes } from './modules/sampling/sampling.routes.ts';
import { assignmentRoutes } from './modules/assignments/assignment.routes.ts';
import { complianceRoutes } from './modules/compliance/compliance.routes.ts';
import { reportRoutes } from './modules/reports/report.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';

/** Upload routes read their own (larger) limit; every other body stops at LIMITS.jsonBodyBytes. */
const UPLOAD_LIMITS: Record<string, number> = {
  '/api/v1/users/import': LIMITS.userImportBytes,
  '/api/v1/interactions/import': IMPORT_MAX_BYTES,
};

/** Upload routes with an id in the path. */
function uploadLimit(path: string): number | undefined {
  if (/^\/api\/v1\/interactions\/\d+\/recording$/.test(path)) return RECORDING_MAX_BYTES;
  return UPLOAD_LIMITS[path];
}

export const API_VERSION = '1.0.0';

/** Builds the whole HTTP app: API under /api/v1, its document and docs, and the web app. */
export function buildApp(deps: Deps, options: { serveWeb?: boolean } = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(handleError);

  app.use(
    '*',
    createMiddleware<AppEnv>(async (c, next) => {
      c.set('deps', deps);
      c.set('requestId', randomUUID());
      c.set('ip', clientIp(c, deps.env.trustProxy));
      c.set('actor', null);
      c.set('authVia', null);
      await next();
      // On the finished response's own headers: c.header() here would copy the whole response
      // (and take @hono/node-server off its fast path). Some responses' headers are immutable.
      try {
        c.res.headers.set('X-Content-Type-Options', 'nosniff');
      } catch {
        c.header('X-Content-Type-Options', 'nosniff');
      }
    }),
  );

  app.use(
    '/api/*',
    createMiddleware<AppEnv>(async (c, next) => {
      // No body (every GET): skip the check. Asking for the body would make @hono/node-server
      // build a whole WHATWG Request, the dearest part of a small request.
      if (c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined) {
        return next();
      }
      const limit = uploadLimit(c.req.path) ?? LIMITS.jsonBodyBytes;
      return bodyLimit({
        maxSize: limit,
        onError: () => {
          throw new AppError(
            'payload_too_large',
            `The request body is larger than ${Math.round(limit / 1024)} KB.`,
          );
        },
      })(c, next);
    }),
  );
  app.use('/api/v1/*', authenticate);

  const api = new OpenAPIHono<AppEnv>();
  for (const routes of [
    systemRoutes,
    sessionRoutes,
    userRoutes,
    teamRoutes,
    queueRoutes,
    tokenRoutes,
    auditRoutes,
    interactionRoutes,
    scorecardRoutes,
    evaluationRoutes,
    settingsRoutes,
    samplingRoutes,
    assignmentRoutes,
    complianceRoutes,
    reportRoutes,
    homeRoutes,
  ]) {
    api.route('/', routes);
  }
  app.route('/api/v1', api);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'zhijian_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Zhijian API',
      version: API_VERSION,
      description:
        'Quality monitoring for customer-service centers. Errors are `{ "error": { "code", "message", "details"? } }`. ' +
        'Lists answer `{ items, total, next_cursor }` and take `limit` (1–1000) and `cursor`. ' +
        '`x-policy` on each operation names the authorization rule that guards it.',
    },
    security: [{ session: [] }, { token: [] }],
  });
  mountDocs(app);

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404),
  );
  if (options.serveWeb !== false) mountWeb(app);
  return app;
}
