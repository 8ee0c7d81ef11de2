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

export async function findInteraction(
  db: DbOrTx,
  id: number,
): Promise<(InteractionRow & { transcript: TTranscriptTurn[] | null }) | null> {
  const rows = await queryRows<InteractionRow & { transcript: TTranscriptTurn[] | null }>(
    db,
    sql`select x.*, (select transcript from interactions where id = ${id}) as transcript
        from (${SELECT_INTERACTION} where i.id = ${id}) x`,
  );
  return rows[0] ?? null;
}
