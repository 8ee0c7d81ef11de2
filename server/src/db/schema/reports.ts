import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './people.ts';

/** The QA lead's written part of the QA team's monthly work summary (clause 4.9), one per month. */
export const qaMonthlySummaries = pgTable('qa_monthly_summaries', {
  /** YYYY-MM */
  month: text('month').primaryKey(),
  findings: text('findings').notNull().default(''),
  measures: text('measures').notNull().default(''),
  updated_by: integer('updated_by').references(() => users.id),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
