import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import type { Center, GeneratedPerson } from './center.ts';
import type { GeneratedInteraction } from './interactions.ts';

export type SeededCenter = {
  queueIdByCode: Map<string, number>;
  teamIds: number[];
  userIdByUsername: Map<string, number>;
};

type UserSeed = {
  username: string;
  display_name: string;
  roles: string[];
  team_id: number | null;
  hire_date: string;
};

/**
 * Writes a generated center straight into the database (queues, teams, users with their roles and
 * queues, team leaders), in a few set-based statements: for benchmarks, the demo and test
 * factories, not an audited change. Every user gets `passwordHash` (hash it once, with
 * hashPassword, when the accounts must sign in). Run it inside a transaction to make it all-or-nothing.
 */
export async function insertCenter(db: DbOrTx, center: Center, passwordHash: string): Promise<SeededCenter> {
  const queueRows = await queryRows<{ id: number; code: string }>(
    db,
    sql`insert into queues (code, name)
        select code, name from jsonb_to_recordset(${JSON.stringify(center.queues)}::jsonb) as x(code text, name text)
        returning id, code`,
  );
  const queueIdByCode = new Map(queueRows.map((q) => [q.code, q.id]));

  const teamIds: number[] = [];
  for (const team of center.teams) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into teams (name) values (${team.name}) returning id`,
    );
    if (!row) throw new Error('team insert returned nothing');
    teamIds.push(row.id);
  }
  const userIdByUsername = await insertPeople(db, center, passwordHash, { queueIdByCode, teamIds });
  return { queueIdByCode, teamIds, userIdByUsername };
}

/**
 * Writes the people of a generated center whose queues and teams exist already (`teamIds` in the
 * order of `center.teams`): team leaders (made leaders of their teams), CSRs with their queues,
 * inspectors and the QA lead. Answers their ids by username. With `setLeaders: false` the teams'
 * leaders are left for the caller to set (the demo does it through the API, as an admin would).
 */
export async function insertPeople(
  db: DbOrTx,
  center: Center,
  passwordHash: string,
  ids: { queueIdByCode: Map<string, number>; teamIds: number[]; setLeaders?: boolean },
): Promise<Map<string, number>> {
  const { queueIdByCode, teamIds } = ids;
  const person = (p: GeneratedPerson, roles: string[], team: number | null): UserSeed => ({
    username: p.username,
    display_name: p.displayName,
    roles,
    team_id: team,
    hire_date: p.hireDate,
  });
  const seeds: UserSeed[] = [
    ...center.teams.map((t, i) => person(t.leader, ['team_leader'], teamIds[i] ?? null)),
    ...center.agents.map((a) => person(a, ['agent'], teamIds[a.team] ?? null)),
    ...center.inspectors.map((p) => person(p, ['qa'], null)),
    person(center.qaLead, ['qa_lead', 'qa'], null),
  ];
  const userRows = await queryRows<{ id: number; username: string }>(
    db,
    sql`insert into users (username, display_name, password_hash, roles, team_id, hire_date)
        select username, display_name, ${passwordHash}, array(select jsonb_array_elements_text(roles)), team_id, hire_date::date
        from jsonb_to_recordset(${JSON.stringify(seeds)}::jsonb)
          as x(username text, display_name text, roles jsonb, team_id int, hire_date text)
        returning id, username`,
  );
  const userIdByUsername = new Map(userRows.map((u) => [u.username, u.id]));

  for (const [i, team] of center.teams.entries()) {
    if (ids.setLeaders === false) break;
    await db.execute(
      sql`update teams set leader_id = ${userIdByUsername.get(team.leader.username) ?? null} where id = ${teamIds[i] ?? 0}`,
    );
  }
  const memberships = center.agents.flatMap((a) =>
    a.queues.map((code) => ({
      user_id: userIdByUsername.get(a.username),
      queue_id: queueIdByCode.get(code),
    })),
  );
  if (memberships.length > 0) {
    await db.execute(
      sql`insert into user_queues (user_id, queue_id)
          select user_id, queue_id from jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb) as x(user_id int, queue_id int)`,
    );
  }
  return userIdByUsername;
}

/**
 * Writes generated interactions straight into the table (not through the import, not audited), in
 * chunks: for the demo's bulk days, test factories and benchmarks. `createdAt` dates each row (by
 * default the database's now). Rows of unknown agents are skipped. Answers the ids by external id.
 */
export async function insertInteractions(
  db: DbOrTx,
  rows: Iterable<GeneratedInteraction>,
  ids: { agents: Map<string, number>; queues: Map<string, number> },
  createdAt?: (row: GeneratedInteraction) => Date,
): Promise<Map<string, number>> {
  const idByExternalId = new Map<string, number>();
  let chunk: object[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const inserted = await queryRows<{ id: number; external_id: string }>(
      db,
      sql`insert into interactions (external_id, agent_id, started_at, duration_s, channel, direction, queue_id,
            customer_ref, recording_url, transcript, content_hash, created_at, updated_at)
          select external_id, agent_id, started_at, duration_s, channel, direction, queue_id, customer_ref,
            recording_url, transcript::jsonb, content_hash, coalesce(created_at, now()), coalesce(created_at, now())
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(external_id text, agent_id int,
            started_at timestamptz, duration_s int, channel text, direction text, queue_id int, customer_ref text,
            recording_url text, transcript text, content_hash text, created_at timestamptz)
          returning id::int as id, external_id`,
    );
    for (const r of inserted) idByExternalId.set(r.external_id, r.id);
    chunk = [];
  };
  for (const r of rows) {
    const agentId = ids.agents.get(r.agent);
    if (agentId === undefined) continue;
    chunk.push({
      external_id: r.external_id,
      agent_id: agentId,
      started_at: r.started_at,
      duration_s: Math.round(r.duration_s),
      channel: r.channel,
      direction: r.direction,
      queue_id: ids.queues.get(r.queue) ?? null,
      customer_ref: r.customer_ref,
      recording_url: r.recording_url,
      transcript: r.transcript ? JSON.stringify(r.transcript) : null,
      content_hash: r.external_id,
      created_at: createdAt ? createdAt(r).toISOString() : null,
    });
    if (chunk.length >= 2000) await flush();
  }
  await flush();
  return idByExternalId;
}
