import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { TDispute } from '../../../../shared/schemas/evaluation.ts';

type DisputeRow = Omit<
  TDispute,
  'created_at' | 'closed_at' | 'leader_decided_at' | 'reviewed_at' | 'evaluation_id'
> & {
  evaluation_id: string | number;
  team_id: number | null;
  created_at: Date | string;
  closed_at: Date | string | null;
  leader_decided_at: Date | string | null;
  reviewed_at: Date | string | null;
};
export type { DisputeRow };

export const SELECT_DISPUTE = sql`
  select d.id, d.evaluation_id, d.status, d.reason, d.item_ids, d.raised_by, r.display_name as raised_by_name,
    e.agent_id, a.display_name as agent_name, a.team_id, d.evaluator_id,
    v.display_name as evaluator_name, d.leader_decision, d.leader_note,
    l.display_name as leader_name, d.leader_decided_at, d.reviewer_decision, d.reviewer_note,
    q.display_name as reviewer_name, d.reviewed_at, d.inspector_error, d.created_at, d.closed_at, d.version
  from disputes d join evaluations e on e.id = d.evaluation_id join users a on a.id = e.agent_id
    join users r on r.id = d.raised_by join users v on v.id = d.evaluator_id left join users l on l.id = d.leader_id left join users q on q.id = d.reviewer_id`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentDispute(r: DisputeRow): TDispute {
  return {
    id: r.id,
    evaluation_id: Number(r.evaluation_id),
    status: r.status,
    reason: r.reason,
    item_ids: r.item_ids ?? [],
    raised_by: r.raised_by,
    raised_by_name: r.raised_by_name,
    agent_id: r.agent_id,
    agent_name: r.agent_name,
    evaluator_id: r.evaluator_id,
    evaluator_name: r.evaluator_name,
    leader_decision: r.leader_decision,
    leader_note: r.leader_note,
    leader_name: r.leader_name,
    leader_decided_at: iso(r.leader_decided_at),
    reviewer_decision: r.reviewer_decision,
    reviewer_note: r.reviewer_note,
    reviewer_name: r.reviewer_name,
    reviewed_at: iso(r.reviewed_at),
    inspector_error: r.inspector_error,
    created_at: new Date(r.created_at).toISOString(),
    closed_at: iso(r.closed_at),
    version: r.version,
  };
}

export async function findDisputes(db: DbOrTx, where: SQL, limit = 500): Promise<DisputeRow[]> {
  return queryRows<DisputeRow>(db, sql`${SELECT_DISPUTE} where ${where} order by d.id desc limit ${limit}`);
}

/** One page of disputes after a keyset position, newest first (`d.id desc`). */
export async function findDisputePage(
  db: DbOrTx,
  page: { where: SQL; after: SQL; orderBy: SQL; limit: number },
): Promise<DisputeRow[]> {
  return queryRows<DisputeRow>(
    db,
    sql`${SELECT_DISPUTE} where ${page.where} and ${page.after} order by ${page.orderBy} limit ${page.limit}`,
  );
}

/** How many disputes match (the list's `total`, across pages). */
export async function countDisputes(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from disputes d join evaluations e on e.id = d.evaluation_id
          join users a on a.id = e.agent_id where ${where}`,
  );
  return row?.n ?? 0;
}
