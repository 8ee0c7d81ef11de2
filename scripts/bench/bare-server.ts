/**
 * The reference for `npm run bench:api`: a bare Hono handler on @hono/node-server, nothing else.
 * Listens on 127.0.0.1:$PORT (0 = any free port) and prints `listening <port>`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.json({ ok: true, name: 'bare', roles: ['admin'] }));

const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' },
  (info) => {
    process.stdout.write(`listening ${info.port}\n`);
  },
);

const stop = () => {
  server.close(() => process.exit(0));
  if ('closeIdleConnections' in server) server.closeIdleConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
