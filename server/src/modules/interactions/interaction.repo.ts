import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { TTranscriptTurn } from '../../../../shared/schemas/interaction.ts';
import type { InteractionRow } from './interaction.presenter.ts';

export const SELECT_INTERACTION = sql`
  select i.id, i.external_id, i.agent_id, u.username as agent_username, u.display_name as agent_name,
    u.team_id, i.started_at, i.duration_s, i.channel, i.direction, i.queue_id, q.code as queue,
    i.customer_ref, i.recording_url, i.recording_file, i.recording_mime, i.recording_bytes,
    i.transcript is not null as has_transcript, i.import_id, i.created_at, i.updated_at
  from interactions i join users u on u.id = i.agent_id left join queues q on q.id = i.queue_id`;

export async function findInteractionRows(
  db: DbOrTx,
  page: { where: SQL; after: SQL; orderBy: SQL; limit: number },
): Promise<InteractionRow[]> {
  return queryRows<InteractionRow>(
    db,
    sql`${SELECT_INTERACTION} where ${page.where} and ${page.after} order by ${page.orderBy} limit ${page.limit}`,
  );
}

export async function countInteractions(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from interactions i join users u on u.id = i.agent_id where ${where}`,
  );
  return row?.n ?? 0;
}

/** Whose interaction this is (for the policy), without reading the row's transcript; null if none. */
export async function findInteractionOwner(
  db: DbOrTx,
  id: number,
): Promise<{ agent_id: number; team_id: number | null } | null> {
  const rows = await queryRows<{ agent_id: number; team_id: number | null }>(
    db,
    sql`select i.agent_id, u.team_id from interactions i join users u on u.id = i.agent_id where i.id = ${id}`,
  );
  return rows[0] ?? null;
}

/** A submitted (non-draft) evaluation of the interaction: it cites the recording as evidence. */
const CITED_SQL = (id: number): SQL =>
  sql`exists (select 1 from evaluations e where e.interaction_id = ${id} and e.status <> 'draft')`;

export type InteractionDetailRow = InteractionRow & { transcript: TTranscriptTurn[] | null; cited: boolean };

export async function findInteraction(db: DbOrTx, id: number): Promise<InteractionDetailRow | null> {
  const rows = await queryRows<InteractionDetailRow>(
    db,
    sql`select x.*, (select transcript from interactions where id = ${id}) as transcript,
          ${CITED_SQL(id)} as cited
        from (${SELECT_INTERACTION} where i.id = ${id}) x`,
  );
  return rows[0] ?? null;
}

/**
 * The interaction's recording and the submitted evaluations that cite it. With `lock` (in the
 * caller's transaction) the interaction and its evaluations are locked: an upload that checks them
 * cannot interleave with another upload, nor with a draft of this interaction being submitted.
 */
export async function recordingEvidence(
  db: DbOrTx,
  id: number,
  lock: boolean,
): Promise<{ recording: boolean; file: string | null; citedBy: number[] }> {
  const forUpdate = lock ? sql` for update` : sql``;
  const [row] = await queryRows<{ recording: boolean; file: string | null }>(
    db,
    sql`select (recording_file is not null or recording_url is not null) as recording, recording_file as file
        from interactions where id = ${id}${forUpdate}`,
  );
  const evaluations = await queryRows<{ id: string | number; status: string }>(
    db,
    sql`select id, status from evaluations where interaction_id = ${id} order by id${forUpdate}`,
  );
  return {
    recording: row?.recording ?? false,
    file: row?.file ?? null,
    citedBy: evaluations.filter((e) => e.status !== 'draft').map((e) => Number(e.id)),
  };
}
