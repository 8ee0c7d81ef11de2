import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { staleWrite } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type {
  TInspectorRow,
  TQaSummary,
  TQaSummaryText,
  TUpdateQaSummaryRequest,
} from '../../../../shared/schemas/reports.ts';
import { monthRange } from '../../../../shared/reports/periods.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { ReportDeps } from './period-report.service.ts';
import { reportScope } from './report.policy.ts';
import { inspectorRows } from './report.repo.ts';
import { byName } from './report.stats.ts';

type TextRow = {
  findings: string;
  measures: string;
  version: number;
  updated_by_name: string | null;
  updated_at: string | null;
};

async function readText(db: ReportDeps['db'], month: string): Promise<TQaSummaryText> {
  const [row] = await queryRows<TextRow>(
    db,
    sql`select s.findings, s.measures, s.version, u.display_name as updated_by_name,
          to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at
        from qa_monthly_summaries s left join users u on u.id = s.updated_by where s.month = ${month}`,
  );
  return row ?? { findings: '', measures: '', version: 0, updated_by_name: null, updated_at: null };
}

async function inspectorsOf(db: ReportDeps['db'], month: string): Promise<TInspectorRow[]> {
  const rows = await inspectorRows(db, monthRange(month));
  return rows.sort(
    byName(
      (i) => i.display_name,
      (i) => i.username,
    ),
  );
}

/**
 * The QA team's monthly work summary (clause 4.9): per inspector assigned vs done, time per
 * evaluation, their accuracy (evaluations disputed, overturned, inspector errors and the error
 * rate, by the inspector-accuracy query), and the QA lead's findings and improvement measures.
 */
export async function getQaSummary(deps: ReportDeps, actor: Actor, month: string): Promise<TQaSummary> {
  authorize(actor, 'reports.qa_summary.read');
  const [inspectors, text] = await Promise.all([inspectorsOf(deps.db, month), readText(deps.db, month)]);
  return { month, generated_at: new Date().toISOString(), timezone: deps.timezone, inspectors, text };
}

/**
 * The summary text for the monthly PDF: shown to those who see the whole center (the findings name
 * the center's problems, not one team's); null for a team leader's or a CSR's copy.
 */
export async function summaryTextForReport(
  deps: ReportDeps,
  actor: Actor,
  month: string,
): Promise<TQaSummaryText | null> {
  if (reportScope(actor).kind !== 'all') return null;
  return readText(deps.db, month);
}

/**
 * Saves the QA lead's findings and measures of a month with optimistic locking: `version` is the
 * one read (0 when the month had none); a save by someone else in between answers 409. Audited in
 * the same transaction.
 */
export async function saveQaSummary(
  deps: ReportDeps,
  actor: Actor,
  ctx: AuditContext,
  month: string,
  input: TUpdateQaSummaryRequest,
): Promise<TQaSummary> {
  authorize(actor, 'reports.qa_summary.write');
  await deps.db.transaction(async (tx) => {
    const [before] = await queryRows<{ findings: string; measures: string; version: number }>(
      tx,
      sql`select findings, measures, version from qa_monthly_summaries where month = ${month} for update`,
    );
    if ((before?.version ?? 0) !== input.version) throw staleWrite('monthly summary');
    const [after] = before
      ? await queryRows<{ version: number }>(
          tx,
          sql`update qa_monthly_summaries set findings = ${input.findings}, measures = ${input.measures},
                updated_by = ${actor.id}, updated_at = now(), version = version + 1
              where month = ${month} and version = ${input.version} returning version`,
        )
      : await queryRows<{ version: number }>(
          tx,
          sql`insert into qa_monthly_summaries (month, findings, measures, updated_by)
              values (${month}, ${input.findings}, ${input.measures}, ${actor.id})
              on conflict (month) do nothing returning version`,
        );
    if (!after) throw staleWrite('monthly summary');
    await recordAudit(tx, ctx, {
      action: 'qa_summary.update',
      entityType: 'qa_monthly_summary',
      entityId: month,
      before: before
        ? { findings: before.findings, measures: before.measures, version: before.version }
        : null,
      after: { findings: input.findings, measures: input.measures, version: after.version },
    });
  });
  return getQaSummary(deps, actor, month);
}
