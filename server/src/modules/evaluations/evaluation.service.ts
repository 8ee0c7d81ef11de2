import { type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { AppError, notFound, staleWrite } from '../../errors.ts';
import { type SortKey, encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type {
  TCreateEvaluationRequest,
  TEvaluation,
  TEvaluationDetail,
  TListEvaluationsQuery,
  TUpdateEvaluationRequest,
} from '../../../../shared/schemas/evaluation.ts';
import { localDateOf } from '../../../../shared/time.ts';
import {
  METHODS_NEEDING_INTERACTION,
  canTransition,
  transitionRefusal,
} from '../../../../shared/workflow.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notification.service.ts';
import { getNumberSetting } from '../settings/settings.service.ts';
import { evaluationDetail } from './evaluation.detail.ts';
import { evaluationScope, seesAllDrafts } from './evaluation.policy.ts';
import { presentEvaluation } from './evaluation.presenter.ts';
import {
  countEvaluations,
  findAnswers,
  findEvaluation,
  findEvaluationRows,
  findVersionItems,
  writeAnswers,
  writeMarks,
} from './evaluation.repo.ts';
import { scoreForVersion } from './evaluation.scoring.ts';

export type EvaluationDeps = { db: Db; timezone: string };

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `Invalid evaluation. ${path}: ${message}`, [{ path: [path], message }]);

type FormTarget = { form_id: number; status: string; form_version_id: number; pass_mark: string | number };

async function currentFormVersion(tx: DbOrTx, formId: number): Promise<FormTarget> {
  const [form] = await queryRows<FormTarget>(
    tx,
    sql`select f.id as form_id, f.status, v.id as form_version_id, v.pass_mark from forms f
        join form_versions v on v.form_id = f.id and v.version = f.current_version where f.id = ${formId}`,
  );
  if (!form) throw invalid('form_id', 'unknown form');
  if (form.status !== 'active') throw invalid('form_id', 'the form is archived');
  return form;
}

/** The CSR and the local date an evaluation counts for (SPEC §5: the interaction's local date). */
async function subjectOf(
  tx: DbOrTx,
  input: TCreateEvaluationRequest,
  timezone: string,
): Promise<{ agentId: number; localDate: string; interactionId: number | null }> {
  if (input.interaction_id) {
    const [interaction] = await queryRows<{ agent_id: number; started_at: Date | string }>(
      tx,
      sql`select agent_id, started_at from interactions where id = ${input.interaction_id}`,
    );
    if (!interaction) throw invalid('interaction_id', 'unknown interaction');
    if (input.agent_id && input.agent_id !== interaction.agent_id) {
      throw invalid('agent_id', "does not match the interaction's agent");
    }
    return {
      agentId: interaction.agent_id,
      localDate: localDateOf(new Date(interaction.started_at), timezone),
      interactionId: input.interaction_id,
    };
  }
  if (METHODS_NEEDING_INTERACTION.includes(input.method)) {
    throw invalid('interaction_id', `required for method ${input.method}`);
  }
  if (!input.agent_id) throw invalid('agent_id', 'required when there is no interaction');
  const [agent] = await queryRows<{ ok: boolean }>(
    tx,
    sql`select active and 'agent' = any(roles) as ok from users where id = ${input.agent_id}`,
  );
  if (!agent?.ok) throw invalid('agent_id', 'not an active CSR (role agent)');
  return { agentId: input.agent_id, localDate: localDateOf(new Date(), timezone), interactionId: null };
}

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

/** Sends a draft to the CSR: due date from the policy window, inbox message, audit. */
async function submitInTx(
  tx: DbOrTx,
  ctx: AuditContext,
  id: number,
  agentId: number,
  score: number | null,
): Promise<void> {
  const windowDays = await getNumberSetting(tx, 'confirmation_window_days');
  await tx.execute(sql`
    update evaluations set status = 'submitted', submitted_at = now(),
      ack_due_at = now() + make_interval(days => ${windowDays}), updated_at = now()
    where id = ${id}`);
  await tx.execute(sql`
    insert into evaluation_revisions (evaluation_id, revision, score, fatal, passed, created_by)
    select id, revision, score, fatal, passed, evaluator_id from evaluations where id = ${id}`);
  await tx.execute(sql`update form_versions set used_at = coalesce(used_at, now())
    where id = (select form_version_id from evaluations where id = ${id})`);
  await notify(tx, [agentId], 'evaluation_submitted', { type: 'evaluation', id }, { score });
  await recordAudit(tx, ctx, {
    action: 'evaluation.submit',
    entityType: 'evaluation',
    entityId: id,
    after: { score },
  });
}

/**
 * An inspector scores a contact (B7–B9). The server computes score, fatal and passed with the
 * shared engine; `submit` sends it to the CSR, otherwise it stays a draft.
 */
export async function createEvaluation(
  deps: EvaluationDeps,
  actor: Actor,
  ctx: AuditContext,
  input: TCreateEvaluationRequest,
): Promise<TEvaluationDetail> {
  authorize(actor, 'evaluations.create');
  const id = await deps.db.transaction(async (tx) => {
    const form = await currentFormVersion(tx, input.form_id);
    const subject = await subjectOf(tx, input, deps.timezone);
    if (subject.agentId === actor.id) throw invalid('agent_id', 'an inspector cannot evaluate themself');
    await checkScenario(tx, input.method, input.test_call_scenario_id);
    const items = await findVersionItems(tx, form.form_version_id);
    const result = scoreForVersion(items, input.answers, Number(form.pass_mark), input.submit);
    const [created] = await queryRows<{ id: number }>(
      tx,
      sql`insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
            test_call_scenario_id, status, local_date, score, fatal, passed, positives, negatives)
          values (${subject.interactionId}, ${subject.agentId}, ${actor.id}, ${form.form_id}, ${form.form_version_id},
            ${input.method}, ${input.phase ?? 'after'}, ${input.test_call_scenario_id ?? null}, 'draft',
            ${subject.localDate}::date, ${result.score}, ${result.fatal}, ${result.passed},
            ${input.positives ?? null}, ${input.negatives ?? null})
          returning id::int as id`,
    );
    if (!created) throw new Error('evaluation insert returned nothing');
    await writeAnswers(tx, created.id, 1, input.answers);
    await writeMarks(tx, created.id, actor.id, input.marks ?? []);
    await tx.execute(
      sql`update form_versions set used_at = coalesce(used_at, now()) where id = ${form.form_version_id}`,
    );
    await recordAudit(tx, ctx, {
      action: 'evaluation.create',
      entityType: 'evaluation',
      entityId: created.id,
      after: { ...input, score: result.score, fatal: result.fatal, passed: result.passed },
    });
    if (input.submit) await submitInTx(tx, ctx, created.id, subject.agentId, result.score);
    return created.id;
  });
  return evaluationDetail(deps.db, actor, id);
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
      throw new AppError('conflict', transitionRefusal(before.status, 'edit'));
    if (before.version !== input.version) throw staleWrite('evaluation');
    await checkScenario(tx, before.method, input.test_call_scenario_id);
    const items = await findVersionItems(tx, before.form_version_id);
    const result = scoreForVersion(items, input.answers, Number(before.pass_mark), input.submit);
    await tx.execute(sql`
      update evaluations set score = ${result.score}, fatal = ${result.fatal}, passed = ${result.passed},
        positives = ${input.positives ?? null}, negatives = ${input.negatives ?? null},
        phase = coalesce(${input.phase ?? null}, phase),
        test_call_scenario_id = ${input.test_call_scenario_id === undefined ? sql`test_call_scenario_id` : input.test_call_scenario_id},
        updated_at = now(), version = version + 1
      where id = ${id}`);
    await writeAnswers(tx, id, before.revision, input.answers);
    if (input.marks) await writeMarks(tx, id, actor.id, input.marks);
    await recordAudit(tx, ctx, {
      action: 'evaluation.update',
      entityType: 'evaluation',
      entityId: id,
      before: { score: before.score === null ? null : Number(before.score) },
      after: { score: result.score, answers: input.answers.length },
    });
    if (input.submit) await submitInTx(tx, ctx, id, before.agent_id, result.score);
  });
  return evaluationDetail(deps.db, actor, id);
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
