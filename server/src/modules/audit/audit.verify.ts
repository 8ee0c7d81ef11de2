import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { GENESIS_HASH, entryHash } from './audit.hash.ts';
import type { TAuditVerifyResult } from '../../../../shared/schemas/audit.ts';

const BATCH = 5000;

/**
 * Walks the whole chain in id order and reports the first entry whose stored hash does not match
 * its content and predecessor (edited), or whose prev_hash is not its predecessor's hash
 * (deleted or inserted rows).
 */
export async function verifyAuditChain(db: Db): Promise<TAuditVerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          first_broken_id: row.id,
          reason: 'previous-hash link does not match the entry before it (an entry was removed or inserted)',
        };
      }
      const expected = entryHash(prev, row);
      if (expected !== row.hash) {
        return {
          ok: false,
          checked,
          first_broken_id: row.id,
          reason: 'content does not match its hash (the entry was edited)',
        };
      }
      prev = row.hash;
      lastId = row.id;
      checked++;
    }
  }
  return { ok: true, checked, first_broken_id: null, reason: null };
}
