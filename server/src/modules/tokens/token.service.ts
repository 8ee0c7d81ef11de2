import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { apiTokens } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type {
  TApiToken,
  TCreateApiTokenRequest,
  TCreatedApiToken,
} from '../../../../shared/schemas/token.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { forgetUser } from '../auth/actor-cache.ts';
import { newSecret, sha256Hex } from '../auth/secret.ts';

/** Tokens read `zj_<secret>`, so leaked ones are easy to recognise in logs and scanners. */
const TOKEN_PREFIX = 'zj_';

type TokenRow = {
  id: number;
  name: string;
  prefix: string;
  user_id: number;
  username: string;
  created_by: number | null;
  created_at: Date | string;
  last_used_at: Date | string | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
};

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function present(row: TokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    user_id: row.user_id,
    username: row.username,
    created_by: row.created_by,
    created_at: new Date(row.created_at).toISOString(),
    last_used_at: isoOrNull(row.last_used_at),
    expires_at: isoOrNull(row.expires_at),
    revoked_at: isoOrNull(row.revoked_at),
  };
}

const SELECT_TOKEN = sql`
  select k.id, k.name, k.prefix, k.user_id, u.username, k.created_by, k.created_at, k.last_used_at,
    k.expires_at, k.revoked_at
  from api_tokens k join users u on u.id = k.user_id`;

async function findToken(db: DbOrTx, id: number): Promise<TokenRow | null> {
  const r = await queryRows<TokenRow>(db, sql`${SELECT_TOKEN} where k.id = ${id}`);
  return r[0] ?? null;
}

export async function listTokens(
  db: Db,
  actor: Actor,
): Promise<{ items: TApiToken[]; total: number; next_cursor: null }> {
  authorize(actor, 'tokens.list');
  const r = await queryRows<TokenRow>(db, sql`${SELECT_TOKEN} order by k.revoked_at is not null, k.id desc`);
  return { items: r.map(present), total: r.length, next_cursor: null };
}

/** Creates a token; the secret is in this answer only — the database keeps its SHA-256. */
export async function createToken(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: TCreateApiTokenRequest,
): Promise<TCreatedApiToken> {
  authorize(actor, 'tokens.create');
  const userId = input.user_id ?? actor.id;
  const secret = TOKEN_PREFIX + newSecret();
  return db.transaction(async (tx) => {
    const target = await queryRows<{ active: boolean }>(
      tx,
      sql`select active from users where id = ${userId}`,
    );
    if (!target[0]?.active) {
      throw new AppError('validation_failed', 'The token must act as an active user.', [
        { path: ['user_id'], message: 'unknown or inactive user' },
      ]);
    }
    // From the database's clock, as created_at: the token lasts exactly that many days from its creation.
    const expiresAt = input.expires_in_days
      ? sql`now() + make_interval(days => ${input.expires_in_days})`
      : null;
    const [created] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        token_hash: sha256Hex(secret),
        prefix: secret.slice(0, 10),
        user_id: userId,
        created_by: actor.id,
        expires_at: expiresAt,
      })
      .returning({ id: apiTokens.id });
    const row = created && (await findToken(tx, created.id));
    if (!row) throw new Error('created token vanished');
    const token = present(row);
    await recordAudit(tx, ctx, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: token.id,
      after: token,
    });
    return { ...token, token: secret };
  });
}

export async function revokeToken(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<TApiToken> {
  authorize(actor, 'tokens.revoke');
  const revoked = await db.transaction(async (tx) => {
    const before = await findToken(tx, id);
    if (!before) throw notFound('API token');
    if (before.revoked_at) throw new AppError('conflict', 'This token is already revoked.');
    await tx.execute(sql`update api_tokens set revoked_at = now() where id = ${id}`);
    const row = await findToken(tx, id);
    if (!row) throw new Error('revoked token vanished');
    const token = present(row);
    await recordAudit(tx, ctx, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
      before: present(before),
      after: token,
    });
    return token;
  });
  forgetUser(revoked.user_id); // drops the revoked token's cached actor
  return revoked;
}
