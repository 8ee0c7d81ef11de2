import type { Actor } from '../../policies/actor.ts';

/**
 * A short-lived, in-process cache of resolved credentials (a session cookie's or an API token's
 * hash → the Actor), so that an authenticated request needs no database round trip.
 *
 * Sessions still live in the database (SPEC §6: processes are stateless); this only remembers a
 * lookup for a few seconds. The bound on staleness:
 * - In this process, every change that ends or alters a credential drops the affected entries at
 *   once, after its transaction committed: sign-out, password change, user update (roles, team,
 *   deactivation, password reset), token revoke, team create/update (team name, leader).
 * - Another process sharing the PostgreSQL database does not hear of such a change: it may keep
 *   accepting a signed-out session or revoked token, or see the old roles, for at most the TTL
 *   (ZHIJIAN_AUTH_CACHE_SECONDS, default 5; 0 turns the cache off). An expired session is likewise
 *   accepted at most TTL seconds past its expiry.
 *
 * Off (TTL 0) until main.ts configures it, so in-process tests that write users or teams straight
 * into the database see their change on the next request.
 */

type Entry = { actor: Actor; userId: number; until: number };

/** Enough for every active user of a large center; past it the oldest entries go first. */
const MAX_ENTRIES = 20_000;

let ttlMs = 0;
const entries = new Map<string, Entry>();
/** Bumped by every invalidation, so a lookup that raced with one does not store what it read. */
let generation = 0;
/**
 * Lookups in flight, by key, so that concurrent requests with the same credential wait for one
 * database read instead of each making their own (50 connections of one user would otherwise all
 * miss together whenever the entry expires, and open up to a pool's worth of new connections).
 * Only while the cache is on: with TTL 0 every request must read the database itself. Cleared by
 * every invalidation, so a request never joins a read that began before a change it must see.
 */
const inFlight = new Map<string, Promise<Actor | null>>();

export function configureActorCache(ttlSeconds: number): void {
  ttlMs = Math.max(0, ttlSeconds) * 1000;
  entries.clear();
  inFlight.clear();
  generation++;
}

export function actorCacheTtlSeconds(): number {
  return ttlMs / 1000;
}

const sessionKey = (sessionHash: string) => `s:${sessionHash}`;
const tokenKey = (tokenHash: string) => `t:${tokenHash}`;

function get(key: string): Actor | null {
  if (ttlMs === 0) return null;
  const entry = entries.get(key);
  if (!entry) return null;
  if (entry.until <= Date.now()) {
    entries.delete(key);
    return null;
  }
  return entry.actor;
}

/**
 * Answers the cached actor for `key`, or runs `lookup` and remembers what it found (a miss is not
 * remembered: a session made on another process must work at once).
 */
function through(key: string, lookup: () => Promise<Actor | null>): Promise<Actor | null> {
  const cached = get(key);
  if (cached) return Promise.resolve(cached);
  if (ttlMs === 0) return lookup();
  const pending = inFlight.get(key);
  if (pending) return pending;
  const startedAt = generation;
  const read = lookup()
    .then((actor) => {
      if (!actor) return null;
      // Shared by concurrent requests from now on: a handler that mutated it would leak into others.
      Object.freeze(actor.roles);
      Object.freeze(actor.led_team_ids);
      Object.freeze(actor);
      if (ttlMs > 0 && startedAt === generation) {
        if (entries.size >= MAX_ENTRIES) {
          const oldest = entries.keys().next();
          if (!oldest.done) entries.delete(oldest.value);
        }
        entries.set(key, { actor, userId: actor.id, until: Date.now() + ttlMs });
      }
      return actor;
    })
    .finally(() => {
      if (inFlight.get(key) === read) inFlight.delete(key);
    });
  inFlight.set(key, read);
  return read;
}

export function cachedSessionActor(sessionHash: string, lookup: () => Promise<Actor | null>) {
  return through(sessionKey(sessionHash), lookup);
}

export function cachedTokenActor(tokenHash: string, lookup: () => Promise<Actor | null>) {
  return through(tokenKey(tokenHash), lookup);
}

/** A session ended (sign-out). Call after the deleting transaction committed. */
export function forgetSession(sessionHash: string): void {
  generation++;
  inFlight.clear();
  entries.delete(sessionKey(sessionHash));
}

/** Anything about a user changed (roles, team, active, password, a token revoked): drop all their credentials. */
export function forgetUser(userId: number): void {
  generation++;
  inFlight.clear();
  for (const [key, entry] of entries) if (entry.userId === userId) entries.delete(key);
}

/** A change that may touch many actors at once (a team renamed, its leader changed). */
export function forgetAllActors(): void {
  generation++;
  inFlight.clear();
  entries.clear();
}
