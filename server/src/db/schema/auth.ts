import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './people.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Sign-in sessions. `id` is the SHA-256 of the cookie's secret, so a leaked table grants nothing. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    expires_at: tstz('expires_at').notNull(),
    last_seen_at: tstz('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    user_agent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.user_id), index('sessions_expires_idx').on(t.expires_at)],
);

/** API tokens for integrations; only the SHA-256 of the secret is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    token_hash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id),
    created_by: integer('created_by').references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    last_used_at: tstz('last_used_at'),
    expires_at: tstz('expires_at'),
    revoked_at: tstz('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.user_id)],
);

/**
 * Failed sign-ins in fixed windows, keyed `user:<name>` or `ip:<address>`. Kept in the database so
 * every app process sees the same counts.
 */
export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  window_start: tstz('window_start').notNull(),
  failures: integer('failures').notNull(),
});
