import { OpenAPIHono } from '@hono/zod-openapi';
import { LIMITS } from '../../shared/limits.ts';
import type { AppEnv, Deps } from './http/app-env.ts';
import { mountDocs } from './http/docs.ts';
import { MemoRouter } from './http/memo-router.ts';
import { handleError } from './http/on-error.ts';
import { requestPipeline } from './http/pipeline.ts';
import { usePlainIssueMessages } from './http/zod-messages.ts';
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
  '/api/v1/shifts/import': LIMITS.rosterImportBytes,
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
  // Validation messages in plain words where a schema has none of its own.
  usePlainIssueMessages();
  // Remembers recent matches: Hono falls back to its tree router for our routes (see MemoRouter).
  const app = new OpenAPIHono<AppEnv>({ router: new MemoRouter() });
  app.onError(handleError);

  // deps, nosniff, the body limit under /api and authentication under /api/v1, as one step.
  app.use(
    '*',
    requestPipeline(deps, { uploadLimit, jsonBodyBytes: LIMITS.jsonBodyBytes, onError: handleError }),
  );

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
