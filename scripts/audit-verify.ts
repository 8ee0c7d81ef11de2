/**
 * `npm run audit:verify`: walks the audit trail's hash chain on the configured database
 * (DATABASE_URL, or the PGlite directory ZHIJIAN_DATA_DIR) and reports the first broken entry.
 * Exit code 0 when intact, 2 when broken.
 */
import { openDatabase } from '../server/src/db/client.ts';
import { readEnv } from '../server/src/env.ts';
import { verifyAuditChain } from '../server/src/modules/audit/audit.verify.ts';

const env = readEnv();
const database = env.databaseUrl
  ? await openDatabase({ kind: 'postgres', url: env.databaseUrl, poolSize: 1 })
  : await openDatabase({ kind: 'pglite', dataDir: env.dataDir });
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    process.stdout.write(
      `Audit trail intact: ${result.checked} entries checked (${database.description}).\n`,
    );
  } else {
    process.stdout.write(
      `Audit trail BROKEN at entry ${result.first_broken_id}: ${result.reason}. ` +
        `${result.checked} entries before it are intact.\n`,
    );
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
