import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { formItems, formSections, formVersions } from '../../db/schema/index.ts';
import type { TForm, TFormItem } from '../../../../shared/schemas/form.ts';

export type FormRow = {
  id: number;
  name: string;
  description: string | null;
  status: 'active' | 'archived';
  current_version: number;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  form_version: number;
  form_version_id: number;
  pass_mark: string | number;
  used_at: Date | string | null;
  queue_ids: number[] | null;
  item_count: number;
  total_points: string | number;
};

const SELECT_FORM = sql`
  select f.id, f.name, f.description, f.status, f.current_version, f.created_at, f.updated_at, f.version,
    v.version as form_version, v.id as form_version_id, v.pass_mark, v.used_at,
    coalesce((select array_agg(fq.queue_id order by fq.queue_id) from form_queues fq where fq.form_id = f.id), '{}') as queue_ids,
    (select count(*)::int from form_items i where i.form_version_id = v.id) as item_count,
    (select coalesce(sum(i.points), 0) from form_items i where i.form_version_id = v.id) as total_points
  from forms f join form_versions v on v.form_id = f.id`;

/** A form with the given content version (default: its current one). */
export async function findFormRow(db: DbOrTx, id: number, formVersion?: number): Promise<FormRow | null> {
  const versionFilter =
    formVersion === undefined ? sql`v.version = f.current_version` : sql`v.version = ${formVersion}`;
  const rows = await queryRows<FormRow>(db, sql`${SELECT_FORM} where f.id = ${id} and ${versionFilter}`);
  return rows[0] ?? null;
}

export async function findFormRows(
  db: DbOrTx,
  page: { where: SQL; after: SQL; orderBy: SQL; limit: number },
): Promise<FormRow[]> {
  const { where, after, orderBy, limit } = page;
  return queryRows<FormRow>(
    db,
    sql`${SELECT_FORM} where v.version = f.current_version and ${where} and ${after} order by ${orderBy} limit ${limit}`,
  );
}

type SectionRow = { id: number; title: string; position: number };
type ItemRow = {
  id: number;
  section_id: number;
  item_key: string;
  text: string;
  category_key: string;
  points: string | number;
  fatal: boolean;
  allow_na: boolean;
  guidance: string | null;
};

export async function findSections(db: DbOrTx, formVersionId: number): Promise<TForm['sections']> {
  const sections = await queryRows<SectionRow>(
    db,
    sql`select id, title, position from form_sections where form_version_id = ${formVersionId} order by position`,
  );
  const items = await queryRows<ItemRow>(
    db,
    sql`select id, section_id, item_key, text, category_key, points, fatal, allow_na, guidance
        from form_items where form_version_id = ${formVersionId} order by position`,
  );
  return sections.map((s) => ({
    id: s.id,
    title: s.title,
    items: items.filter((i) => i.section_id === s.id).map(presentItem),
  }));
}

function presentItem(i: ItemRow): TFormItem {
  return {
    id: i.id,
    key: i.item_key,
    text: i.text,
    category: i.category_key,
    points: Number(i.points),
    fatal: i.fatal,
    allow_na: i.allow_na,
    guidance: i.guidance,
  };
}

export type SectionInput = {
  title: string;
  items: {
    text: string;
    category: string;
    points: number;
    fatal: boolean;
    allow_na: boolean;
    guidance?: string | null;
    key?: string;
  }[];
};

/** Writes sections and items of one version. Items keep a given key or get a new one. */
export async function insertContent(
  db: DbOrTx,
  formVersionId: number,
  sections: SectionInput[],
): Promise<void> {
  let itemPosition = 0;
  for (const [position, section] of sections.entries()) {
    const [created] = await db
      .insert(formSections)
      .values({ form_version_id: formVersionId, position, title: section.title })
      .returning({ id: formSections.id });
    if (!created) throw new Error('section insert returned nothing');
    await db.insert(formItems).values(
      section.items.map((item) => ({
        form_version_id: formVersionId,
        section_id: created.id,
        position: itemPosition++,
        item_key: item.key ?? randomUUID(),
        text: item.text,
        category_key: item.category,
        points: item.points,
        fatal: item.fatal,
        allow_na: item.allow_na,
        guidance: item.guidance ?? null,
      })),
    );
  }
}

export async function deleteContent(db: DbOrTx, formVersionId: number): Promise<void> {
  await db.execute(sql`delete from form_items where form_version_id = ${formVersionId}`);
  await db.execute(sql`delete from form_sections where form_version_id = ${formVersionId}`);
}

export async function insertVersion(
  db: DbOrTx,
  values: { formId: number; version: number; passMark: number; createdBy: number },
): Promise<number> {
  const [row] = await db
    .insert(formVersions)
    .values({
      form_id: values.formId,
      version: values.version,
      pass_mark: values.passMark,
      created_by: values.createdBy,
    })
    .returning({ id: formVersions.id });
  if (!row) throw new Error('version insert returned nothing');
  return row.id;
}

export async function setFormQueues(db: DbOrTx, formId: number, queueIds: number[]): Promise<void> {
  await db.execute(sql`delete from form_queues where form_id = ${formId}`);
  if (queueIds.length > 0) {
    await db.execute(sql`insert into form_queues (form_id, queue_id)
      select ${formId}, q from unnest(${`{${queueIds.join(',')}}`}::int[]) q on conflict do nothing`);
  }
}
