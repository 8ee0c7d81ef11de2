import type { TForm, TFormSummary } from '../../../../shared/schemas/form.ts';
import type { FormRow } from './scorecard.repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentFormSummary(row: FormRow): TFormSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    form_version: row.form_version,
    current_version: row.current_version,
    form_version_id: row.form_version_id,
    version_used: row.used_at !== null,
    pass_mark: Number(row.pass_mark),
    queue_ids: row.queue_ids ?? [],
    item_count: row.item_count,
    total_points: Number(row.total_points),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    version: row.version,
  };
}

export function presentForm(row: FormRow, sections: TForm['sections']): TForm {
  return { ...presentFormSummary(row), sections };
}
