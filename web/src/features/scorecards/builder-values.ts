import type { TCreateFormRequest, TForm } from '../../../../shared/schemas/form.ts';
import type { TFunction } from 'i18next';
import { MAX_ITEM_POINTS } from '../../../../shared/scoring.ts';
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

/**
 * What is wrong with an item's points or the pass mark as typed, in the builder's words (null when
 * nothing, or when the field is empty: the required rule says that). The fields check instead of
 * clamping (an InputNumber's min/max would quietly turn 0 into 0.01 and 150 into 100 on blur), with
 * the server's own limits (shared/scoring.ts isValidPoints, the pass mark's 0–100).
 */
export function pointsProblem(t: TFunction, points: unknown): string | null {
  if (typeof points !== 'number') return null;
  if (!(points > 0)) return t('scorecards.builder.pointsPositive');
  if (points > MAX_ITEM_POINTS) return t('scorecards.builder.pointsMax', { max: MAX_ITEM_POINTS });
  if (Math.abs(points * 100 - Math.round(points * 100)) >= 1e-9)
    return t('scorecards.builder.pointsDecimals');
  return null;
}

export function passMarkProblem(t: TFunction, passMark: unknown): string | null {
  if (typeof passMark !== 'number') return null;
  return passMark >= 0 && passMark <= 100 ? null : t('scorecards.builder.passMarkRange');
}

/** A form rule from one of the checks above. */
export const checkedBy = (problem: (value: unknown) => string | null) => ({
  validator: (_rule: unknown, value: unknown) => {
    const text = problem(value);
    return text === null ? Promise.resolve() : Promise.reject(new Error(text));
  },
});
