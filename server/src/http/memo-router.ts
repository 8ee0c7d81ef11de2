import type { Result, Router } from 'hono/router';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';

/** Distinct method+path pairs remembered; past it the oldest go first. */
const MAX_ENTRIES = 2000;
/** Longer paths are matched every time (they are rare, and would make the memory unbounded in size). */
const MAX_PATH_LENGTH = 200;

/**
 * Hono's default router (RegExpRouter, else TrieRouter), remembering the match of recent
 * method+path pairs. Our routes include shapes RegExpRouter refuses (a static and a parameter
 * segment side by side with different depths: /interactions/import, /interactions/:id/recording),
 * so Hono falls back to TrieRouter, which walks the tree on every request: 1.5 µs for
 * GET /api/v1/me and 5-7 µs for a path with an id on this machine, more than the rest of the
 * request's own work. A remembered match is a Map lookup.
 *
 * Sharing one match between requests is what RegExpRouter itself does for static paths: Hono only
 * reads a match (handlers and the parameters of the path), never changes it. Routes are all added
 * at start-up; the memory is cleared on every add anyway.
 */
export class MemoRouter<T> implements Router<T> {
  name = 'MemoRouter';
  #router: Router<T> = new SmartRouter({ routers: [new RegExpRouter(), new TrieRouter()] });
  #matches = new Map<string, Result<T>>();

  add(method: string, path: string, handler: T): void {
    this.#matches.clear();
    this.#router.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    if (path.length > MAX_PATH_LENGTH) return this.#router.match(method, path);
    const key = `${method} ${path}`;
    const known = this.#matches.get(key);
    if (known) return known;
    const found = this.#router.match(method, path);
    if (this.#matches.size >= MAX_ENTRIES) {
      const oldest = this.#matches.keys().next();
      if (!oldest.done) this.#matches.delete(oldest.value);
    }
    this.#matches.set(key, found);
    return found;
  }
}
