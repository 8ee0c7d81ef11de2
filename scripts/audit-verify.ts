/**
 * `npm run audit:verify`: walks the audit trail's hash chain on the configured database
 * (DATABASE_URL, or the PGlite directory ZHIJIAN_DATA_DIR) and reports the first broken entry.
 *
 * Entries are chained ("sealed") by the server shortly after their write commits. First this
 * reports what is waiting for a seal, then seals it (as the server would: safe while servers
 * run), then verifies the whole chain. `--no-seal` only reads: pending entries are reported, not
 * chained.
 *
 * Exit code 0 when intact, 2 when broken, 3 when intact but entries had waited over a minute for
 * their seal (no server's sealer was running on this database).
 */
import { openDatabase } from '../server/src/db/client.ts';
import { readEnv } from '../server/src/env.ts';
import { sealAudit } from '../server/src/modules/audit/audit.sealer.ts';
import {
  SEAL_STALE_SECONDS,
  pendingSeal,
  verifyAuditChain,
} from '../server/src/modules/audit/audit.verify.ts';

const seal = !process.argv.includes('--no-seal');
const env = readEnv();
const database = env.databaseUrl
  ? await openDatabase({ kind: 'postgres', url: env.databaseUrl, poolSize: 1 })
  : await openDatabase({ kind: 'pglite', dataDir: env.dataDir });
const say = (line: string) => process.stdout.write(`${line}\n`);
try {
  const waiting = await pendingSeal(database.db);
  if (waiting.pending > 0) {
    say(
      `${waiting.pending} entries waiting for their seal, the oldest written at ${waiting.oldest_pending_at}` +
        (waiting.sealer_stalled
          ? ` — over ${SEAL_STALE_SECONDS} s ago: no sealer is running (is the server stopped, or did it stop before sealing?).`
          : '.'),
    );
    if (seal) say(`Sealed ${await sealAudit(database.db)} entries.`);
  }
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    say(
      `Audit trail intact: ${result.checked} entries checked (${database.description}).` +
        (result.pending > 0 ? ` ${result.pending} entries not sealed yet.` : ''),
    );
    if (waiting.sealer_stalled) process.exitCode = 3;
  } else {
    say(
      `Audit trail BROKEN at entry ${result.first_broken_id}: ${result.reason}. ` +
        `${result.checked} entries before it are intact.`,
    );
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
