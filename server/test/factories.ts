import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import {
  apiTokens,
  formItems,
  formQueues,
  formSections,
  formVersions,
  forms,
  interactions,
  queues,
  teams,
  users,
} from '../src/db/schema/index.ts';
import type { Role } from '../../shared/roles.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { newSecret, sha256Hex } from '../src/modules/auth/secret.ts';

/** The password every factory user has. */
export const TEST_PASSWORD = 'test-password-1';
let passwordHash: Promise<string> | null = null;

const uniq = () => randomBytes(4).toString('hex');

export type BuiltUser = { id: number; username: string; team_id: number | null; roles: Role[] };

/** A team; with `leader`, also a team leader who leads it. */
export async function buildTeam(
  db: Db,
  overrides: { name?: string; leaderId?: number | null } = {},
): Promise<{ id: number; name: string }> {
  const [team] = await db
    .insert(teams)
    .values({ name: overrides.name ?? `Team ${uniq()}`, leader_id: overrides.leaderId ?? null })
    .returning({ id: teams.id, name: teams.name });
  if (!team) throw new Error('no team');
  return team;
}

/** A user with the given roles (default agent) in the given team (default: none). */
export async function buildUser(
  db: Db,
  overrides: {
    roles?: Role[];
    teamId?: number | null;
    username?: string;
    displayName?: string;
    active?: boolean;
    hireDate?: string | null;
  } = {},
): Promise<BuiltUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const roles = overrides.roles ?? ['agent'];
  const username = overrides.username ?? `${roles[0] ?? 'user'}.${uniq()}`;
  const [user] = await db
    .insert(users)
    .values({
      username,
      display_name: overrides.displayName ?? username,
      password_hash: await passwordHash,
      roles,
      team_id: overrides.teamId ?? null,
      active: overrides.active ?? true,
      hire_date: overrides.hireDate ?? null,
    })
    .returning({ id: users.id, username: users.username, team_id: users.team_id });
  if (!user) throw new Error('no user');
  return { ...user, roles };
}

/** A team with its leader (role team_leader) and `agents` agents. */
export async function buildTeamWithMembers(
  db: Db,
  agents = 2,
): Promise<{ team: { id: number; name: string }; leader: BuiltUser; agents: BuiltUser[] }> {
  const team = await buildTeam(db);
  const leader = await buildUser(db, { roles: ['team_leader'], teamId: team.id });
  await db.update(teams).set({ leader_id: leader.id }).where(eq(teams.id, team.id));
  const members: BuiltUser[] = [];
  for (let i = 0; i < agents; i++) members.push(await buildUser(db, { roles: ['agent'], teamId: team.id }));
  return { team, leader, agents: members };
}

export async function buildQueue(
  db: Db,
  overrides: { code?: string; name?: string } = {},
): Promise<{ id: number; code: string }> {
  const code = overrides.code ?? `q-${uniq()}`;
  const [queue] = await db
    .insert(queues)
    .values({ code, name: overrides.name ?? code })
    .returning({ id: queues.id, code: queues.code });
  if (!queue) throw new Error('no queue');
  return queue;
}

/** An API token acting as `userId`; answers the secret to send as `Bearer`. */
export async function buildApiToken(
  db: Db,
  overrides: { userId: number; name?: string; expiresAt?: Date | null; revokedAt?: Date | null },
): Promise<{ id: number; secret: string }> {
  const secret = `zj_${newSecret()}`;
  const [token] = await db
    .insert(apiTokens)
    .values({
      name: overrides.name ?? `token ${uniq()}`,
      token_hash: sha256Hex(secret),
      prefix: secret.slice(0, 10),
      user_id: overrides.userId,
      expires_at: overrides.expiresAt ?? null,
      revoked_at: overrides.revokedAt ?? null,
    })
    .returning({ id: apiTokens.id });
  if (!token) throw new Error('no token');
  return { id: token.id, secret };
}

export type BuiltInteraction = { id: number; external_id: string; agent_id: number; started_at: Date };

/** An interaction inserted directly (not through an import); every column can be overridden. */
export async function buildInteraction(
  db: Db,
  overrides: {
    agentId: number;
    externalId?: string;
    startedAt?: Date | string;
    durationS?: number;
    channel?: 'call' | 'chat' | 'email';
    direction?: 'inbound' | 'outbound';
    queueId?: number | null;
    customerRef?: string | null;
    recordingUrl?: string | null;
    transcript?: { speaker: 'agent' | 'customer'; start_s: number; end_s: number; text: string }[] | null;
  },
): Promise<BuiltInteraction> {
  const startedAt = new Date(overrides.startedAt ?? '2026-11-02T01:30:00Z');
  const [row] = await db
    .insert(interactions)
    .values({
      external_id: overrides.externalId ?? `ext-${uniq()}${uniq()}`,
      agent_id: overrides.agentId,
      started_at: startedAt,
      duration_s: overrides.durationS ?? 120,
      channel: overrides.channel ?? 'call',
      direction: overrides.direction ?? 'inbound',
      queue_id: overrides.queueId ?? null,
      customer_ref: overrides.customerRef ?? null,
      recording_url: overrides.recordingUrl ?? null,
      transcript: overrides.transcript ?? null,
      content_hash: uniq(),
    })
    .returning({
      id: interactions.id,
      external_id: interactions.external_id,
      agent_id: interactions.agent_id,
      started_at: interactions.started_at,
    });
  if (!row) throw new Error('no interaction');
  return row;
}

export type FormItemSeed = { text?: string; category?: string; points?: number; fatal?: boolean };

/**
 * A scorecard (version 1, unused) inserted directly: `sections` is a list of item lists; by
 * default one section with a 10-point `knowledge` item and a fatal 20-point `process` item.
 */
export async function buildForm(
  db: Db,
  overrides: {
    name?: string;
    passMark?: number;
    queueIds?: number[];
    status?: 'active' | 'archived';
    sections?: FormItemSeed[][];
  } = {},
): Promise<{ id: number; formVersionId: number; itemIds: number[] }> {
  const [form] = await db
    .insert(forms)
    .values({ name: overrides.name ?? `Form ${uniq()}`, status: overrides.status ?? 'active' })
    .returning({ id: forms.id });
  if (!form) throw new Error('no form');
  const [version] = await db
    .insert(formVersions)
    .values({ form_id: form.id, version: 1, pass_mark: overrides.passMark ?? 80 })
    .returning({ id: formVersions.id });
  if (!version) throw new Error('no form version');
  const sections = overrides.sections ?? [
    [
      { text: 'Greets the customer', category: 'phrasing', points: 10 },
      { text: 'Verifies identity', category: 'process', points: 20, fatal: true },
    ],
  ];
  const itemIds: number[] = [];
  let position = 0;
  for (const [s, items] of sections.entries()) {
    const [section] = await db
      .insert(formSections)
      .values({ form_version_id: version.id, position: s, title: `Section ${s + 1}` })
      .returning({ id: formSections.id });
    if (!section) throw new Error('no section');
    for (const item of items) {
      const [created] = await db
        .insert(formItems)
        .values({
          form_version_id: version.id,
          section_id: section.id,
          position: position++,
          item_key: `key-${uniq()}`,
          text: item.text ?? `Item ${position}`,
          category_key: item.category ?? 'knowledge',
          points: item.points ?? 10,
          fatal: item.fatal ?? false,
        })
        .returning({ id: formItems.id });
      if (!created) throw new Error('no item');
      itemIds.push(created.id);
    }
  }
  for (const queueId of overrides.queueIds ?? [])
    await db.insert(formQueues).values({ form_id: form.id, queue_id: queueId });
  return { id: form.id, formVersionId: version.id, itemIds };
}

// Work-queue assignments (normally made by the daily sampling run).
import { assignments as assignmentsTable } from '../src/db/schema/sampling.ts';
import { localDateOf as localDateOfForAssignment } from '../../shared/time.ts';

export type BuiltAssignment = {
  id: number;
  interaction_id: number;
  agent_id: number;
  assignee_id: number | null;
  date: string;
  due_date: string;
  status: string;
  version: number;
};

/**
 * An assignment inserted directly, as the sampling run would make it. Without `interactionId` a
 * fresh interaction of `agentId` is made (at `startedAt`). `date` defaults to the interaction's
 * local date in Asia/Shanghai, `dueDate` to `date`; `status` to pending (unassigned when
 * `assigneeId` is null).
 */
export async function buildAssignment(
  db: Db,
  overrides: {
    agentId: number;
    assigneeId: number | null;
    interactionId?: number;
    startedAt?: Date | string;
    date?: string;
    dueDate?: string;
    status?: 'pending' | 'unassigned' | 'done' | 'skipped';
    strategy?: 'random' | 'targeted' | 'quantitative';
    rule?: string | null;
    skipReason?: string | null;
  },
): Promise<BuiltAssignment> {
  let interactionId = overrides.interactionId;
  let startedAt = new Date(overrides.startedAt ?? '2026-11-02T01:30:00Z');
  if (interactionId === undefined) {
    const interaction = await buildInteraction(db, { agentId: overrides.agentId, startedAt });
    interactionId = interaction.id;
  } else {
    const [row] = await db
      .select({ started_at: interactions.started_at })
      .from(interactions)
      .where(eq(interactions.id, interactionId));
    if (row) startedAt = row.started_at;
  }
  const date = overrides.date ?? localDateOfForAssignment(startedAt, 'Asia/Shanghai');
  const [row] = await db
    .insert(assignmentsTable)
    .values({
      interaction_id: interactionId,
      agent_id: overrides.agentId,
      assignee_id: overrides.assigneeId,
      date,
      due_date: overrides.dueDate ?? date,
      status: overrides.status ?? (overrides.assigneeId === null ? 'unassigned' : 'pending'),
      strategy: overrides.strategy ?? 'random',
      rule: overrides.rule ?? null,
      skip_reason: overrides.skipReason ?? null,
    })
    .returning({
      id: assignmentsTable.id,
      interaction_id: assignmentsTable.interaction_id,
      agent_id: assignmentsTable.agent_id,
      assignee_id: assignmentsTable.assignee_id,
      date: assignmentsTable.date,
      due_date: assignmentsTable.due_date,
      status: assignmentsTable.status,
      version: assignmentsTable.version,
    });
  if (!row) throw new Error('no assignment');
  return row;
}
