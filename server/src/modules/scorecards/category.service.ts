import { sql } from 'drizzle-orm';
import { type Db, isUniqueViolation, queryRows } from '../../db/client.ts';
import { duplicate, notFound, staleWrite } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TScoreCategory } from '../../../../shared/schemas/form.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';

const SELECT = sql`select id, key, name_zh, name_en, position, active, version from score_categories`;

export async function listCategories(
  db: Db,
  actor: Actor,
): Promise<{ items: TScoreCategory[]; total: number; next_cursor: null }> {
  authorize(actor, 'categories.list');
  const items = await queryRows<TScoreCategory>(db, sql`${SELECT} order by position, id`);
  return { items, total: items.length, next_cursor: null };
}

export async function createCategory(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: { key: string; name_zh: string; name_en: string; position?: number },
): Promise<TScoreCategory> {
  authorize(actor, 'categories.create');
  try {
    return await db.transaction(async (tx) => {
      const [row] = await queryRows<TScoreCategory>(
        tx,
        sql`insert into score_categories (key, name_zh, name_en, position)
            values (${input.key}, ${input.name_zh}, ${input.name_en},
              coalesce(${input.position ?? null}::int, (select coalesce(max(position), 0) + 1 from score_categories)))
            returning id, key, name_zh, name_en, position, active, version`,
      );
      if (!row) throw new Error('category insert returned nothing');
      await recordAudit(tx, ctx, {
        action: 'category.create',
        entityType: 'score_category',
        entityId: row.id,
        after: row,
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw duplicate(`A category "${input.key}" exists already.`, [{ path: ['key'], message: 'taken' }]);
    throw err;
  }
}

export async function updateCategory(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: { version: number; name_zh?: string; name_en?: string; position?: number; active?: boolean },
): Promise<TScoreCategory> {
  authorize(actor, 'categories.update');
  return db.transaction(async (tx) => {
    const [before] = await queryRows<TScoreCategory>(tx, sql`${SELECT} where id = ${id}`);
    if (!before) throw notFound('category');
    const [after] = await queryRows<TScoreCategory>(
      tx,
      sql`update score_categories set
            name_zh = coalesce(${input.name_zh ?? null}, name_zh),
            name_en = coalesce(${input.name_en ?? null}, name_en),
            position = coalesce(${input.position ?? null}::int, position),
            active = coalesce(${input.active ?? null}::boolean, active),
            version = version + 1
          where id = ${id} and version = ${input.version}
          returning id, key, name_zh, name_en, position, active, version`,
    );
    if (!after) throw staleWrite('category');
    await recordAudit(tx, ctx, {
      action: 'category.update',
      entityType: 'score_category',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
