import type { ErrorCode } from '../../../shared/errors.ts';

export const API_BASE = '/api/v1';

/** One field problem from `details` of a validation error. */
export type FieldIssue = { path: (string | number)[]; message: string };

/** A failed API call, with the server's stable `code` to branch on. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error';
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'network_error', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field-level problems, whether the server sent a list or a single `{ path }` object. */
  get fieldIssues(): FieldIssue[] {
    const raw: unknown[] = Array.isArray(this.details) ? this.details : this.details ? [this.details] : [];
    return raw.filter(isFieldIssue).map((d) => ({ path: d.path, message: d.message ?? '' }));
  }

  /** Seconds to wait, from a 429 answer. */
  get retryAfterSeconds(): number | null {
    const d = this.details as { retry_after_seconds?: unknown } | null | undefined;
    return typeof d?.retry_after_seconds === 'number' ? d.retry_after_seconds : null;
  }
}

function isFieldIssue(value: unknown): value is { path: (string | number)[]; message?: string } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { path?: unknown }).path);
}

type Unauthenticated = () => void;
let onUnauthenticated: Unauthenticated = () => undefined;

/** The session layer registers what a 401 does (go to the sign-in page). */
export function setUnauthenticatedHandler(handler: Unauthenticated): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type RequestOptions = {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 on this call is expected (sign-in, session probe): don't redirect. */
  quietUnauthenticated?: boolean;
};

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy error page, say): keep the status only.
  }
  const err = (body as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
  return new ApiError(
    res.status,
    err?.code ?? (res.status >= 500 ? 'internal_error' : 'bad_request'),
    err?.message ?? res.statusText,
    err?.details,
  );
}

/** Turns a finished response into data or an ApiError; handles 401 for everyone. */
export async function readResponse<T>(res: Response, quietUnauthenticated = false): Promise<T> {
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !quietUnauthenticated) onUnauthenticated();
    throw error;
  }
  return (await res.json()) as T;
}

/** Calls the Zhijian API with the session cookie and JSON in and out. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData || typeof options.body === 'string') {
    body = options.body;
    if (typeof options.body === 'string') headers['Content-Type'] = 'text/csv';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(API_BASE + path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'Network error');
  }
  return readResponse<T>(res, options.quietUnauthenticated);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A page of a list endpoint (SPEC §5). */
export type Page<T> = { items: T[]; total: number; next_cursor: string | null };

/**
 * Reads every page of a list, 1000 rows at a time (exports, pickers).
 * @param onProgress called with the rows read so far.
 */
export async function fetchAllPages<T>(
  path: string,
  query: Query = {},
  onProgress?: (loaded: number, total: number) => void,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 1000, cursor });
    all.push(...page.items);
    onProgress?.(all.length, page.total);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

/**
 * Uploads a file as multipart field `file`, reporting progress (fetch cannot report upload progress).
 * @param onProgress percentage 0–100 of the bytes sent.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API_BASE + path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': 'application/json' },
      });
      readResponse<T>(res).then(resolve, reject);
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
