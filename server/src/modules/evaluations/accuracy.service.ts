import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import { type AccuracyCounts, accuracyMonthWhere, accuracyRows, errorRate } from './accuracy.repo.ts';

export type AccuracyRow = AccuracyCounts & { evaluator_name: string; error_rate: number };

/**
 * Inspector accuracy for a month (B15–B16): submitted evaluations counted by their local date,
 * how many were disputed, overturned (corrected by the QA lead) and judged inspector errors.
 */
export async function inspectorAccuracy(db: Db, actor: Actor, month: string): Promise<AccuracyRow[]> {
  authorize(actor, 'accuracy.read');
  const rows = await accuracyRows(db, accuracyMonthWhere(month));
  // Every row has evaluations (it is grouped from them), so the rate is never null here.
  return rows.map((r) => ({ ...r, error_rate: errorRate(r) ?? 0 }));
}
