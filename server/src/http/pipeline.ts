import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.ts';
import type { AppEnv, Deps } from './app-env.ts';
import { authenticate } from './authenticate.ts';
import { clientIp } from './client-ip.ts';

/** True for `prefix` itself and everything below it: what Hono's `prefix/*` matches. */
export function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/');
}

/** The Node response being answered, when served by @hono/node-server (not in `app.request`). */
function nodeResponse(c: Context<AppEnv>): ServerResponse | null {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('outgoing' in env)) return null;
  const outgoing = env.outgoing as Partial<ServerResponse> | null | undefined;
  return outgoing && typeof outgoing.setHeader === 'function' && !outgoing.headersSent
    ? (outgoing as ServerResponse)
    : null;
}

function nosniffAfter(c: Context<AppEnv>): void {
  // On the finished response's own headers: c.header() here would copy the whole response.
  // Some responses' headers are immutable.
  try {
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    c.header('X-Content-Type-Options', 'nosniff');
  }
}

export type PipelineOptions = {
  /**
   * The body limit of an upload route (bytes), or undefined for the JSON limit. An upload route
   * reads its body as a stream and counts it itself (`saveUpload`, `readUploadText` answer 413 at
   * the limit): the pipeline only refuses a declared Content-Length over the limit, and never
   * reads the body.
   */
  uploadLimit: (path: string) => number | undefined;
  /** Every other request body stops here (bytes). */
  jsonBodyBytes: number;
  /** The app's error handler (used only where `nosniff` must go on a finished response). */
  onError: (err: Error, c: Context<AppEnv>) => Response;
};

function tooLarge(limit: number): AppError {
  const size =
    limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return new AppError('payload_too_large', `The request body is larger than ${size}.`, { max_bytes: limit });
}

/**
 * Everything every request goes through before its route, as one middleware (each extra Hono
 * middleware is another async step per request):
 * - `deps`, the caller's address, no actor yet;
 * - `X-Content-Type-Options: nosniff` on every answer;
 * - under /api/v1: `authenticate` (the caller, same-origin checks, 401), before any body is read;
 * - under /api: the body limit, checked only when the request has a body (asking for the body
 *   would make @hono/node-server build a whole WHATWG Request, the dearest part of a small request).
 *   A JSON body without a Content-Length is read into memory up to the JSON limit (hono's
 *   `bodyLimit`); an upload route's body is left to the route, which streams and counts it:
 *   buffering it here would hold up to the upload limit (2 GB for an import) in memory.
 */
export function requestPipeline(deps: Deps, options: PipelineOptions): MiddlewareHandler<AppEnv> {
  const jsonLimited: MiddlewareHandler<AppEnv> = bodyLimit({
    maxSize: options.jsonBodyBytes,
    onError: () => {
      throw tooLarge(options.jsonBodyBytes);
    },
  });

  /** A request with a body, once authenticated: the JSON limit, or the upload route's declared length. */
  const checkBody = (c: Context<AppEnv, string>, next: Next, path: string): Promise<Response | void> => {
    const upload = options.uploadLimit(path);
    const length = c.req.header('content-length');
    const declared = length !== undefined && c.req.header('transfer-encoding') === undefined;
    if (upload === undefined) {
      // A declared length is all there is to check (Node's parser never reads past it), and
      // checking the header leaves the body to @hono/node-server's direct read; hono's
      // `bodyLimit` asks for `body`, which builds a WHATWG Request and a web stream over the
      // socket first (about a tenth of the server's CPU for an evaluation's 2 KB of JSON).
      if (!declared) return jsonLimited(c, next);
      return Number(length) > options.jsonBodyBytes
        ? Promise.reject(tooLarge(options.jsonBodyBytes))
        : next();
    }
    if (declared && Number(length) > upload) return Promise.reject(tooLarge(upload));
    return next();
  };

  const api = (c: Context<AppEnv, string>, next: Next, path: string): Promise<Response | void> => {
    const hasBody =
      c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined;
    const route: Next = hasBody
      ? async () => {
          await checkBody(c, next, path);
        }
      : next;
    return isUnder(path, '/api/v1') ? authenticate(c, route) : route();
  };

  return (c, next) => {
    c.set('deps', deps);
    c.set('ip', clientIp(c, deps.env.trustProxy));
    c.set('actor', null);
    c.set('authVia', null);
    const path = c.req.path;
    const rest = isUnder(path, '/api') ? () => api(c, next, path) : next;
    const outgoing = nodeResponse(c);
    if (outgoing) {
      // Merged by Node into whatever head the answer is written with (errors and files too),
      // and it keeps @hono/node-server on its fast path: the response object is never touched.
      outgoing.setHeader('X-Content-Type-Options', 'nosniff');
      return rest();
    }
    // Not on Node (`app.request` in tests): the header goes on the finished response, error
    // answers included, as when the steps below were separate middlewares.
    return rest().then(
      () => nosniffAfter(c),
      (err: unknown) => {
        if (!(err instanceof Error)) throw err;
        c.error = err;
        c.res = options.onError(err, c);
        nosniffAfter(c);
      },
    );
  };
}
