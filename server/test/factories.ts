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

// The one data generator (server/src/generator), for tests that want realistic data: Chinese names,
// speaker-turned transcripts with known traits, a whole center and its contacts. The factories above
// keep their plain defaults (some tests read a user's display name as their username).
import {
  type Center,
  type CenterOptions,
  type GeneratedAgent,
  type InteractionOptions,
  type InteractionTraits,
  type Topic,
  type TranscriptTurn,
  createRng,
  deriveSeed,
  generateCenter,
  generateTranscript,
  insertCenter,
  insertInteractions,
  interactionRows,
  randomName,
} from '../src/generator/index.ts';

/** A Chinese display name and a pinyin username from it (with a random suffix, so it is free). */
export function generatedName(seed = 1): { displayName: string; username: string } {
  const name = randomName(createRng(deriveSeed(seed, 'factory-name')));
  return { displayName: name.displayName, username: `${name.pinyin}.${uniq()}` };
}

/**
 * A speaker-turned Chinese transcript, for `buildInteraction({ transcript })`, with the traits it was
 * built to have (standard greeting and closing, forbidden phrases, the longest silence, hold time),
 * so a test of automatic QA knows the right answer. A lower `discipline` (0–1) makes more slips.
 */
export function generatedTranscript(
  options: { seed?: number; discipline?: number; topic?: Topic; channel?: 'call' | 'chat' } = {},
): { turns: TranscriptTurn[]; traits: InteractionTraits } {
  const agent: GeneratedAgent = {
    username: 'agent',
    displayName: '客服',
    gender: 'f',
    hireDate: '2026-01-01',
    team: 0,
    queues: [],
    probation: false,
    discipline: options.discipline ?? 0.9,
    shift: 'early',
  };
  const rng = createRng(deriveSeed(options.seed ?? 1, 'factory-transcript'));
  return generateTranscript(rng, agent, '1001', options.topic ?? 'billing', options.channel ?? 'call');
}

export type BuiltCenter = {
  center: Center;
  queueIdByCode: Map<string, number>;
  teamIds: number[];
  userIdByUsername: Map<string, number>;
};

/**
 * A generated center (queues, teams with leaders, CSRs with their queues, inspectors, a QA lead),
 * inserted as the demo and the benchmarks insert it; everyone signs in with TEST_PASSWORD. Once per
 * database: queue codes and usernames come from the seed.
 */
export async function buildGeneratedCenter(db: Db, options: CenterOptions): Promise<BuiltCenter> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const center = generateCenter(options);
  const seeded = await insertCenter(db, center, await passwordHash);
  return { center, ...seeded };
}

/** The center's generated contacts (calls, chats, emails; some with transcripts) inserted directly. */
export async function buildGeneratedInteractions(
  db: Db,
  built: BuiltCenter,
  options: Omit<InteractionOptions, 'center' | 'seed'> & { seed?: number } = {},
): Promise<Map<string, number>> {
  const rows = interactionRows({ seed: built.center.seed, ...options, center: built.center });
  return insertInteractions(db, rows, { agents: built.userIdByUsername, queues: built.queueIdByCode });
}
