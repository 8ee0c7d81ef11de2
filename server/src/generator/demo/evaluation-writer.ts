import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.ts';
import { answersInBrief } from '../../modules/evaluations/evaluation.audit.ts';
import { type BulkWriter, bulkWriter } from './bulk.ts';
import { DAY_MS } from './calendar.ts';
import type { EvalSeed } from './evaluation-plan.ts';
import type { DemoTrail, TrailEntry } from './trail.ts';
import type { World } from './world.ts';

/**
 * Writes planned evaluations in bulk, with everything the services would have written along the
 * way: answers per revision, revisions, pinned comments, signatures, disputes, the inbox with what
 * was read, completed assignments, and the audit entries in the services' shapes.
 */

const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const LEADER_NOTES = { upheld: '评价成立，已与客服代表沟通确认', forwarded: '请质量监控班长复核' } as const;
const REVIEW_NOTES = {
  upheld: '复核录音后维持原评价',
  corrected: '复核后更正：客服代表已按流程处理，相关扣分撤销',
} as const;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const latest = (...dates: (Date | null | undefined)[]) =>
  new Date(Math.max(...dates.map((d) => d?.getTime() ?? 0)));

function statusOf(e: EvalSeed): string {
  if (!e.submittedAt) return 'draft';
  const d = e.dispute;
  if (d && (!d.leader || (d.leader.decision === 'forwarded' && !d.review))) return 'disputed';
  if (e.countersignAt) return 'countersigned';
  if (e.ackAt) return 'acknowledged';
  return 'submitted';
}

/** When the dispute closed (null while open or without one). */
function closedAt(e: EvalSeed): Date | null {
  const d = e.dispute;
  if (!d?.leader) return null;
  if (d.leader.decision === 'upheld') return d.leader.at;
  return d.review?.at ?? null;
}

export type WrittenEvaluations = { evaluations: number; disputes: number };

/**
 * Writes a batch (in one transaction on a server; on the embedded database statement by statement,
 * as COPY needs the connection itself, see bulk.ts); its audit entries go to the trail after.
 */
export async function writeEvaluations(
  database: Database,
  world: World,
  trail: DemoTrail,
  batch: EvalSeed[],
): Promise<WrittenEvaluations> {
  if (batch.length === 0) return { evaluations: 0, disputes: 0 };
  const { written, audit } =
    database.kind === 'pglite'
      ? await writeBatch(database.db, bulkWriter(database), world, batch)
      : await database.db.transaction((tx) => writeBatch(tx, bulkWriter(database, tx), world, batch));
  await trail.add(audit);
  return written;
}

async function writeBatch(
  db: DbOrTx,
  bulk: BulkWriter,
  world: World,
  batch: EvalSeed[],
): Promise<{ written: WrittenEvaluations; audit: TrailEntry[] }> {
  const seeds = [...batch].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const window = world.windowDays * DAY_MS;
  const evaluationIds = await bulk.ids('evaluations', seeds.length);
  const rows = seeds.map((e, i) => {
    const final = e.dispute?.corrected ?? e;
    const closed = closedAt(e);
    const agent = e.item.agent;
    return {
      id: evaluationIds[i],
      interaction_id: e.item.contact?.id ?? null,
      agent_id: agent.id,
      evaluator_id: e.item.inspector.id,
      form_id: e.form.id,
      form_version_id: e.form.versionId,
      method: e.item.method,
      phase: e.phase,
      test_call_scenario_id: e.scenarioId,
      status: statusOf(e),
      local_date: e.item.date,
      revision: e.dispute?.corrected ? 2 : 1,
      score: final.score,
      fatal: final.fatal,
      passed: final.passed,
      failed_item_ids: final.failed_item_ids,
      na_item_ids: final.na_item_ids,
      positives: e.positives,
      negatives: e.negatives,
      submitted_at: iso(e.submittedAt),
      ack_due_at: e.submittedAt ? iso(new Date((closed ?? e.submittedAt).getTime() + window)) : null,
      acknowledged_at: iso(e.ackAt),
      acknowledged_by: e.ackAt ? agent.id : null,
      ack_ip: e.ackAt ? agent.ip : null,
      ack_user_agent: e.ackAt ? USER_AGENT : null,
      ack_signature: e.ackAt ? agent.name : null,
      countersigned_at: iso(e.countersignAt),
      countersigned_by: e.countersignAt ? agent.leader.id : null,
      countersign_ip: e.countersignAt ? agent.leader.ip : null,
      countersign_signature: e.countersignAt ? agent.leader.name : null,
      created_at: iso(e.createdAt),
      updated_at: iso(
        latest(
          e.createdAt,
          e.submittedAt,
          e.ackAt,
          e.countersignAt,
          e.dispute?.raisedAt,
          e.dispute?.leader?.at,
          e.dispute?.review?.at,
        ),
      ),
      version:
        1 +
        (e.ackAt ? 1 : 0) +
        (e.countersignAt ? 1 : 0) +
        (e.dispute ? 1 + (e.dispute.leader ? 1 : 0) + (e.dispute.review ? 1 : 0) : 0),
    };
  });
  await bulk.insert(
    'evaluations',
    `id bigint, interaction_id bigint, agent_id int, evaluator_id int, form_id int, form_version_id int, method text,
     phase text, test_call_scenario_id int, status text, local_date date, revision int, score numeric, fatal boolean,
     passed boolean, failed_item_ids int[], na_item_ids int[], positives text, negatives text, submitted_at timestamptz, ack_due_at timestamptz,
     acknowledged_at timestamptz, acknowledged_by int, ack_ip text, ack_user_agent text, ack_signature text,
     countersigned_at timestamptz, countersigned_by int, countersign_ip text, countersign_signature text,
     created_at timestamptz, updated_at timestamptz, version int`,
    rows,
  );
  const ids = evaluationIds.map((id) => ({ id }));

  const answers: object[] = [];
  const revisions: object[] = [];
  const marks: object[] = [];
  const disputes: object[] = [];
  const inbox: object[] = [];
  const done: object[] = [];
  const audit: TrailEntry[] = [];
  seeds.forEach((e, i) => {
    const id = ids[i]?.id;
    if (id === undefined) return;
    const agent = e.item.agent;
    const inspector = e.item.inspector;
    const as = (p: { id: number; username: string; ip: string }, at: Date) => ({
      at,
      actorId: p.id,
      actorUsername: p.username,
      ip: p.ip,
      entityType: 'evaluation',
      entityId: id,
    });
    for (const a of e.answers) answers.push({ evaluation_id: id, revision: 1, ...a });
    const input = {
      interaction_id: e.item.contact?.id,
      agent_id: e.item.contact ? undefined : agent.id,
      form_id: e.form.id,
      method: e.item.method,
      phase: e.phase,
      test_call_scenario_id: e.scenarioId ?? undefined,
      assignment_id: e.item.assignmentId ?? undefined,
      answers: e.answers,
      positives: e.positives ?? undefined,
      negatives: e.negatives ?? undefined,
      marks: e.mark ? [e.mark] : undefined,
      submit: e.submittedAt !== null,
    };
    audit.push({
      ...as(inspector, e.submittedAt ?? e.createdAt),
      action: 'evaluation.create',
      after: {
        ...input,
        answers: answersInBrief(input.answers),
        score: e.score,
        fatal: e.fatal,
        passed: e.passed,
      },
    });
    if (e.mark)
      marks.push({ evaluation_id: id, ...e.mark, created_by: inspector.id, created_at: iso(e.createdAt) });
    if (!e.submittedAt) return;
    audit.push({ ...as(inspector, e.submittedAt), action: 'evaluation.submit', after: { score: e.score } });
    if (e.item.assignmentId !== null) {
      done.push({
        id: e.item.assignmentId,
        evaluation_id: id,
        assignee_id: inspector.id,
        at: iso(e.submittedAt),
      });
      audit.push({
        ...as(inspector, e.submittedAt),
        entityType: 'assignment',
        entityId: e.item.assignmentId,
        action: 'assignment.complete',
        before: { status: 'pending', assignee_id: inspector.id, version: 1 },
        after: {
          status: 'done',
          assignee_id: inspector.id,
          evaluation_id: id,
          via: 'assignment_id',
          version: 2,
        },
      });
    }
    const d = e.dispute;
    revisions.push({
      evaluation_id: id,
      revision: 1,
      score: e.score,
      fatal: e.fatal,
      passed: e.passed,
      created_by: inspector.id,
      created_at: iso(e.submittedAt),
      reason: null,
      retracted_at: d?.corrected ? iso(d.review?.at) : null,
    });
    inbox.push({
      user_id: agent.id,
      kind: 'evaluation_submitted',
      entity_id: id,
      data: { score: e.score },
      created_at: iso(e.submittedAt),
      read_at: iso(d?.raisedAt ?? e.ackAt),
    });
    if (d) {
      const leader = agent.leader;
      const lead = world.lead;
      audit.push({
        ...as(agent, d.raisedAt),
        action: 'dispute.create',
        after: { dispute_id: `#${disputes.length}`, reason: d.reason, item_ids: d.itemIds },
      });
      inbox.push({
        user_id: leader.id,
        kind: 'dispute_raised',
        entity_id: id,
        data: { agent_name: agent.name },
        created_at: iso(d.raisedAt),
        read_at: iso(d.leader?.at),
      });
      if (d.leader) {
        audit.push({
          ...as(leader, d.leader.at),
          action: d.leader.decision === 'upheld' ? 'dispute.leader_uphold' : 'dispute.leader_forward',
          after: { dispute_id: `#${disputes.length}`, note: LEADER_NOTES[d.leader.decision] },
        });
        if (d.leader.decision === 'forwarded')
          inbox.push({
            user_id: lead.id,
            kind: 'dispute_forwarded',
            entity_id: id,
            data: { agent_name: agent.name },
            created_at: iso(d.leader.at),
            read_at: iso(d.review?.at),
          });
      }
      if (d.review) {
        audit.push({
          ...as(lead, d.review.at),
          action: d.review.decision === 'upheld' ? 'dispute.review_uphold' : 'dispute.review_correct',
          before: { score: e.score, revision: 1 },
          after: {
            dispute_id: `#${disputes.length}`,
            note: REVIEW_NOTES[d.review.decision],
            inspector_error: d.review.decision === 'corrected',
          },
        });
      }
      if (d.corrected && d.review) {
        revisions.push({
          evaluation_id: id,
          revision: 2,
          ...d.corrected,
          answers: undefined,
          created_by: lead.id,
          created_at: iso(d.review.at),
          reason: REVIEW_NOTES.corrected,
          retracted_at: null,
        });
        for (const a of d.corrected.answers) answers.push({ evaluation_id: id, revision: 2, ...a });
      }
      const closed = closedAt(e);
      if (closed) {
        const corrected = d.review?.decision === 'corrected';
        for (const user of corrected ? [agent.id, inspector.id] : [agent.id])
          inbox.push({
            user_id: user,
            kind: corrected ? 'dispute_corrected' : 'dispute_upheld',
            entity_id: id,
            data: corrected ? { old_score: e.score, new_score: d.corrected?.score ?? null } : {},
            created_at: iso(closed),
            read_at: user === agent.id ? iso(e.ackAt) : iso(new Date(closed.getTime() + 3_600_000)),
          });
      }
      disputes.push({
        evaluation_id: id,
        raised_by: agent.id,
        reason: d.reason,
        item_ids: d.itemIds,
        status: !d.leader
          ? 'team_leader'
          : d.leader.decision === 'upheld'
            ? 'upheld'
            : (d.review?.decision ?? 'qa_review'),
        leader_decision: d.leader?.decision ?? null,
        leader_note: d.leader ? LEADER_NOTES[d.leader.decision] : null,
        leader_id: d.leader ? leader.id : null,
        leader_decided_at: iso(d.leader?.at),
        reviewer_decision: d.review?.decision ?? null,
        reviewer_note: d.review ? REVIEW_NOTES[d.review.decision] : null,
        reviewer_id: d.review ? lead.id : null,
        reviewed_at: iso(d.review?.at),
        inspector_error: d.review ? d.review.decision === 'corrected' : null,
        evaluator_id: inspector.id,
        created_at: iso(d.raisedAt),
        closed_at: iso(closed),
        version: 1 + (d.leader ? 1 : 0) + (d.review ? 1 : 0),
      });
    }
    if (e.ackAt) {
      audit.push({
        ...as(agent, e.ackAt),
        action: 'evaluation.acknowledge',
        after: { signature: agent.name, ip: agent.ip, user_agent: USER_AGENT },
      });
      inbox.push({
        user_id: agent.leader.id,
        kind: 'evaluation_acknowledged',
        entity_id: id,
        data: { agent_name: agent.name },
        created_at: iso(e.ackAt),
        read_at: iso(e.countersignAt),
      });
    }
    if (e.countersignAt)
      audit.push({
        ...as(agent.leader, e.countersignAt),
        action: 'evaluation.countersign',
        after: { signature: agent.leader.name, ip: agent.leader.ip },
      });
  });

  await bulk.insert(
    'evaluation_answers',
    'evaluation_id bigint, revision int, item_id int, result text, comment text',
    answers,
  );
  await bulk.insert(
    'evaluation_revisions',
    'evaluation_id bigint, revision int, score numeric, fatal boolean, passed boolean, created_by int, created_at timestamptz, reason text, retracted_at timestamptz',
    revisions,
  );
  await bulk.insert(
    'evaluation_marks',
    'evaluation_id bigint, at_s numeric, turn_index int, text text, created_by int, created_at timestamptz',
    marks,
  );
  const disputeIds = await bulk.ids('disputes', disputes.length);
  disputes.forEach((d, i) => Object.assign(d, { id: disputeIds[i] }));
  await bulk.insert(
    'disputes',
    `id bigint, evaluation_id bigint, raised_by int, reason text, item_ids int[], status text, leader_decision text,
     leader_note text, leader_id int, leader_decided_at timestamptz, reviewer_decision text, reviewer_note text,
     reviewer_id int, reviewed_at timestamptz, inspector_error boolean, evaluator_id int, created_at timestamptz,
     closed_at timestamptz, version int`,
    disputes,
  );
  // The audit entries and inbox messages name the dispute by its id, known only now.
  const disputeByEvaluation = new Map(
    disputes.map((d, i) => [(d as { evaluation_id: number }).evaluation_id, disputeIds[i] ?? null]),
  );
  for (const entry of audit) {
    const after = entry.after as { dispute_id?: unknown } | undefined;
    if (typeof after?.dispute_id === 'string')
      after.dispute_id = disputeByEvaluation.get(Number(entry.entityId)) ?? null;
  }
  for (const n of inbox as { kind: string; entity_id: number; data: Record<string, unknown> }[]) {
    if (n.kind.startsWith('dispute_')) n.data.dispute_id = disputeByEvaluation.get(n.entity_id) ?? null;
  }
  await bulk.insert(
    'notifications',
    'user_id int, kind text, entity_type text, entity_id text, data jsonb, created_at timestamptz, read_at timestamptz',
    inbox.map((n) => ({ ...n, entity_type: 'evaluation' })),
  );
  if (done.length > 0) {
    await db.execute(sql`
      update assignments a set status = 'done', evaluation_id = d.evaluation_id, assignee_id = d.assignee_id,
        completed_at = d.at, updated_at = d.at, version = a.version + 1
      from jsonb_to_recordset(${JSON.stringify(done)}::jsonb) as d(id bigint, evaluation_id bigint, assignee_id int, at timestamptz)
      where a.id = d.id`);
  }
  await db.execute(sql`
    update form_versions fv set used_at = least(coalesce(fv.used_at, u.first), u.first)
    from (select form_version_id, min(created_at) as first from evaluations where id between ${ids[0]?.id ?? 0} and ${ids.at(-1)?.id ?? 0}
          group by form_version_id) u
    where fv.id = u.form_version_id`);
  return { written: { evaluations: ids.length, disputes: disputes.length }, audit };
}
