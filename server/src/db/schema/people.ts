import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const timestamps = {
  created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Optimistic locking: every update bumps it; an update naming an older one is refused. */
  version: integer('version').notNull().default(1),
};

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    leader_id: integer('leader_id').references((): AnyPgColumn => users.id),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('teams_name_unique').on(sql`lower(${t.name})`)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    display_name: text('display_name').notNull(),
    password_hash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    team_id: integer('team_id').references((): AnyPgColumn => teams.id),
    hire_date: date('hire_date', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_username_unique').on(sql`lower(${t.username})`),
    index('users_team_idx').on(t.team_id),
  ],
);

/** A queue, skill or business line (clause 4.4). */
export const queues = pgTable(
  'queues',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('queues_code_unique').on(sql`lower(${t.code})`)],
);

/** Which queues (skills) an agent handles. */
export const userQueues = pgTable(
  'user_queues',
  {
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id),
    queue_id: integer('queue_id')
      .notNull()
      .references(() => queues.id),
  },
  (t) => [primaryKey({ columns: [t.user_id, t.queue_id] }), index('user_queues_queue_idx').on(t.queue_id)],
);
