import type { TCreateFormRequest, TForm } from '../../../../shared/schemas/form.ts';
import type { PreviewSection } from './ScorecardPreview.tsx';

export type ItemValues = {
  /** The item's stable key from the previous version; absent for new items. */
  key?: string;
  text: string;
  category: string;
  points: number | null;
  fatal: boolean;
  allow_na: boolean;
  guidance?: string | null;
};
export type SectionValues = { title: string; items: ItemValues[] };
export type BuilderValues = {
  name: string;
  description?: string | null;
  pass_mark: number | null;
  queue_ids: number[];
  sections: SectionValues[];
};

export const newItem = (category: string): ItemValues => ({
  text: '',
  category,
  points: 10,
  fatal: false,
  allow_na: true,
  guidance: '',
});

/** The builder's values from a saved form, keeping each item's key so it is followed across versions. */
export function valuesFromForm(form: TForm): BuilderValues {
  return {
    name: form.name,
    description: form.description ?? '',
    pass_mark: form.pass_mark,
    queue_ids: form.queue_ids,
    sections: form.sections.map((s) => ({
      title: s.title,
      items: s.items.map((i) => ({
        key: i.key,
        text: i.text,
        category: i.category,
        points: i.points,
        fatal: i.fatal,
        allow_na: i.allow_na,
        guidance: i.guidance ?? '',
      })),
    })),
  };
}

/** The request body; the server validates again and answers field paths like sections.0.items.2.points. */
export function requestFromValues(v: BuilderValues): TCreateFormRequest {
  return {
    name: v.name,
    description: v.description?.trim() ? v.description.trim() : null,
    pass_mark: v.pass_mark ?? Number.NaN,
    queue_ids: v.queue_ids ?? [],
    sections: (v.sections ?? []).map((s) => ({
      title: s.title,
      items: (s.items ?? []).map((i) => ({
        ...(i.key ? { key: i.key } : {}),
        text: i.text,
        category: i.category,
        points: i.points ?? Number.NaN,
        fatal: !!i.fatal,
        allow_na: !!i.allow_na,
        guidance: i.guidance?.trim() ? i.guidance.trim() : null,
      })),
    })),
  };
}

/** The draft as preview sections, numbering items in order (ids are per preview only). */
export function previewFromValues(v: Partial<BuilderValues> | undefined): PreviewSection[] {
  let id = 0;
  return (v?.sections ?? []).map((s) => ({
    title: s?.title ?? '',
    items: (s?.items ?? []).map((i) => ({
      id: ++id,
      text: i?.text ?? '',
      category: i?.category ?? '',
      points: Number(i?.points) > 0 ? Number(i?.points) : 0,
      fatal: !!i?.fatal,
      allow_na: i?.allow_na !== false,
    })),
  }));
}
