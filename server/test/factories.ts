import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { apiTokens, queues, teams, users } from '../src/db/schema/index.ts';
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
