import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { forms } from '../../db/schema/index.ts';
import { AppError, notFound, staleWrite } from '../../errors.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type {
  TCreateFormRequest,
  TForm,
  TFormSummary,
  TListFormsQuery,
  TUpdateFormRequest,
} from '../../../../shared/schemas/form.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { presentForm, presentFormSummary } from './scorecard.presenter.ts';
import {
  deleteContent,
  findFormRow,
  findFormRows,
  findSections,
  insertContent,
  insertVersion,
  setFormQueues,
} from './scorecard.repo.ts';

type Content = Pick<TCreateFormRequest, 'queue' | 'queue_ids' | 'sections'>;

/** Checks categories and queues; answers the queue ids the form applies to. */
async function resolveReferences(tx: DbOrTx, input: Content): Promise<number[]> {
  const categories = await queryRows<{ key: string }>(tx, sql`select key from score_categories where active`);
  const known = new Set(categories.map((c) => c.key));
  const problems: { path: (string | number)[]; message: string }[] = [];
  input.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      if (!known.has(item.category)) {
        problems.push({
          path: ['sections', s, 'items', i, 'category'],
          message: `unknown category "${item.category}"`,
        });
      }
    }),
  );
  const queueIds = new Set(input.queue_ids ?? []);
  if (input.queue) {
    const rows = await queryRows<{ id: number }>(
      tx,
      sql`select id from queues where lower(code) = lower(${input.queue})`,
    );
    if (rows[0]) queueIds.add(rows[0].id);
    else problems.push({ path: ['queue'], message: `unknown queue "${input.queue}"` });
  }
  if (queueIds.size > 0) {
    const rows = await queryRows<{ id: number }>(tx, sql`select id from queues where id in ${[...queueIds]}`);
    const found = new Set(rows.map((r) => r.id));
    for (const id of queueIds)
      if (!found.has(id)) problems.push({ path: ['queue_ids'], message: `unknown queue ${id}` });
  }
  const first = problems[0];
  if (first) {
    throw new AppError(
      'validation_failed',
      `Invalid form. ${first.path.join('.')}: ${first.message}`,
      problems,
    );
  }
  return [...queueIds].sort((a, b) => a - b);
}

export async function loadForm(db: DbOrTx, id: number, formVersion?: number): Promise<TForm> {
  const row = await findFormRow(db, id, formVersion);
  if (!row) throw notFound(formVersion === undefined ? 'form' : 'form version');
  return presentForm(row, await findSections(db, row.form_version_id));
}

export async function getForm(db: Db, actor: Actor, id: number, formVersion?: number): Promise<TForm> {
  authorize(actor, 'forms.read');
  return loadForm(db, id, formVersion);
}

export async function listForms(
  db: Db,
  actor: Actor,
  query: TListFormsQuery,
): Promise<{ items: TFormSummary[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'forms.list');
  const parts = [sql`true`];
  if (query.q) parts.push(sql`f.name ilike ${`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  if (query.status) parts.push(sql`f.status = ${query.status}`);
  // A form with no queues applies to every queue (the builder's "all queues"), so a queue's forms
  // are the ones linked to it plus those.
  if (query.queue_id)
    parts.push(
      sql`(exists (select 1 from form_queues fq where fq.form_id = f.id and fq.queue_id = ${query.queue_id})
        or not exists (select 1 from form_queues fq where fq.form_id = f.id))`,
    );
  const where = sql.join(parts, sql` and `);
  const page = keyset({ expr: sql`lower(f.name)`, type: 'text' }, sql`f.id`, 'asc', query.cursor);
  const rows = await findFormRows(db, {
    where,
    after: page.after,
    orderBy: page.orderBy,
    limit: query.limit + 1,
  });
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from forms f where ${where}`,
  );
  const p = pageOf(rows, query.limit, (r) => encodeCursor(r.name.toLowerCase(), r.id));
  return { items: p.items.map(presentFormSummary), total: count[0]?.n ?? 0, next_cursor: p.next_cursor };
}

export async function createForm(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: TCreateFormRequest,
  status: TForm['status'] = 'active',
): Promise<TForm> {
  authorize(actor, 'forms.create');
  return db.transaction(async (tx) => {
    const queueIds = await resolveReferences(tx, input);
    const [created] = await tx
      .insert(forms)
      .values({ name: input.name, description: input.description ?? null, status, created_by: actor.id })
      .returning({ id: forms.id });
    if (!created) throw new Error('form insert returned nothing');
    const versionId = await insertVersion(tx, {
      formId: created.id,
      version: 1,
      passMark: input.pass_mark,
      createdBy: actor.id,
    });
    await insertContent(tx, versionId, input.sections);
    await setFormQueues(tx, created.id, queueIds);
    const form = await loadForm(tx, created.id);
    await recordAudit(tx, ctx, { action: 'form.create', entityType: 'form', entityId: form.id, after: form });
    return form;
  });
}

/**
 * Edits a form under optimistic locking. While no evaluation used the current version it is
 * changed in place; once used, the edit becomes a new version and the old one stays as it was,
 * so every evaluation keeps the version it was scored on.
 */
export async function updateForm(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TUpdateFormRequest,
): Promise<TForm> {
  authorize(actor, 'forms.update');
  return db.transaction(async (tx) => {
    const before = await findFormRow(tx, id);
    if (!before) throw notFound('form');
    const beforeForm = presentForm(before, await findSections(tx, before.form_version_id));
    const queueIds = await resolveReferences(tx, input);
    const bumped = await queryRows<{ id: number }>(
      tx,
      sql`
      update forms set name = ${input.name}, description = ${input.description ?? null}, updated_at = now(),
        version = version + 1,
        current_version = case when ${before.used_at !== null} then current_version + 1 else current_version end
      where id = ${id} and version = ${input.version}
      returning id`,
    );
    if (bumped.length === 0) throw staleWrite('form');
    if (before.used_at === null) {
      await deleteContent(tx, before.form_version_id);
      await tx.execute(
        sql`update form_versions set pass_mark = ${input.pass_mark} where id = ${before.form_version_id}`,
      );
      await insertContent(tx, before.form_version_id, input.sections);
    } else {
      const versionId = await insertVersion(tx, {
        formId: id,
        version: before.current_version + 1,
        passMark: input.pass_mark,
        createdBy: actor.id,
      });
      await insertContent(tx, versionId, input.sections);
    }
    await setFormQueues(tx, id, queueIds);
    const after = await loadForm(tx, id);
    await recordAudit(tx, ctx, {
      action: 'form.update',
      entityType: 'form',
      entityId: id,
      before: beforeForm,
      after,
    });
    return after;
  });
}

export async function setFormStatus(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: { version: number; status: 'active' | 'archived' },
): Promise<TForm> {
  authorize(actor, 'forms.archive');
  return db.transaction(async (tx) => {
    const before = await findFormRow(tx, id);
    if (!before) throw notFound('form');
    const bumped = await queryRows<{ id: number }>(
      tx,
      sql`update forms set status = ${input.status}, updated_at = now(), version = version + 1
          where id = ${id} and version = ${input.version} returning id`,
    );
    if (bumped.length === 0) throw staleWrite('form');
    const after = await loadForm(tx, id);
    await recordAudit(tx, ctx, {
      action: input.status === 'archived' ? 'form.archive' : 'form.restore',
      entityType: 'form',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status },
    });
    return after;
  });
}

/**
 * A new form from another's current content; items get new keys (a separate standard). The copy
 * starts archived: with the original's queues (or, without queues, every queue) an active copy
 * would be offered to inspectors beside the original before the lead has edited it. The lead sets
 * its queues in the builder and activates it (restore).
 */
export async function duplicateForm(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<TForm> {
  authorize(actor, 'forms.create');
  const source = await loadForm(db, id);
  return createForm(
    db,
    actor,
    ctx,
    {
      name: `${source.name} (copy)`.slice(0, 200),
      description: source.description,
      pass_mark: source.pass_mark,
      queue_ids: source.queue_ids,
      sections: source.sections.map((s) => ({
        title: s.title,
        items: s.items.map((i) => ({
          text: i.text,
          category: i.category,
          points: i.points,
          fatal: i.fatal,
          allow_na: i.allow_na,
          guidance: i.guidance,
        })),
      })),
    },
    'archived',
  );
}

export async function listFormVersions(
  db: Db,
  actor: Actor,
  id: number,
): Promise<
  {
    form_version: number;
    form_version_id: number;
    pass_mark: number;
    item_count: number;
    created_at: string;
    created_by: number | null;
    used: boolean;
  }[]
> {
  authorize(actor, 'forms.read');
  if (!(await findFormRow(db, id))) throw notFound('form');
  const rows = await queryRows<{
    form_version: number;
    form_version_id: number;
    pass_mark: string;
    item_count: number;
    created_at: Date | string;
    created_by: number | null;
    used: boolean;
  }>(
    db,
    sql`select v.version as form_version, v.id as form_version_id, v.pass_mark, v.created_at, v.created_by,
          v.used_at is not null as used,
          (select count(*)::int from form_items i where i.form_version_id = v.id) as item_count
        from form_versions v where v.form_id = ${id} order by v.version desc`,
  );
  return rows.map((r) => ({
    ...r,
    pass_mark: Number(r.pass_mark),
    created_at: new Date(r.created_at).toISOString(),
  }));
}
