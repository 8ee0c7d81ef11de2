import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';

/**
 * Runs the board's reads in one read-only REPEATABLE READ transaction, so every figure (CSR rows,
 * team rollups, totals, inspectors) comes from the same instant, with JIT off: the planner's cost
 * estimates for the per-CSR-and-day probes cross `jit_above_cost` on a large center, and compiling
 * (~200 ms on PostgreSQL 15) would cost more than the ~100 ms the statement runs.
 */
export function readSnapshot<T>(db: Db, body: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return body(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
