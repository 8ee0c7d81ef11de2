import { type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { AppError, duplicate, notFound, staleWrite, workflowConflict } from '../../errors.ts';
import { type SortKey, encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type {
  TCreateEvaluationRequest,
  TEvaluation,
  TEvaluationDetail,
  TListEvaluationsQuery,
  TEvaluationScenario,
  TUpdateEvaluationRequest,
} from '../../../../shared/schemas/evaluation.ts';
import { hasScoreYet } from '../../../../shared/scoring.ts';
import { localDateOf } from '../../../../shared/time.ts';
import { METHODS_NEEDING_INTERACTION, canTransition } from '../../../../shared/workflow.ts';
import {
  type AuditContext,
  type AuditEvent,
  auditEntriesData,
  recordAudits,
} from '../audit/audit.service.ts';
import { checkNamedAssignment, completeAssignmentInTx } from '../assignments/assignment.completion.ts';
import type { LockedAssignment } from '../assignments/assignment.repo.ts';
import { notify } from '../notifications/notification.service.ts';
import { SETTING_DEFAULTS, getNumberSetting } from '../settings/settings.service.ts';
import { type DetailParts, assembleDetail, evaluationDetail } from './evaluation.detail.ts';
import { evaluationScope, seesAllDrafts } from './evaluation.policy.ts';
import { presentEvaluation } from './evaluation.presenter.ts';
import {
  type AnswerRow,
  type NewEvaluation,
  type NewEvaluationNames,
  type ScoringItemRow,
  countEvaluations,
  findAnswers,
  findEvaluation,
  findMarks,
  findEvaluationRows,
  findVersionItems,
  insertEvaluations,
  createdEvaluationRow,
  type CreatedEvaluation,
  namesATurn,
  queryRowsPrepared,
  setTally,
  transcriptTurnCount,
  transcriptTurnsSql,
  writeAnswers,
  writeMarks,
} from './evaluation.repo.ts';
import { checkMarkItems, checkMarkTurns, scoreForVersion } from './evaluation.scoring.ts';
import { evaluationWrites } from './evaluation.write-queue.ts';
import { batchQueue } from '../../db/batch-queue.ts';
import { answersInBrief } from './evaluation.audit.ts';

export type EvaluationDeps = { db: Db; timezone: string };

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `Invalid evaluation. ${path}: ${message}`, [{ path: [path], message }]);

async function checkScenario(
  tx: DbOrTx,
  method: string,
  scenarioId: number | null | undefined,
): Promise<void> {
  if (!scenarioId) return;
  if (method !== 'test_call')
    throw invalid('test_call_scenario_id', 'only a test_call evaluation refers to a scenario');
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`select id from test_call_scenarios where id = ${scenarioId}`,
  );
  if (!row) throw invalid('test_call_scenario_id', 'unknown scenario');
}

/**
 * A test call is scored against its scenario (clause 3, 拨测): it cannot be sent to the CSR without
 * one. A draft may wait for the inspector to pick it.
 */
function checkScenarioToSubmit(method: string, scenarioId: number | null | undefined, submit: boolean) {
  if (submit && method === 'test_call' && !scenarioId)
    throw invalid(
      'test_call_scenario_id',
      'a test call is submitted with the scenario it was scored against',
    );
}

/**
 * Sends a draft to the CSR: due date from the policy window, inbox message. Answers the audit
 * event for the caller to record with its own.
 */
async function submitInTx(
  tx: DbOrTx,
  id: number,
  agentId: number,
  score: number | null,
): Promise<AuditEvent> {
  const windowDays = await getNumberSetting(tx, 'confirmation_window_days');
  await tx.execute(sql`
    update evaluations set status = 'submitted', submitted_at = now(),
      ack_due_at = now() + make_interval(days => ${windowDays}), updated_at = now()
    where id = ${id}`);
  await tx.execute(sql`
    insert into evaluation_revisions (evaluation_id, revision, score, fatal, passed, created_by)
    select id, revision, score, fatal, passed, evaluator_id from evaluations where id = ${id}`);
  // Only the first use writes (and locks) the version's row.
  await tx.execute(sql`update form_versions set used_at = now()
    where id = (select form_version_id from evaluations where id = ${id}) and used_at is null`);
  await notify(tx, [agentId], 'evaluation_submitted', { type: 'evaluation', id }, { score });
  return { action: 'evaluation.submit', entityType: 'evaluation', entityId: id, after: { score } };
}

/** An item of a form version as scoring needs it (position orders the answers). */
type ContextItem = Pick<ScoringItemRow, 'id' | 'points' | 'fatal' | 'category_key' | 'allow_na' | 'position'>;

type CreationContext = {
  form_id: number | null;
  form_name: string | null;
  status: string | null;
  form_version_id: number | null;
  form_version: number | null;
  pass_mark: string | number | null;
  version_used: boolean | null;
  /** Null when the caller has this (used) version's items already. */
  items: ContextItem[] | null;
  interaction_agent_id: number | null;
  interaction_started_at: Date | string | null;
  /** The CSR evaluated: the interaction's agent, or else the `agent_id` named. */
  agent_ok: boolean | null;
  agent_name: string | null;
  agent_team_id: number | null;
  evaluator_name: string | null;
  /** The test-call scenario named, if it exists. */
  scenario: TEvaluationScenario | null;
  window_value: unknown;
  /** The contact's open work-queue assignment, if any (read, not locked). */
  open_assignment_id: number | null;
  /** How many turns the contact's transcript has; read only when a pinned comment names a turn. */
  transcript_turns: number | null;
  /** The caller's own draft of the same contact, if any (a second one is refused). */
  existing_draft_id: string | number | null;
};

/**
 * Items of form versions in use, by version id. A version's items never change once an evaluation
 * used it (`used_at` set and committed: an edit makes a new version instead), so the creation
 * context need not read them again; a version not yet used is always read. Bounded by the number
 * of versions in use; cleared if it ever grows large.
 */
const usedVersionItems = new Map<number, ContextItem[]>();
const USED_VERSION_CACHE_MAX = 500;

/** What a creation context is read for: the request's subject and whether a pinned comment names a turn. */
type ContextRequest = {
  formId: number;
  interactionId: number | null;
  agentId: number | null;
  actorId: number;
  scenarioId: number | null;
  namesATurn: boolean;
};

/**
 * Creation contexts of several requests in one statement (one row per request, in order; the same
 * text for any number of them): the form's current version with its items (unless they are
 * cached), the interaction, the CSR evaluated, the inspector's name, the scenario, the confirmation
 * window and the contact's open assignment. No lock is taken (none was: READ COMMITTED reads see
 * the same inside a transaction or not).
 */
async function readCreationContexts(db: Db, requests: ContextRequest[]): Promise<CreationContext[]> {
  const cached = `{${[...usedVersionItems.keys()].join(',')}}`;
  const input = JSON.stringify(
    requests.map((r, i) => ({
      i,
      form_id: r.formId,
      interaction_id: r.interactionId,
      agent_id: r.agentId,
      actor_id: r.actorId,
      scenario_id: r.scenarioId,
      names_turn: r.namesATurn,
    })),
  );
  return queryRowsPrepared<CreationContext>(
    db,
    sql`select f.id as form_id, f.name as form_name, f.status, v.id as form_version_id, v.version as form_version,
          v.pass_mark, v.used_at is not null as version_used,
          case when v.used_at is not null and v.id = any(${cached}::int[]) then null else
            (select coalesce(json_agg(json_build_object('id', i.id, 'points', i.points, 'fatal', i.fatal,
                'category_key', i.category_key, 'allow_na', i.allow_na, 'position', i.position) order by i.position),
                '[]'::json)
              from form_items i where i.form_version_id = v.id) end as items,
          ia.agent_id as interaction_agent_id, ia.started_at as interaction_started_at,
          ag.active and 'agent' = any(ag.roles) as agent_ok, ag.display_name as agent_name, ag.team_id as agent_team_id,
          ev.display_name as evaluator_name,
          (select json_build_object('id', t.id, 'title', t.title, 'caller_script', t.caller_script,
              'expected_answer', t.expected_answer)
            from test_call_scenarios t where t.id = x.scenario_id) as scenario,
          (select st.value from settings st where st.key = 'confirmation_window_days') as window_value,
          (select a.id from assignments a where a.interaction_id = ia.id and a.status in ('pending', 'unassigned'))
            as open_assignment_id,
          case when x.names_turn then ${transcriptTurnsSql(sql`ia.id`)} end as transcript_turns,
          (select d.id from evaluations d
            where d.interaction_id = ia.id and d.evaluator_id = x.actor_id and d.status = 'draft'
            order by d.id limit 1) as existing_draft_id
        -- Each lookup by key (LATERAL … LIMIT 1, never flattened into a join): the plan is made for any
        -- number of rows, and a join planned so would hash whole tables (users) per statement.
        from jsonb_to_recordset(${input}::jsonb) as x(i int, form_id int, interaction_id bigint, agent_id int,
            actor_id int, scenario_id int, names_turn boolean)
          left join lateral (select * from forms where forms.id = x.form_id limit 1) f on true
          left join lateral (select * from form_versions fv where fv.form_id = f.id and fv.version = f.current_version limit 1) v
            on true
          left join lateral (select * from interactions where interactions.id = x.interaction_id limit 1) ia on true
          left join lateral (select * from users where users.id = coalesce(ia.agent_id, x.agent_id) limit 1) ag on true
          left join lateral (select * from users where users.id = x.actor_id limit 1) ev on true
        order by x.i`,
  );
}

/**
 * Requests' creation contexts go through this queue (server/src/db/batch-queue.ts): read together
 * with those of other requests arriving meanwhile when the database is busy with such reads.
 */
export const creationContexts = batchQueue(readCreationContexts, { concurrency: 4, maxBatch: 32 });

/** Everything `createEvaluation` checks before writing (`readCreationContexts`), in one round trip. */
async function creationContext(
  db: Db,
  actor: Actor,
  input: TCreateEvaluationRequest,
): Promise<CreationContext> {
  const row = await creationContexts.run(db, {
    formId: input.form_id,
    interactionId: input.interaction_id ?? null,
    agentId: input.agent_id ?? null,
    actorId: actor.id,
    scenarioId: input.test_call_scenario_id ?? null,
    namesATurn: namesATurn(input.marks),
  });
  if (row.form_version_id !== null) {
    if (row.items === null) {
      // Cached when the read was made; read again if the cache was cleared since.
      row.items =
        usedVersionItems.get(row.form_version_id) ?? (await findVersionItems(db, row.form_version_id));
    } else if (row.version_used) {
      if (usedVersionItems.size >= USED_VERSION_CACHE_MAX) usedVersionItems.clear();
      usedVersionItems.set(row.form_version_id, row.items);
    }
  }
  return row;
}

/** The subject of a new evaluation, once the creation context passed the checks. */
type CheckedSubject = { formId: number; formVersionId: number; agentId: number; localDate: string };

/** The checks before any write, in their historical order (form, subject, self, scenario). */
function checkSubject(
  c: CreationContext,
  actor: Actor,
  input: TCreateEvaluationRequest,
  timezone: string,
): CheckedSubject {
  if (c.form_id === null || c.form_version_id === null) throw invalid('form_id', 'unknown form');
  if (c.status !== 'active') throw invalid('form_id', 'the form is archived');
  let agentId: number;
  let localDate: string;
  if (input.interaction_id) {
    if (c.interaction_agent_id === null || c.interaction_started_at === null) {
      throw invalid('interaction_id', 'unknown interaction');
    }
    if (input.agent_id && input.agent_id !== c.interaction_agent_id) {
      throw invalid('agent_id', "does not match the interaction's agent");
    }
    agentId = c.interaction_agent_id;
    localDate = localDateOf(new Date(c.interaction_started_at), timezone);
  } else {
    if (METHODS_NEEDING_INTERACTION.includes(input.method)) {
      throw invalid('interaction_id', `required for method ${input.method}`);
    }
    if (!input.agent_id) throw invalid('agent_id', 'required when there is no interaction');
    if (!c.agent_ok) throw invalid('agent_id', 'not an active CSR (role agent)');
    agentId = input.agent_id;
    localDate = localDateOf(new Date(), timezone);
  }
  if (agentId === actor.id) throw invalid('agent_id', 'an inspector cannot evaluate themself');
  if (input.test_call_scenario_id) {
    if (input.method !== 'test_call')
      throw invalid('test_call_scenario_id', 'only a test_call evaluation refers to a scenario');
    if (!c.scenario) throw invalid('test_call_scenario_id', 'unknown scenario');
  }
  checkScenarioToSubmit(input.method, input.test_call_scenario_id, input.submit);
  if (c.existing_draft_id !== null) {
    // One draft per inspector and contact: opening the contact again continues it (or the
    // inspector discards it first). Other inspectors' evaluations of the contact are not affected.
    const draftId = Number(c.existing_draft_id);
    throw duplicate(
      `You already have a draft of this contact (evaluation ${draftId}): continue it, or discard it first.`,
      { reason: 'draft_exists', draft_id: draftId },
    );
  }
  return { formId: c.form_id, formVersionId: c.form_version_id, agentId, localDate };
}

/**
 * An inspector scores a contact (B7–B9). The server computes score, fatal and passed with the
 * shared engine; `submit` sends it to the CSR, otherwise it stays a draft.
 *
 * Built for many inspectors at once, in as few round trips as the checks allow. Commonly two: one
 * read (the creation context) and one statement writing everything — row, answers, marks,
 * revision, form version use, inbox message, audit entries — and answering the row; that statement
 * is its own transaction, so it all commits or none of it does. It goes through the write queue
 * (evaluation.write-queue.ts): when other new evaluations are being written, it is written together
 * with those that arrived meanwhile, in one statement. When a work-queue assignment is
 * involved (named by `assignment_id`, or the contact's open one when submitting), the write runs in
 * a transaction with the assignments module's check, lock and completion, as before. The answer
 * is assembled from what was written instead of re-reading the detail. Audit entries take no lock
 * (they are sealed into the chain after commit).
 */
export async function createEvaluation(
  deps: EvaluationDeps,
  actor: Actor,
  ctx: AuditContext,
  input: TCreateEvaluationRequest,
): Promise<TEvaluationDetail> {
  authorize(actor, 'evaluations.create');
  const c = await creationContext(deps.db, actor, input);
  const subject = checkSubject(c, actor, input, deps.timezone);
  const items = c.items ?? [];
  const interactionId = input.interaction_id ?? null;
  const windowDays =
    typeof c.window_value === 'number' ? c.window_value : SETTING_DEFAULTS.confirmation_window_days;
  const names: NewEvaluationNames = {
    form_name: c.form_name ?? '',
    form_version: c.form_version ?? 0,
    pass_mark: c.pass_mark ?? 0,
    agent_name: c.agent_name ?? '',
    team_id: c.agent_team_id,
    evaluator_name: c.evaluator_name ?? '',
  };

  /** Scores and writes; in `tx` when an assignment is involved, otherwise as one statement. */
  const write = async (
    db: DbOrTx,
    assignments: {
      check: () => Promise<LockedAssignment | null>;
      complete: boolean;
      insert: (evaluation: NewEvaluation) => Promise<CreatedEvaluation>;
    },
  ) => {
    // The work-queue assignment this evaluation is made for (checked and locked; completed on submit).
    const assignment = await assignments.check();
    const result = scoreForVersion(items, input.answers, Number(c.pass_mark), input.submit);
    const scored = hasScoreYet(!input.submit, input.answers.length);
    const score = scored ? result.score : null;
    checkMarkItems(input.marks, items);
    checkMarkTurns(input.marks, c.transcript_turns);
    const events: Omit<AuditEvent, 'entityId'>[] = [
      {
        action: 'evaluation.create',
        entityType: 'evaluation',
        after: {
          ...input,
          answers: answersInBrief(input.answers),
          score,
          fatal: result.fatal,
          passed: scored && result.passed,
        },
      },
      ...(input.submit
        ? [{ action: 'evaluation.submit', entityType: 'evaluation', after: { score: result.score } } as const]
        : []),
    ];
    const audit = auditEntriesData(ctx, events);
    // One statement writes the evaluation with its answers, comments, revision, inbox message and
    // audit entries, and answers the row as a read would.
    const created = await assignments.insert({
      interactionId,
      agentId: subject.agentId,
      evaluatorId: actor.id,
      formId: subject.formId,
      formVersionId: subject.formVersionId,
      method: input.method,
      phase: input.phase ?? 'after',
      testCallScenarioId: input.test_call_scenario_id ?? null,
      localDate: subject.localDate,
      score,
      fatal: result.fatal,
      passed: scored && result.passed,
      positives: input.positives ?? null,
      negatives: input.negatives ?? null,
      tally: result,
      answers: input.answers,
      marks: input.marks ?? [],
      submitWindowDays: input.submit ? windowDays : null,
      notify: input.submit
        ? { userIds: [subject.agentId], kind: 'evaluation_submitted', data: { score: result.score } }
        : null,
      audit: audit.entries,
    });
    const { row, marks } = createdEvaluationRow(created, names);
    const id = Number(row.id);
    const completed =
      input.submit && assignments.complete
        ? await completeAssignmentInTx(db, actor, { evaluationId: id, interactionId, named: assignment })
        : [];
    if (completed.length > 0) await recordAudits(db, ctx, completed);
    return { row, marks, at: audit.at, events };
  };

  const needsTransaction =
    input.assignment_id !== undefined || (input.submit && c.open_assignment_id !== null);
  const { row, marks, at, events } = needsTransaction
    ? await deps.db.transaction((tx) =>
        write(tx, {
          check: async () =>
            input.assignment_id ? checkNamedAssignment(tx, actor, input.assignment_id, interactionId) : null,
          complete: true,
          insert: async (evaluation) => {
            const [created] = await insertEvaluations(tx, [evaluation]);
            if (!created) throw new Error('evaluation insert returned nothing');
            return created;
          },
        }),
      )
    : // No assignment to check or complete (a contact with an open one would have taken the path
      // above; one created after the read is left open, as it would be if created after the
      // completion's lookup): the write is a single statement.
      // It goes through the write queue, which writes it together with others arriving meanwhile.
      await write(deps.db, {
        check: () => Promise.resolve(null),
        complete: false,
        insert: (evaluation) => evaluationWrites.run(deps.db, evaluation),
      });

  // The detail, from what was written (what `evaluationDetail` would read back).
  const id = Number(row.id);
  const position = new Map(items.map((item) => [item.id, item.position]));
  const answers: AnswerRow[] = input.answers
    .map((a) => ({
      evaluation_id: id,
      revision: row.revision,
      item_id: a.item_id,
      result: a.result,
      comment: a.comment ?? null,
    }))
    .sort((a, b) => (position.get(a.item_id) ?? 0) - (position.get(b.item_id) ?? 0));
  const actorName = ctx.actorId === row.evaluator_id ? row.evaluator_name : ctx.actorUsername;
  const parts: DetailParts = {
    row,
    answers,
    marks,
    revisions:
      input.submit && row.score !== null
        ? [
            {
              revision: row.revision,
              score: row.score,
              fatal: row.fatal,
              passed: row.passed,
              created_by: row.evaluator_id,
              created_by_name: row.evaluator_name,
              created_at: row.created_at,
              reason: null,
              retracted_at: null,
              positives: null,
              negatives: null,
              marks: null,
            },
          ]
        : [],
    history: events.map((e) => ({ at, action: e.action, actor_name: actorName })),
    disputes: [],
    scenario: c.scenario,
  };
  if (!can(actor, 'evaluations.read', parts.row)) throw notFound('evaluation');
  return assembleDetail(actor, parts);
}

/** Saves a draft (autosave) and optionally submits it. Optimistic locking by `version`. */
export async function updateEvaluation(
  deps: EvaluationDeps,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TUpdateEvaluationRequest,
): Promise<TEvaluationDetail> {
  await deps.db.transaction(async (tx) => {
    const before = await findEvaluation(tx, id, true);
    if (!before || !can(actor, 'evaluations.read', before)) throw notFound('evaluation');
    authorize(actor, 'evaluations.edit', before);
    if (!canTransition(before.status, 'edit'))
      throw workflowConflict({ reason: 'transition', status: before.status, action: 'edit' });
    if (before.version !== input.version) throw staleWrite('evaluation');
    const interactionId = before.interaction_id === null ? null : Number(before.interaction_id);
    const assignment = input.assignment_id
      ? await checkNamedAssignment(tx, actor, input.assignment_id, interactionId)
      : null;
    // A draft's method may change (the inspector picked the wrong one, or none applied by default);
    // a method that works from a recorded contact still needs one, and only a test call keeps a scenario.
    const method = input.method ?? before.method;
    if (interactionId === null && METHODS_NEEDING_INTERACTION.includes(method))
      throw invalid('method', `${method} needs a recorded contact; this evaluation has none`);
    await checkScenario(tx, method, input.test_call_scenario_id);
    const scenarioId =
      method !== 'test_call'
        ? null
        : input.test_call_scenario_id === undefined
          ? before.test_call_scenario_id
          : input.test_call_scenario_id;
    checkScenarioToSubmit(method, scenarioId, input.submit);
    // Submitting fixes the scenario's text: an edit of it waits for this (test-call.service.ts).
    if (input.submit && scenarioId)
      await tx.execute(sql`select id from test_call_scenarios where id = ${scenarioId} for share`);
    const items = await findVersionItems(tx, before.form_version_id);
    const result = scoreForVersion(items, input.answers, Number(before.pass_mark), input.submit);
    const scored = hasScoreYet(!input.submit, input.answers.length);
    const score = scored ? result.score : null;
    checkMarkItems(input.marks, items);
    if (namesATurn(input.marks)) {
      const turns = await transcriptTurnCount(tx, interactionId);
      checkMarkTurns(input.marks, turns, 'marks', await findMarks(tx, id));
    }
    await tx.execute(sql`
      update evaluations set score = ${score}, fatal = ${result.fatal}, passed = ${scored && result.passed},
        ${setTally(result)}, positives = ${input.positives ?? null}, negatives = ${input.negatives ?? null},
        method = ${method}, phase = coalesce(${input.phase ?? null}, phase),
        test_call_scenario_id = ${scenarioId},
        updated_at = now(), version = version + 1
      where id = ${id}`);
    await writeAnswers(tx, id, before.revision, input.answers);
    if (input.marks) await writeMarks(tx, id, actor.id, input.marks);
    const events: AuditEvent[] = [
      {
        action: 'evaluation.update',
        entityType: 'evaluation',
        entityId: id,
        before: {
          score: before.score === null ? null : Number(before.score),
          ...(method !== before.method ? { method: before.method } : {}),
          ...(input.phase && input.phase !== before.phase ? { phase: before.phase } : {}),
        },
        after: {
          score,
          answers: input.answers.length,
          ...(method !== before.method ? { method } : {}),
          ...(input.phase && input.phase !== before.phase ? { phase: input.phase } : {}),
        },
      },
    ];
    if (input.submit) {
      events.push(await submitInTx(tx, id, before.agent_id, result.score));
      events.push(
        ...(await completeAssignmentInTx(tx, actor, { evaluationId: id, interactionId, named: assignment })),
      );
    }
    await recordAudits(tx, ctx, events);
  });
  return evaluationDetail(deps.db, actor, id);
}

/**
 * The inspector discards their own draft: it is deleted with its answers and pinned comments (a
 * draft has no revision, dispute, inbox message or overdue notice yet, and no work-queue
 * assignment points at it — one is completed only on submit — so the contact's assignment stays
 * open as it was). Optimistic locking by `version`; audited in the same transaction, with what the
 * draft was.
 */
export async function discardEvaluation(
  deps: EvaluationDeps,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  version: number,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await findEvaluation(tx, id, true);
    if (!before || !can(actor, 'evaluations.read', before)) throw notFound('evaluation');
    authorize(actor, 'evaluations.discard', before);
    if (!canTransition(before.status, 'edit'))
      throw workflowConflict({ reason: 'transition', status: before.status, action: 'edit' });
    if (before.version !== version) throw staleWrite('evaluation');
    const answers = await findAnswers(tx, [id]);
    const marks = await findMarks(tx, id);
    await tx.execute(sql`delete from evaluation_marks where evaluation_id = ${id}`);
    await tx.execute(sql`delete from evaluation_answers where evaluation_id = ${id}`);
    await tx.execute(sql`delete from evaluations where id = ${id} and status = 'draft'`);
    await recordAudits(tx, ctx, [
      {
        action: 'evaluation.discard',
        entityType: 'evaluation',
        entityId: id,
        before: {
          interaction_id: before.interaction_id === null ? null : Number(before.interaction_id),
          agent_id: before.agent_id,
          form_version_id: before.form_version_id,
          method: before.method,
          phase: before.phase,
          score: before.score === null ? null : Number(before.score),
          answers: answersInBrief(
            answers.map((a) => ({ item_id: a.item_id, result: a.result, comment: a.comment })),
          ),
          positives: before.positives,
          negatives: before.negatives,
          marks: marks.length,
          version: before.version,
        },
      },
    ]);
  });
}

export async function getEvaluation(
  deps: EvaluationDeps,
  actor: Actor,
  id: number,
): Promise<TEvaluationDetail> {
  return evaluationDetail(deps.db, actor, id);
}

function listWhere(actor: Actor, q: TListEvaluationsQuery): SQL {
  const scope = scopeWhere(actor, evaluationScope(actor), {
    ownerId: sql`e.agent_id`,
    teamId: sql`a.team_id`,
  });
  const drafts = seesAllDrafts(actor) ? sql`true` : sql`e.evaluator_id = ${actor.id}`;
  const parts: SQL[] = [sql`((e.status <> 'draft' and ${scope}) or (e.status = 'draft' and ${drafts}))`];
  if (q.mine) parts.push(sql`e.agent_id = ${actor.id}`);
  if (q.agent_id) parts.push(sql`e.agent_id = ${q.agent_id}`);
  if (q.evaluator_id) parts.push(sql`e.evaluator_id = ${q.evaluator_id}`);
  if (q.team_id) parts.push(sql`a.team_id = ${q.team_id}`);
  if (q.form_id) parts.push(sql`e.form_id = ${q.form_id}`);
  if (q.interaction_id) parts.push(sql`e.interaction_id = ${q.interaction_id}`);
  if (q.status) parts.push(sql`e.status = ${q.status}`);
  if (q.drafts === false) parts.push(sql`e.status <> 'draft'`);
  if (q.method) parts.push(sql`e.method = ${q.method}`);
  if (q.fatal !== undefined) parts.push(sql`e.fatal = ${q.fatal}`);
  if (q.passed !== undefined) parts.push(sql`e.passed = ${q.passed}`);
  if (q.overdue !== undefined) {
    parts.push(
      q.overdue
        ? sql`(e.status = 'submitted' and e.ack_due_at < now())`
        : sql`not (e.status = 'submitted' and e.ack_due_at < now())`,
    );
  }
  if (q.from) parts.push(sql`e.local_date >= ${q.from}::date`);
  if (q.to) parts.push(sql`e.local_date <= ${q.to}::date`);
  return sql.join(parts, sql` and `);
}

export async function listEvaluations(
  deps: EvaluationDeps,
  actor: Actor,
  query: TListEvaluationsQuery,
): Promise<{ items: TEvaluation[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'evaluations.list');
  const where = listWhere(actor, query);
  const key: SortKey =
    query.sort === 'local_date'
      ? { expr: sql`e.local_date`, type: 'date' }
      : query.sort === 'score'
        ? { expr: sql`coalesce(e.score, -1)`, type: 'numeric' }
        : { expr: sql`e.id`, type: 'bigint' };
  const page = keyset(key, sql`e.id`, query.order, query.cursor);
  const rows = await findEvaluationRows(deps.db, {
    where,
    after: page.after,
    orderBy: page.orderBy,
    limit: query.limit + 1,
  });
  const total = await countEvaluations(deps.db, where);
  const answers = await findAnswers(
    deps.db,
    rows.map((r) => Number(r.id)),
  );
  const p = pageOf(rows, query.limit, (r) =>
    encodeCursor(
      query.sort === 'local_date'
        ? r.local_date
        : query.sort === 'score'
          ? Number(r.score ?? -1)
          : Number(r.id),
      Number(r.id),
    ),
  );
  return {
    items: p.items.map((r) =>
      presentEvaluation(
        r,
        answers.filter((a) => Number(a.evaluation_id) === Number(r.id) && a.revision === r.revision),
      ),
    ),
    total,
    next_cursor: p.next_cursor,
  };
}
