import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TFailedItems, TFailedItemsQuery } from '../../../../shared/schemas/home.ts';
import { failedItems } from './home.repo.ts';

const DAY = 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The most-failed items of a span of local days and of the span of equal length just before it
 * (what a trainer, coach or knowledge-base editor should act on, and whether it got better).
 */
export async function getFailedItems(db: Db, actor: Actor, query: TFailedItemsQuery): Promise<TFailedItems> {
  authorize(actor, 'home.failed_items');
  const days = Math.round((Date.parse(query.to) - Date.parse(query.from)) / DAY) + 1;
  const previous = { from: shift(query.from, -days), to: shift(query.from, -1) };
  const items = await failedItems(
    db,
    { from: query.from, to: query.to, prevFrom: previous.from, prevTo: previous.to },
    query.category ?? null,
    query.limit,
  );
  return { from: query.from, to: query.to, previous, category: query.category ?? null, items };
}
