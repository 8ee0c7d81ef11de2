import { and, asc, getTableColumns, isNull, sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { logger } from '../../logger.ts';
import { GENESIS_HASH, entryHash } from './audit.hash.ts';

/**
 * Sealing the audit trail.
 *
 * Writers insert their entries unsealed (`seq`, `prev_hash`, `hash` null) inside their own
 * transaction, without any lock, so an entry exists exactly when its write commits and writers
 * never wait for each other. The sealer then links committed entries into the one chain: in its
 * own short transaction, holding the chain lock, it reads the head (highest `seq` and its hash),
 * takes the unsealed entries in id order and gives each the next `seq`, the previous entry's hash
 * as `prev_hash` and `hash` = entryHash(prev_hash, content as stored). The chain's order is the
 * order of sealing: an entry whose transaction commits late simply gets a later `seq`; one whose
 * transaction rolls back never exists. Several processes may seal the same database: the lock
 * makes them take turns, and each reads the head after the previous one committed (READ
 * COMMITTED: every statement after the lock sees what committed before it), so the chain never
 * forks; the unique index on `seq` would refuse a fork anyway.
 */

/** Arbitrary constant: the transaction-scoped advisory lock that orders sealing. */
export const AUDIT_CHAIN_LOCK = 7_246_002;

/** Entries sealed per transaction (one read and one UPDATE each). */
const SEAL_BATCH = 1000;

type Unsealed = typeof auditLog.$inferSelect & {
  head_seq: string | number | null;
  head_hash: string | null;
};

/**
 * Seals one batch in the caller's transaction, which must hold nothing else of interest: the
 * chain lock is held to its commit. Answers how many entries were sealed.
 */
async function sealBatch(tx: Tx, limit: number): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  // Read after the lock was granted (a new snapshot): the head as the last sealer left it, and
  // only rows never sealed — a sealed row whose `seq` was erased keeps its hashes and is left for
  // `verify` to report rather than chained a second time. The head comes with every row (an
  // uncorrelated subquery, evaluated once).
  const rows: Unsealed[] = await tx
    .select({
      ...getTableColumns(auditLog),
      head_seq: sql<
        string | number | null
      >`(select seq from audit_log where seq is not null order by seq desc limit 1)`,
      head_hash: sql<
        string | null
      >`(select hash from audit_log where seq is not null order by seq desc limit 1)`,
    })
    .from(auditLog)
    .where(and(isNull(auditLog.seq), isNull(auditLog.hash), isNull(auditLog.prev_hash)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
  const head = rows[0];
  if (!head) return 0;
  let seq = head.head_seq === null ? 0 : Number(head.head_seq);
  let prev = head.head_seq === null ? GENESIS_HASH : (head.head_hash ?? '');
  const ids: number[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    const hash = entryHash(prev, row);
    seq += 1;
    ids.push(row.id);
    seqs.push(seq);
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  // Four array parameters whatever the batch size (ids, numbers and hex digests need no quoting).
  const array = (values: (string | number)[]) => `{${values.join(',')}}`;
  const updated = await queryRows<{ id: number }>(
    tx,
    sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        from unnest(${array(ids)}::bigint[], ${array(seqs)}::bigint[], ${array(prevs)}::text[],
          ${array(hashes)}::text[]) as v(id, seq, prev_hash, hash)
        where a.id = v.id and a.seq is null and a.hash is null
        returning a.id`,
  );
  if (updated.length !== rows.length) {
    throw new Error(`audit sealer: ${rows.length} entries read but ${updated.length} sealed`);
  }
  return rows.length;
}

/**
 * Seals every committed unsealed entry, in batches, each in its own transaction. Answers how many
 * were sealed. Never call it inside a transaction (or, on PGlite, while the caller holds one open
 * on the same database): it opens its own, and on PGlite's single connection it would wait for
 * the caller's to end.
 */
export async function sealAudit(db: Db, batch = SEAL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    // Nothing to do is the common case of the timer: one look at the partial index, no transaction.
    const [any] = await queryRows<{ pending: boolean }>(
      db,
      sql`select exists (select 1 from audit_log where seq is null and hash is null and prev_hash is null) as pending`,
    );
    if (!any?.pending) return total;
    const sealed = await db.transaction((tx) => sealBatch(tx, batch));
    total += sealed;
    if (sealed < batch) return total;
  }
}

export type AuditSealer = {
  /** Seals what is pending now (and whatever a running pass has not reached). */
  sealNow: () => Promise<number>;
  /** Stops the timers, waits for a running pass and seals once more. */
  stop: () => Promise<void>;
};

export type AuditSealerOptions = {
  /** The safety net: a pass this often whatever happens (default 1000 ms). */
  intervalMs?: number;
  /** A pass this long after an entry is written (default 15 ms), so its commit is usually in. */
  debounceMs?: number;
  /**
   * Under a stream of writes, passes start at least this long after the previous one ended
   * (default 100 ms): one pass then seals many writers' entries, so sealing costs a few queries
   * per batch instead of per write, and an entry waits at most about this long plus a pass.
   */
  minGapMs?: number;
  /** When a prompted pass found nothing (the writer had not committed yet), look again after this. */
  retryMs?: number;
};

/** Sealers running in this process; `noteAuditWritten` prompts them. */
const running = new Set<{ prompt: () => void }>();

/**
 * Called when audit entries are inserted (`recordAudits`, `auditInsert`): every sealer of this
 * process makes a pass shortly after (the writer's commit normally lands before it; if not, a
 * retry or the timer picks the entries up). Never awaited by the writer.
 */
export function noteAuditWritten(): void {
  for (const sealer of running) sealer.prompt();
}

/**
 * Keeps the chain sealed on `db`: a pass at start, shortly after audit writes of this process,
 * and every `intervalMs` (entries written by other processes, or by commits that landed after a
 * pass). Passes never overlap within a process. Errors are logged; the next pass retries.
 */
export function startAuditSealer(db: Db, options: AuditSealerOptions = {}): AuditSealer {
  const intervalMs = options.intervalMs ?? 1000;
  const debounceMs = options.debounceMs ?? 15;
  const minGapMs = options.minGapMs ?? 100;
  const retryMs = options.retryMs ?? 200;
  let stopped = false;
  let pass: Promise<number> | null = null;
  let lastEnded = 0;
  let promptedDuringPass = false;
  let prompted: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;

  const runPass = (): Promise<number> => {
    if (pass) return pass;
    pass = sealAudit(db)
      .catch((err: unknown) => {
        if (!stopped) logger.error('audit sealer pass failed', { err: String(err) });
        return 0;
      })
      .finally(() => {
        pass = null;
        lastEnded = Date.now();
        if (promptedDuringPass) {
          promptedDuringPass = false;
          member.prompt();
        }
      });
    return pass;
  };

  const promptedPass = () => {
    prompted = null;
    void runPass().then((sealed) => {
      if (sealed === 0 && !stopped && !retry) {
        retry = setTimeout(() => {
          retry = null;
          void runPass();
        }, retryMs);
        retry.unref();
      }
    });
  };

  const member = {
    prompt: () => {
      if (stopped || prompted) return;
      if (pass) {
        // This pass may have read its batch already: another one follows it.
        promptedDuringPass = true;
        return;
      }
      prompted = setTimeout(promptedPass, Math.max(debounceMs, lastEnded + minGapMs - Date.now()));
      prompted.unref();
    },
  };
  running.add(member);
  const interval = setInterval(() => void runPass(), intervalMs);
  interval.unref();
  void runPass();

  return {
    sealNow: async () => {
      // A pass already running may have read its batch before the caller's entries committed.
      if (pass) await pass;
      return runPass();
    },
    stop: async () => {
      stopped = true;
      running.delete(member);
      clearInterval(interval);
      if (prompted) clearTimeout(prompted);
      if (retry) clearTimeout(retry);
      if (pass) await pass;
      try {
        await sealAudit(db);
      } catch (err) {
        logger.error('audit sealer: the last pass failed', { err: String(err) });
      }
    },
  };
}
