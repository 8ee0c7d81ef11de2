import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { evaluations } from './evaluations.ts';
import { users } from './people.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A sampling plan (clauses 3, 4.3, 4.5): quotas, inspectors with their capacity and the mix of
 * strategies, as one JSON document validated by `shared/schemas/sampling.ts`. Exactly one plan is
 * active; a monthly targeted plan is first `proposed` (with the reasons in `proposal`) and the QA
 * lead activates it. Every change bumps `version` and is audited.
 */
export const samplingPlans = pgTable(
  'sampling_plans',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** proposed → active → archived (a proposal may also be discarded: archived without activation). */
    status: text('status').notNull(),
    /** The month a targeted plan was proposed for (YYYY-MM); null for a standing plan. */
    month: text('month'),
    daily_min: integer('daily_min').notNull(),
    monthly_min: integer('monthly_min').notNull(),
    config: jsonb('config').notNull(),
    /** Why a proposed plan looks the way it does: last month's weak CSRs, items and queues. */
    proposal: jsonb('proposal'),
    created_by: integer('created_by').references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
    activated_at: tstz('activated_at'),
    activated_by: integer('activated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('sampling_plans_one_active')
      .on(t.status)
      .where(sql`${t.status} = 'active'`),
  ],
);

/** Who is on shift which local day (the roster). Without rows for a day, handling a contact counts. */
export const shifts = pgTable(
  'shifts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agent_id: integer('agent_id')
      .notNull()
      .references(() => users.id),
    date: date('date', { mode: 'string' }).notNull(),
    shift: text('shift'),
    created_by: integer('created_by').references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('shifts_agent_date_unique').on(t.agent_id, t.date),
    index('shifts_date_idx').on(t.date),
  ],
);

/**
 * One daily sampling run, scheduled or on demand. A scheduled run claims its day by inserting the
 * row (unique per day), so it happens once however many app processes share the database.
 */
export const samplingRuns = pgTable(
  'sampling_runs',
  {
    id: serial('id').primaryKey(),
    date: date('date', { mode: 'string' }).notNull(),
    plan_id: integer('plan_id')
      .notNull()
      .references(() => samplingPlans.id),
    plan_version: integer('plan_version').notNull(),
    /** schedule | manual */
    trigger: text('trigger').notNull(),
    requested_by: integer('requested_by').references(() => users.id),
    started_at: tstz('started_at').notNull().defaultNow(),
    finished_at: tstz('finished_at'),
    /** running → done | failed */
    status: text('status').notNull(),
    created: integer('created').notNull().default(0),
    overflow: integer('overflow').notNull().default(0),
    summary: jsonb('summary'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('sampling_runs_scheduled_once')
      .on(t.date)
      .where(sql`${t.trigger} = 'schedule'`),
    index('sampling_runs_date_idx').on(t.date),
  ],
);

/**
 * A contact picked for checking and the inspector who is to check it. `date` is the local date of
 * the interaction (quotas count by it). `assignee_id` is null while unassigned: overflow beyond the
 * inspectors' capacity, or released by the QA lead. An interaction is assigned at most once.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * The contact (interactions.id). Deliberately not a foreign key: the daily run inserts ~1,000
     * rows at once and the key's check (a `FOR KEY SHARE` lock on each picked contact's row) was a
     * fifth of that INSERT (docs/benchmarks.md, bench:sampling). Integrity holds without it: the
     * run inserts only ids it read from `interactions` in the same transaction, and contacts are
     * never deleted (imports upsert by external_id; nothing deletes from `interactions`, and
     * evaluations keep their foreign key to it). A future retention purge must remove a contact's
     * assignments with it.
     */
    interaction_id: bigint('interaction_id', { mode: 'number' }).notNull(),
    agent_id: integer('agent_id')
      .notNull()
      .references(() => users.id),
    assignee_id: integer('assignee_id').references(() => users.id),
    date: date('date', { mode: 'string' }).notNull(),
    due_date: date('due_date', { mode: 'string' }).notNull(),
    /** pending (assigned, to do) | unassigned (overflow or released) | done | skipped */
    status: text('status').notNull(),
    /** random | targeted | quantitative */
    strategy: text('strategy').notNull(),
    /** Which rule picked it (for targeted/quantitative), e.g. `queue:billing` or `agent:42`. */
    rule: text('rule'),
    run_id: integer('run_id').references(() => samplingRuns.id),
    evaluation_id: bigint('evaluation_id', { mode: 'number' }).references(() => evaluations.id),
    skip_reason: text('skip_reason'),
    completed_at: tstz('completed_at'),
    created_at: tstz('created_at').notNull().defaultNow(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('assignments_interaction_unique').on(t.interaction_id),
    index('assignments_assignee_idx').on(t.assignee_id, t.status, t.due_date),
    index('assignments_date_agent_idx').on(t.date, t.agent_id),
    index('assignments_status_date_idx').on(t.status, t.date),
    /**
     * Assignments done since a moment: the queue's "done today" (summary, inspector loads). Without
     * it those counts read every assignment ever done: ~100 ms at a year's 375,000 rows, ~2 ms with.
     */
    index('assignments_done_at_idx')
      .on(t.completed_at)
      .where(sql`${t.status} = 'done'`),
  ],
);
