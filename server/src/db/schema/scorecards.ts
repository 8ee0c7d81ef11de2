import {
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { queues, users } from './people.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Item categories (clause 4.7); the five defaults are seeded by the migration. */
export const scoreCategories = pgTable(
  'score_categories',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    name_zh: text('name_zh').notNull(),
    name_en: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    created_at: tstz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('score_categories_key_unique').on(t.key)],
);

/** A scorecard. Its content lives in versions; `current_version` is the one new evaluations use. */
export const forms = pgTable('forms', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  status: text('status').notNull().default('active'),
  current_version: integer('current_version').notNull().default(1),
  created_by: integer('created_by').references(() => users.id),
  created_at: tstz('created_at').notNull().defaultNow(),
  updated_at: tstz('updated_at').notNull().defaultNow(),
  /** Optimistic locking of the form as a whole. */
  version: integer('version').notNull().default(1),
});

/** The queues (business lines) a form applies to (clause 4.4). */
export const formQueues = pgTable(
  'form_queues',
  {
    form_id: integer('form_id')
      .notNull()
      .references(() => forms.id),
    queue_id: integer('queue_id')
      .notNull()
      .references(() => queues.id),
  },
  (t) => [primaryKey({ columns: [t.form_id, t.queue_id] }), index('form_queues_queue_idx').on(t.queue_id)],
);

/**
 * One immutable-once-used version of a form. `used_at` is set when the first evaluation is scored
 * on it; after that an edit makes a new version instead of changing this one.
 */
export const formVersions = pgTable(
  'form_versions',
  {
    id: serial('id').primaryKey(),
    form_id: integer('form_id')
      .notNull()
      .references(() => forms.id),
    version: integer('version').notNull(),
    pass_mark: numeric('pass_mark', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    created_by: integer('created_by').references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    used_at: tstz('used_at'),
  },
  (t) => [uniqueIndex('form_versions_form_version_unique').on(t.form_id, t.version)],
);

export const formSections = pgTable(
  'form_sections',
  {
    id: serial('id').primaryKey(),
    form_version_id: integer('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
  },
  (t) => [index('form_sections_version_idx').on(t.form_version_id, t.position)],
);

/**
 * A scorecard item. `item_key` stays the same across versions of one logical item, so analyses
 * ("most-failed items") can follow it; `id` is per version and is what answers refer to.
 */
export const formItems = pgTable(
  'form_items',
  {
    id: serial('id').primaryKey(),
    form_version_id: integer('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    section_id: integer('section_id')
      .notNull()
      .references(() => formSections.id),
    position: integer('position').notNull(),
    item_key: text('item_key').notNull(),
    text: text('text').notNull(),
    category_key: text('category_key').notNull(),
    points: numeric('points', { precision: 7, scale: 2, mode: 'number' }).notNull(),
    fatal: boolean('fatal').notNull().default(false),
    allow_na: boolean('allow_na').notNull().default(true),
    guidance: text('guidance'),
  },
  (t) => [
    index('form_items_version_idx').on(t.form_version_id, t.position),
    index('form_items_key_idx').on(t.item_key),
  ],
);
