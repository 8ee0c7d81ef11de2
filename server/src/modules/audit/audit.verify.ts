import { asc, gt, isNotNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { GENESIS_HASH, entryHash } from './audit.hash.ts';
import type { TAuditVerifyResult } from '../../../../shared/schemas/audit.ts';

const BATCH = 5000;

/**
 * Entries wait for the sealer for a fraction of a second (it runs after every write and every
 * second); one waiting longer than this means no sealer is running on the database.
 */
export const SEAL_STALE_SECONDS = 60;

export type PendingSeal = {
  /** Entries written (committed) but not yet chained. */
  pending: number;
  oldest_pending_at: string | null;
  /** The oldest pending entry has waited more than SEAL_STALE_SECONDS. */
  sealer_stalled: boolean;
};

/** What is waiting for the sealer, by the database's clock. */
export async function pendingSeal(db: Db): Promise<PendingSeal> {
  const [row] = await queryRows<{ pending: number; oldest: Date | string | null; stalled: boolean }>(
    db,
    sql`select count(*)::int as pending, min(at) as oldest,
          coalesce(min(at) < now() - make_interval(secs => ${SEAL_STALE_SECONDS}), false) as stalled
        from audit_log where seq is null and hash is null and prev_hash is null`,
  );
  return {
    pending: row?.pending ?? 0,
    oldest_pending_at: row?.oldest ? new Date(row.oldest).toISOString() : null,
    sealer_stalled: row?.stalled ?? false,
  };
}

type Verdict = Pick<TAuditVerifyResult, 'ok' | 'first_broken_id' | 'reason' | 'reason_code'>;

const INTACT: Verdict = { ok: true, first_broken_id: null, reason: null, reason_code: null };

/**
 * Walks the sealed chain in `seq` order and reports the first entry whose stored hash does not
 * match its content and predecessor (edited), or whose prev_hash is not its predecessor's hash
 * (an entry removed, inserted or moved), and any sealed entry taken out of the chain (its `seq`
 * erased). Entries not yet sealed are not part of the chain yet: they are counted separately,
 * with the age of the oldest; one waiting over a minute means the sealer is not running.
 */
export async function verifyAuditChain(db: Db): Promise<TAuditVerifyResult> {
  let prev = GENESIS_HASH;
  let lastSeq: number | null = null;
  let checked = 0;
  let verdict: Verdict = INTACT;
  walk: for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(lastSeq === null ? isNotNull(auditLog.seq) : gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prev) {
        verdict = {
          ok: false,
          first_broken_id: row.id,
          reason: 'previous-hash link does not match the entry before it (an entry was removed or inserted)',
          reason_code: 'link',
        };
        break walk;
      }
      const hash = entryHash(prev, row);
      if (row.hash !== hash) {
        verdict = {
          ok: false,
          first_broken_id: row.id,
          reason: 'content does not match its hash (the entry was edited)',
          reason_code: 'content',
        };
        break walk;
      }
      prev = hash;
      lastSeq = row.seq;
      checked++;
    }
  }
  if (verdict.ok) {
    // A sealed entry whose position was erased: the sealer never re-chains it (its hashes stay).
    const [unchained] = await queryRows<{ id: number }>(
      db,
      sql`select id::int as id from audit_log
          where seq is null and (hash is not null or prev_hash is not null) order by id limit 1`,
    );
    if (unchained) {
      verdict = {
        ok: false,
        first_broken_id: unchained.id,
        reason: 'a sealed entry was taken out of the chain (its position was erased)',
        reason_code: 'unchained',
      };
    }
  }
  return { ...verdict, checked, last_seq: lastSeq, ...(await pendingSeal(db)) };
}
