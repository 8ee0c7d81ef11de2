import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './app-env.ts';

/** The built web app: web/dist, or ZHIJIAN_WEB_DIST (a developer's private build, see ensure-web-build). */
export const WEB_DIST = process.env.ZHIJIAN_WEB_DIST
  ? path.resolve(process.env.ZHIJIAN_WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Serves the built SPA; any non-API path without a file gets index.html (client-side routing). */
export function mountWeb(app: Hono<AppEnv>): void {
  const indexFile = path.join(WEB_DIST, 'index.html');
  const root = path.relative(process.cwd(), WEB_DIST) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    if (!fs.existsSync(indexFile)) {
      return c.text('The web app is not built. Run `npm run build` (npm start does it for you).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  });
}
