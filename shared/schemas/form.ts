import { z } from 'zod';
import { MAX_ITEM_POINTS, isValidPoints } from '../scoring.ts';
import { ZPageQuery } from './common.ts';

export const FORM_STATUSES = ['active', 'archived'] as const;

export const ZCategoryKey = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscore, starting with a letter');

export const ZFormItemInput = z.object({
  text: z.string().trim().min(1, 'an item needs its text').max(500),
  category: ZCategoryKey.describe('A score category key, e.g. `knowledge`, `phrasing`.'),
  points: z
    .number()
    .refine(isValidPoints, `points must be > 0, at most ${MAX_ITEM_POINTS}, with at most two decimals`)
    .describe('Deducted when the item fails.'),
  fatal: z.boolean().default(false).describe('A failed fatal item makes the evaluation score 0.'),
  allow_na: z.boolean().default(true).describe('Whether an inspector may answer N/A.'),
  guidance: z.string().trim().max(2000).nullable().optional().describe('How to judge this item.'),
  key: z
    .string()
    .max(64)
    .optional()
    .describe('Keep the key of an item from the previous version to follow it across versions.'),
});
export type TFormItemInput = z.infer<typeof ZFormItemInput>;

export const ZFormSectionInput = z.object({
  title: z.string().trim().min(1, 'a section needs its title').max(200),
  items: z.array(ZFormItemInput).min(1, 'a section needs at least one item').max(200),
});

const formContent = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  pass_mark: z.number().min(0).max(100).describe('Minimum skill standard (clause 4.4), 0–100.'),
  queue: z
    .string()
    .trim()
    .max(64)
    .optional()
    .describe('Code of the one queue it applies to (shorthand for queue_ids).'),
  queue_ids: z.array(z.number().int().positive()).max(200).optional().describe('Queues it applies to.'),
  sections: z.array(ZFormSectionInput).min(1, 'a form needs at least one section').max(50),
};

export const ZCreateFormRequest = z.object(formContent);
export type TCreateFormRequest = z.infer<typeof ZCreateFormRequest>;

export const ZUpdateFormRequest = z.object({
  ...formContent,
  version: z.number().int().describe('The form `version` you read; a newer one answers 409.'),
});
export type TUpdateFormRequest = z.infer<typeof ZUpdateFormRequest>;

export const ZFormItem = z.object({
  id: z.number().int().describe('Per version; answers refer to it.'),
  key: z.string().describe('Stable across versions.'),
  text: z.string(),
  category: z.string(),
  points: z.number(),
  fatal: z.boolean(),
  allow_na: z.boolean(),
  guidance: z.string().nullable(),
});
export type TFormItem = z.infer<typeof ZFormItem>;

export const ZFormSection = z.object({ id: z.number().int(), title: z.string(), items: z.array(ZFormItem) });

export const ZForm = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(FORM_STATUSES),
  form_version: z.number().int().describe('The content version shown (the current one unless asked).'),
  current_version: z.number().int(),
  form_version_id: z.number().int(),
  version_used: z.boolean().describe('Evaluations exist on this version; editing makes a new one.'),
  pass_mark: z.number(),
  queue_ids: z.array(z.number().int()).describe('Queues it applies to; empty: every queue.'),
  sections: z.array(ZFormSection),
  item_count: z.number().int(),
  total_points: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int().describe('Optimistic-locking version of the form record.'),
});
export type TForm = z.infer<typeof ZForm>;

export const ZFormSummary = ZForm.omit({ sections: true });
export type TFormSummary = z.infer<typeof ZFormSummary>;

export const ZFormVersionSummary = z.object({
  form_version: z.number().int(),
  form_version_id: z.number().int(),
  pass_mark: z.number(),
  item_count: z.number().int(),
  created_at: z.string(),
  created_by: z.number().int().nullable(),
  used: z.boolean(),
});

export const ZListFormsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(FORM_STATUSES).optional(),
  queue_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      'The forms that apply to this queue: those linked to it and those with no queues (a form with no queues applies to every queue).',
    ),
});
export type TListFormsQuery = z.infer<typeof ZListFormsQuery>;

export const ZScoreCategory = z.object({
  id: z.number().int(),
  key: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type TScoreCategory = z.infer<typeof ZScoreCategory>;

export const ZCreateScoreCategoryRequest = z.object({
  key: ZCategoryKey,
  name_zh: z.string().trim().min(1).max(100),
  name_en: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(1000).optional(),
});
export const ZUpdateScoreCategoryRequest = z.object({
  version: z.number().int(),
  name_zh: z.string().trim().min(1).max(100).optional(),
  name_en: z.string().trim().min(1).max(100).optional(),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
});
