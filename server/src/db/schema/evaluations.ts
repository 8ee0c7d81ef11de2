import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { interactions } from './interactions.ts';
import { queues, users } from './people.ts';
import { formItems, formVersions, forms } from './scorecards.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Center-wide settings (policy values), one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updated_at: tstz('updated_at').notNull().defaultNow(),
  updated_by: integer('updated_by').references(() => users.id),
  version: integer('version').notNull().default(1),
});

/** A mystery-call (拨测) scenario: what the caller asks and the answer a CSR should give. */
export const testCallScenarios = pgTable('test_call_scenarios', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  queue_id: integer('queue_id').references(() => queues.id),
  caller_script: text('caller_script').notNull(),
  expected_answer: text('expected_answer').notNull(),
  active: boolean('active').notNull().default(true),
  created_by: integer('created_by').references(() => users.id),
  created_at: tstz('created_at').notNull().defaultNow(),
  updated_at: tstz('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/**
 * An evaluation of one CSR's work. Its answers live per revision: a QA-lead correction adds a
 * revision and the previous one stays as retracted history. `local_date` is the center-local date
 * the evaluation counts for (the interaction's, or the day it was made when there is none).
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    interaction_id: bigint('interaction_id', { mode: 'number' }).references(() => interactions.id),
    agent_id: integer('agent_id')
      .notNull()
      .references(() => users.id),
    evaluator_id: integer('evaluator_id')
      .notNull()
      .references(() => users.id),
    form_id: integer('form_id')
      .notNull()
      .references(() => forms.id),
    form_version_id: integer('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    method: text('method').notNull(),
    phase: text('phase').notNull(),
    test_call_scenario_id: integer('test_call_scenario_id').references(() => testCallScenarios.id),
    /** draft → submitted → acknowledged → countersigned; disputed while a dispute is open. */
    status: text('status').notNull(),
    local_date: date('local_date', { mode: 'string' }).notNull(),
    revision: integer('revision').notNull().default(1),
    score: numeric('score', { precision: 4, scale: 1, mode: 'number' }),
    fatal: boolean('fatal').notNull().default(false),
    passed: boolean('passed').notNull().default(false),
    /**
     * The answers of the current revision in brief, written with them from the shared scoring
     * (shared/scoring.ts): the items failed, and the items not applicable (N/A, or not yet answered
     * in a draft); every other item of the form version passed. The reports count these instead of
     * reading the answers.
     */
    failed_item_ids: integer('failed_item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    na_item_ids: integer('na_item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    positives: text('positives'),
    negatives: text('negatives'),
    submitted_at: tstz('submitted_at'),
    ack_due_at: tstz('ack_due_at'),
    acknowledged_at: tstz('acknowledged_at'),
    acknowledged_by: integer('acknowledged_by').references(() => users.id),
    ack_ip: text('ack_ip'),
    ack_user_agent: text('ack_user_agent'),
    ack_signature: text('ack_signature'),
    countersigned_at: tstz('countersigned_at'),
    countersigned_by: integer('countersigned_by').references(() => users.id),
    countersign_ip: text('countersign_ip'),
    countersign_signature: text('countersign_signature'),
    created_at: tstz('created_at').notNull().defaultNow(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('evaluations_agent_date_idx').on(t.agent_id, t.local_date),
    index('evaluations_date_idx').on(t.local_date),
    index('evaluations_evaluator_idx').on(t.evaluator_id, t.status),
    index('evaluations_interaction_idx').on(t.interaction_id),
    index('evaluations_status_idx').on(t.status),
    // How many evaluations used a test-call scenario (its edit lock, the scenario list).
    index('evaluations_test_call_scenario_idx')
      .on(t.test_call_scenario_id)
      .where(sql`${t.test_call_scenario_id} is not null`),
  ],
);

/** One scored revision of an evaluation; all but the newest are retracted (history). */
export const evaluationRevisions = pgTable(
  'evaluation_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evaluation_id: bigint('evaluation_id', { mode: 'number' })
      .notNull()
      .references(() => evaluations.id),
    revision: integer('revision').notNull(),
    score: numeric('score', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    fatal: boolean('fatal').notNull(),
    passed: boolean('passed').notNull(),
    created_by: integer('created_by')
      .notNull()
      .references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    reason: text('reason'),
    retracted_at: tstz('retracted_at'),
    /**
     * What the evaluation's remarks and pinned comments were when a correction retracted this
     * revision (the QA lead may correct them too). Null (`marks`) while it is the current one, whose
     * remarks and comments are the evaluation's, and on revisions retracted before corrections could
     * change them: then they are the next revision's.
     */
    positives: text('positives'),
    negatives: text('negatives'),
    marks: jsonb('marks'),
  },
  (t) => [uniqueIndex('evaluation_revisions_unique').on(t.evaluation_id, t.revision)],
);

/** An answer to one scorecard item in one revision. */
export const evaluationAnswers = pgTable(
  'evaluation_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evaluation_id: bigint('evaluation_id', { mode: 'number' })
      .notNull()
      .references(() => evaluations.id),
    revision: integer('revision').notNull(),
    item_id: integer('item_id')
      .notNull()
      .references(() => formItems.id),
    result: text('result').notNull(),
    comment: text('comment'),
  },
  (t) => [
    uniqueIndex('evaluation_answers_unique').on(t.evaluation_id, t.revision, t.item_id),
    index('evaluation_answers_item_idx').on(t.item_id, t.result),
  ],
);

/** A comment pinned to a moment of the recording or a transcript turn (markers on the waveform). */
export const evaluationMarks = pgTable(
  'evaluation_marks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evaluation_id: bigint('evaluation_id', { mode: 'number' })
      .notNull()
      .references(() => evaluations.id),
    at_s: numeric('at_s', { precision: 10, scale: 2, mode: 'number' }),
    turn_index: integer('turn_index'),
    item_id: integer('item_id').references(() => formItems.id),
    text: text('text').notNull(),
    created_by: integer('created_by').references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('evaluation_marks_evaluation_idx').on(t.evaluation_id)],
);

/**
 * A CSR's dispute (B10–B16): with the team leader, then (if forwarded) with the QA lead.
 * At most one open dispute per evaluation.
 */
export const disputes = pgTable(
  'disputes',
  {
    id: serial('id').primaryKey(),
    evaluation_id: bigint('evaluation_id', { mode: 'number' })
      .notNull()
      .references(() => evaluations.id),
    raised_by: integer('raised_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    item_ids: integer('item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    /** team_leader → qa_review → upheld | corrected (closed) */
    status: text('status').notNull(),
    leader_decision: text('leader_decision'),
    leader_note: text('leader_note'),
    leader_id: integer('leader_id').references(() => users.id),
    leader_decided_at: tstz('leader_decided_at'),
    reviewer_decision: text('reviewer_decision'),
    reviewer_note: text('reviewer_note'),
    reviewer_id: integer('reviewer_id').references(() => users.id),
    reviewed_at: tstz('reviewed_at'),
    /** B15: whether the inspector judged wrongly (the QA lead records it). */
    inspector_error: boolean('inspector_error'),
    evaluator_id: integer('evaluator_id')
      .notNull()
      .references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    closed_at: tstz('closed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('disputes_one_open_per_evaluation')
      .on(t.evaluation_id)
      .where(sql`${t.status} in ('team_leader', 'qa_review')`),
    index('disputes_status_idx').on(t.status),
    index('disputes_evaluator_idx').on(t.evaluator_id, t.created_at),
  ],
);

/** The in-app inbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    entity_type: text('entity_type').notNull(),
    entity_id: text('entity_id').notNull(),
    data: jsonb('data'),
    created_at: tstz('created_at').notNull().defaultNow(),
    read_at: tstz('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.user_id, t.read_at, t.id)],
);

/**
 * Submitted evaluations whose confirmation period ran out unsigned and whose team leaders were told
 * (the overdue job, modules/evaluations/overdue.schedule.ts). The row is the claim: inserted once
 * per evaluation (primary key), so however many processes run the job, and however often, an
 * evaluation is announced once. `team_leader_ids`: who was told.
 */
export const evaluationOverdueNotices = pgTable('evaluation_overdue_notices', {
  evaluation_id: bigint('evaluation_id', { mode: 'number' })
    .primaryKey()
    .references(() => evaluations.id),
  team_leader_ids: integer('team_leader_ids').array().notNull(),
  notified_at: tstz('notified_at').notNull().defaultNow(),
});
