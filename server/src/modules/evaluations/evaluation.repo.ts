import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { EvaluationMethod, EvaluationPhase, EvaluationStatus } from '../../../../shared/workflow.ts';
import type { AnswerResult } from '../../../../shared/scoring.ts';
import type { AuditEntryData } from '../audit/audit.service.ts';
import type { NotificationKind } from '../notifications/notification.service.ts';

const dialect = new PgDialect();

/** Names of the prepared statements by text (a few shapes; cleared if it ever grows large). */
const statementNames = new Map<string, string>();
const STATEMENT_NAMES_MAX = 100;

/**
 * `queryRows` as a named prepared statement, for the hot statements of the evaluation write path:
 * on PostgreSQL each pooled connection parses and plans the statement once, then only binds and
 * executes it (re-planning these CTEs cost about as much as running them). The name is a digest of
 * the text — values are parameters, so one shape of statement is one name, and a different text
 * can never reuse another's. Results must list their columns (a cached plan may not change its
 * result type). PGlite ignores the name.
 */
export async function queryRowsPrepared<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const compiled = dialect.sqlToQuery(query);
  let name = statementNames.get(compiled.sql);
  if (name === undefined) {
    name = `zj_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size >= STATEMENT_NAMES_MAX) statementNames.clear();
    statementNames.set(compiled.sql, name);
  }
  const raw: unknown = await db._.session.prepareQuery(compiled, undefined, name, false).execute();
  return (raw as { rows: T[] }).rows;
}

export type EvaluationRow = {
  id: string | number;
  interaction_id: string | number | null;
  form_id: number;
  form_name: string;
  form_version: number;
  form_version_id: number;
  pass_mark: string | number;
  agent_id: number;
  agent_name: string;
  team_id: number | null;
  evaluator_id: number;
  evaluator_name: string;
  method: EvaluationMethod;
  phase: EvaluationPhase;
  test_call_scenario_id: number | null;
  status: EvaluationStatus;
  local_date: string;
  revision: number;
  score: string | number | null;
  fatal: boolean;
  passed: boolean;
  positives: string | null;
  negatives: string | null;
  submitted_at: Date | string | null;
  ack_due_at: Date | string | null;
  overdue: boolean;
  acknowledged_at: Date | string | null;
  acknowledged_by: number | null;
  ack_ip: string | null;
  ack_signature: string | null;
  countersigned_at: Date | string | null;
  countersigned_by: number | null;
  countersign_ip: string | null;
  countersign_signature: string | null;
  acknowledged_by_name: string | null;
  countersigned_by_name: string | null;
  open_dispute_id: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
};

/** The columns of an evaluation row, over `e` (the table, or a CTE that returned its rows). */
function selectEvaluationFrom(source: SQL): SQL {
  return sql`
  select e.id, e.interaction_id, e.form_id, f.name as form_name, v.version as form_version, e.form_version_id,
    v.pass_mark, e.agent_id, a.display_name as agent_name, a.team_id, e.evaluator_id, ev.display_name as evaluator_name,
    e.method, e.phase, e.test_call_scenario_id, e.status, e.local_date::text as local_date, e.revision, e.score,
    e.fatal, e.passed, e.positives, e.negatives, e.submitted_at, e.ack_due_at,
    (e.status = 'submitted' and e.ack_due_at < now()) as overdue,
    e.acknowledged_at, e.acknowledged_by, e.ack_ip, e.ack_signature, e.countersigned_at, e.countersigned_by,
    e.countersign_ip, e.countersign_signature, ab.display_name as acknowledged_by_name,
    cb.display_name as countersigned_by_name,
    (select d.id from disputes d where d.evaluation_id = e.id and d.status in ('team_leader', 'qa_review')) as open_dispute_id,
    e.created_at, e.updated_at, e.version
  from ${source} e
    join forms f on f.id = e.form_id
    join form_versions v on v.id = e.form_version_id
    join users a on a.id = e.agent_id
    join users ev on ev.id = e.evaluator_id
    left join users ab on ab.id = e.acknowledged_by
    left join users cb on cb.id = e.countersigned_by`;
}

export const SELECT_EVALUATION = selectEvaluationFrom(sql`evaluations`);

export async function findEvaluation(db: DbOrTx, id: number, lock = false): Promise<EvaluationRow | null> {
  if (lock) await db.execute(sql`select id from evaluations where id = ${id} for update`);
  const rows = await queryRows<EvaluationRow>(db, sql`${SELECT_EVALUATION} where e.id = ${id}`);
  return rows[0] ?? null;
}

export async function findEvaluationRows(
  db: DbOrTx,
  page: { where: SQL; after: SQL; orderBy: SQL; limit: number },
): Promise<EvaluationRow[]> {
  return queryRows<EvaluationRow>(
    db,
    sql`${SELECT_EVALUATION} where ${page.where} and ${page.after} order by ${page.orderBy} limit ${page.limit}`,
  );
}

export async function countEvaluations(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from evaluations e join users a on a.id = e.agent_id where ${where}`,
  );
  return row?.n ?? 0;
}

export type AnswerRow = {
  evaluation_id: string | number;
  revision: number;
  item_id: number;
  result: AnswerResult;
  comment: string | null;
};

export async function findAnswers(
  db: DbOrTx,
  evaluationIds: number[],
  revision?: number,
): Promise<AnswerRow[]> {
  if (evaluationIds.length === 0) return [];
  const byRevision = revision === undefined ? sql`true` : sql`a.revision = ${revision}`;
  return queryRows<AnswerRow>(
    db,
    sql`select a.evaluation_id, a.revision, a.item_id, a.result, a.comment from evaluation_answers a
        join form_items i on i.id = a.item_id
        where a.evaluation_id in ${evaluationIds} and ${byRevision} order by a.evaluation_id, a.revision, i.position`,
  );
}

export type MarkRow = {
  id: string | number;
  at_s: string | number | null;
  turn_index: number | null;
  item_id: number | null;
  text: string;
};

export async function findMarks(db: DbOrTx, evaluationId: number): Promise<MarkRow[]> {
  return queryRows<MarkRow>(
    db,
    sql`select id, at_s, turn_index, item_id, text from evaluation_marks where evaluation_id = ${evaluationId}
        order by at_s nulls last, id`,
  );
}

export type ScoringItemRow = {
  id: number;
  points: string | number;
  fatal: boolean;
  category_key: string;
  allow_na: boolean;
  text: string;
  position: number;
  section_title: string;
};

export async function findVersionItems(db: DbOrTx, formVersionId: number): Promise<ScoringItemRow[]> {
  return queryRows<ScoringItemRow>(
    db,
    sql`select i.id, i.points, i.fatal, i.category_key, i.allow_na, i.text, i.position, s.title as section_title
        from form_items i join form_sections s on s.id = i.section_id
        where i.form_version_id = ${formVersionId} order by i.position`,
  );
}

/** SQL for how many turns the transcript of interaction `interactionId` has (null: none, or no contact). */
export const transcriptTurnsSql = (interactionId: SQL | number | null): SQL =>
  sql`(select case when jsonb_typeof(t.transcript) = 'array' then jsonb_array_length(t.transcript) end
        from interactions t where t.id = ${interactionId})`;

/** Whether any pinned comment names a transcript turn (only then is the transcript read). */
export const namesATurn = (marks: readonly { turn_index?: number | null }[] | undefined): boolean =>
  marks?.some((m) => m.turn_index !== undefined && m.turn_index !== null) ?? false;

/** How many turns the transcript of the contact has (null: no contact or no transcript). */
export async function transcriptTurnCount(db: DbOrTx, interactionId: number | null): Promise<number | null> {
  if (interactionId === null) return null;
  const [row] = await queryRows<{ turns: number | null }>(
    db,
    sql`select ${transcriptTurnsSql(interactionId)} as turns`,
  );
  return row?.turns ?? null;
}

export async function writeAnswers(
  db: DbOrTx,
  evaluationId: number,
  revision: number,
  answers: { item_id: number; result: string; comment?: string | null }[],
): Promise<void> {
  await db.execute(
    sql`delete from evaluation_answers where evaluation_id = ${evaluationId} and revision = ${revision}`,
  );
  if (answers.length === 0) return;
  await db.execute(sql`
    insert into evaluation_answers (evaluation_id, revision, item_id, result, comment)
    select ${evaluationId}, ${revision}, x.item_id, x.result, x.comment
    from jsonb_to_recordset(${JSON.stringify(answers.map((a) => ({ ...a, comment: a.comment ?? null })))}::jsonb)
      as x(item_id int, result text, comment text)`);
}

export async function writeMarks(
  db: DbOrTx,
  evaluationId: number,
  createdBy: number,
  marks: { at_s?: number | null; turn_index?: number | null; item_id?: number | null; text: string }[],
): Promise<void> {
  await db.execute(sql`delete from evaluation_marks where evaluation_id = ${evaluationId}`);
  if (marks.length === 0) return;
  await db.execute(sql`
    insert into evaluation_marks (evaluation_id, at_s, turn_index, item_id, text, created_by)
    select ${evaluationId}, x.at_s, x.turn_index, x.item_id, x.text, ${createdBy}
    from jsonb_to_recordset(${JSON.stringify(
      marks.map((m) => ({
        at_s: m.at_s ?? null,
        turn_index: m.turn_index ?? null,
        item_id: m.item_id ?? null,
        text: m.text,
      })),
    )}::jsonb) as x(at_s numeric, turn_index int, item_id int, text text)`);
}

/** What `evaluations` keeps of the current revision's answers for the reports (from the shared scoring). */
export type AnswerTally = { failed_item_ids: number[]; na_item_ids: number[] };

/** An item-id list as an int[] parameter (one bound value, so a prepared statement keeps its text). */
export const intArray = (ids: readonly number[]): SQL =>
  sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[]`;

/** `failed_item_ids = …, na_item_ids = …` for an UPDATE of evaluations. */
export const setTally = (tally: AnswerTally): SQL =>
  sql`failed_item_ids = ${intArray(tally.failed_item_ids)}, na_item_ids = ${intArray(tally.na_item_ids)}`;

export type NewEvaluation = {
  interactionId: number | null;
  agentId: number;
  evaluatorId: number;
  formId: number;
  formVersionId: number;
  method: string;
  phase: string;
  testCallScenarioId: number | null;
  localDate: string;
  score: number | null;
  fatal: boolean;
  passed: boolean;
  positives: string | null;
  negatives: string | null;
  /** The answers' tally, as the shared scoring computed it with the score. */
  tally: AnswerTally;
  answers: { item_id: number; result: string; comment?: string | null }[];
  marks: { at_s?: number | null; turn_index?: number | null; item_id?: number | null; text: string }[];
  /** Days to acknowledge when submitting; null keeps a draft. */
  submitWindowDays: number | null;
  /** The inbox message about it, if any. */
  notify: { userIds: number[]; kind: NotificationKind; data: Record<string, unknown> } | null;
  /** Its audit entries, in order (their entity is the new evaluation). */
  audit: AuditEntryData[];
};

/**
 * What a new evaluation's row joins from other tables, as the creation context read them: with
 * these the row is what `findEvaluation` would answer, without joining forms, versions and users
 * again inside the write.
 */
export type NewEvaluationNames = Pick<
  EvaluationRow,
  'form_name' | 'form_version' | 'pass_mark' | 'agent_name' | 'team_id' | 'evaluator_name'
>;

/** The columns of `evaluations` in a new evaluation's row (names and signatures come from elsewhere). */
type CreatedColumns = Omit<
  EvaluationRow,
  | keyof NewEvaluationNames
  | 'acknowledged_at'
  | 'acknowledged_by'
  | 'ack_ip'
  | 'ack_signature'
  | 'countersigned_at'
  | 'countersigned_by'
  | 'countersign_ip'
  | 'countersign_signature'
  | 'acknowledged_by_name'
  | 'countersigned_by_name'
  | 'open_dispute_id'
>;

/**
 * Writes new evaluations — one, or several arriving together (evaluation.write-queue.ts) — in one
 * statement whose text is the same for any number of them: each evaluation is a JSON object of one
 * array parameter, and each table gets one INSERT for all of them. Per evaluation it writes the row
 * (a draft, or submitted with its due date) under an id drawn from the table's sequence, its answers
 * (revision 1), pinned comments, the revision record when submitted, the inbox message and the audit
 * entries given (`AuditEntryData`, the entity id filled in here), and marks the form version used
 * (only the first time, so evaluations of one version do not queue on its row lock). Answers, in
 * the order given, each row's own columns and its pinned comments as `findMarks` reads them. Being
 * one statement, it is all-or-nothing even outside a transaction.
 */
export async function insertEvaluations(db: DbOrTx, list: NewEvaluation[]): Promise<CreatedEvaluation[]> {
  const input = JSON.stringify(
    list.map((e, i) => ({
      i,
      interaction_id: e.interactionId,
      agent_id: e.agentId,
      evaluator_id: e.evaluatorId,
      form_id: e.formId,
      form_version_id: e.formVersionId,
      method: e.method,
      phase: e.phase,
      test_call_scenario_id: e.testCallScenarioId,
      local_date: e.localDate,
      score: e.score,
      fatal: e.fatal,
      passed: e.passed,
      failed_item_ids: e.tally.failed_item_ids,
      na_item_ids: e.tally.na_item_ids,
      positives: e.positives,
      negatives: e.negatives,
      window_days: e.submitWindowDays,
      answers: e.answers.map((a) => ({ item_id: a.item_id, result: a.result, comment: a.comment ?? null })),
      marks: e.marks.map((m) => ({
        at_s: m.at_s ?? null,
        turn_index: m.turn_index ?? null,
        item_id: m.item_id ?? null,
        text: m.text,
      })),
      notify_users: e.notify ? [...new Set(e.notify.userIds)] : [],
      notify_kind: e.notify?.kind ?? null,
      notify_data: e.notify?.data ?? null,
      audit: e.audit,
    })),
  );
  const rows = await queryRowsPrepared<CreatedEvaluation & { i: number }>(
    db,
    sql`with input as materialized (
          select x.*, nextval('evaluations_id_seq'::regclass) as id
          from jsonb_to_recordset(${input}::jsonb) as x(i int, interaction_id bigint, agent_id int, evaluator_id int,
            form_id int, form_version_id int, method text, phase text, test_call_scenario_id int, local_date date,
            score numeric, fatal boolean, passed boolean, failed_item_ids int[], na_item_ids int[], positives text,
            negatives text, window_days int, answers jsonb, marks jsonb, notify_users int[], notify_kind text,
            notify_data jsonb, audit jsonb)),
        created as (
          insert into evaluations (id, interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
            test_call_scenario_id, status, local_date, score, fatal, passed, failed_item_ids, na_item_ids, positives,
            negatives, submitted_at, ack_due_at)
          select id, interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
            test_call_scenario_id, case when window_days is null then 'draft' else 'submitted' end, local_date, score,
            fatal, passed, failed_item_ids, na_item_ids, positives, negatives,
            case when window_days is not null then now() end,
            case when window_days is not null then now() + make_interval(days => window_days) end
          from input order by i
          returning *),
        answers as (
          insert into evaluation_answers (evaluation_id, revision, item_id, result, comment)
          select c.id, c.revision, a.item_id, a.result, a.comment
          from created c join input n on n.id = c.id,
            jsonb_to_recordset(n.answers) as a(item_id int, result text, comment text)),
        marks as (
          insert into evaluation_marks (evaluation_id, at_s, turn_index, item_id, text, created_by)
          select c.id, m.at_s, m.turn_index, m.item_id, m.text, c.evaluator_id
          from created c join input n on n.id = c.id,
            jsonb_to_recordset(n.marks) as m(at_s numeric, turn_index int, item_id int, text text)
          returning id, evaluation_id, at_s, turn_index, item_id, text),
        revision as (
          insert into evaluation_revisions (evaluation_id, revision, score, fatal, passed, created_by)
          select id, revision, score, fatal, passed, evaluator_id from created where status = 'submitted'),
        used as (
          update form_versions set used_at = now()
          where id in (select form_version_id from input) and used_at is null),
        inbox as (
          insert into notifications (user_id, kind, entity_type, entity_id, data)
          select u, n.notify_kind, 'evaluation', c.id::text, n.notify_data
          from created c join input n on n.id = c.id, unnest(n.notify_users) as u),
        audited as (
          -- In the order given (the sealer chains entries in id order): a JSON null is no value.
          insert into audit_log (at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip)
          select (a.j->>'at')::timestamptz, (a.j->>'actor_id')::int, a.j->>'actor_username', a.j->>'action',
            a.j->>'entity_type', c.id::text, nullif(a.j->'before', 'null'::jsonb), nullif(a.j->'after', 'null'::jsonb),
            a.j->>'ip'
          from created c join input n on n.id = c.id, jsonb_array_elements(n.audit) with ordinality as a(j, ord)
          order by n.i, a.ord)
        select n.i, e.id, e.interaction_id, e.form_id, e.form_version_id, e.agent_id, e.evaluator_id, e.method,
          e.phase, e.test_call_scenario_id, e.status, e.local_date::text as local_date, e.revision, e.score, e.fatal,
          e.passed, e.positives, e.negatives, e.submitted_at, e.ack_due_at,
          (e.status = 'submitted' and e.ack_due_at < now()) as overdue, e.created_at, e.updated_at, e.version, (
            -- As findMarks reads them: ids and numbers as text, ordered by time.
            select coalesce(json_agg(json_build_object('id', m.id::text, 'at_s', m.at_s::text,
                'turn_index', m.turn_index, 'item_id', m.item_id, 'text', m.text) order by m.at_s nulls last, m.id),
              '[]'::json)
            from marks m where m.evaluation_id = e.id) as marks
        from created e join input n on n.id = e.id
        order by n.i`,
  );
  if (rows.length !== list.length)
    throw new Error(`${list.length} evaluations inserted but ${rows.length} answered`);
  return rows.map(({ i: _i, ...created }) => created);
}

/** What `insertEvaluations` answers for one evaluation. */
export type CreatedEvaluation = CreatedColumns & { marks: MarkRow[] };

/**
 * The row as `findEvaluation` reads it — its own columns from the statement, the names from
 * `names`, and nothing signed, acknowledged or disputed yet (a new row) — and its pinned comments.
 */
export function createdEvaluationRow(
  created: CreatedEvaluation,
  names: NewEvaluationNames,
): { row: EvaluationRow; marks: MarkRow[] } {
  const { marks, ...columns } = created;
  const row: EvaluationRow = {
    ...columns,
    ...names,
    acknowledged_at: null,
    acknowledged_by: null,
    ack_ip: null,
    ack_signature: null,
    countersigned_at: null,
    countersigned_by: null,
    countersign_ip: null,
    countersign_signature: null,
    acknowledged_by_name: null,
    countersigned_by_name: null,
    open_dispute_id: null,
  };
  return { row, marks };
}
