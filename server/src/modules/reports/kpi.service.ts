import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type { TKpiReport, TKpiRow } from '../../../../shared/schemas/reports.ts';
import { monthRange } from '../../../../shared/reports/periods.ts';
import { guardFormula } from '../../../../shared/csv-guard.ts';
import type { ReportDeps } from './period-report.service.ts';
import { reportScope } from './report.policy.ts';
import { type DocLang, L } from './report.labels.ts';
import { newWorkbook, addTableSheet, workbookBuffer } from './report.xlsx.ts';

/**
 * The monthly KPI rows for performance appraisal (clause 4.6): per CSR the month's evaluations,
 * average score, fatal errors, pass rate and rank in the team. Every active CSR in scope gets a row
 * (nulls when not evaluated). The rank is a competition rank of the rounded average among the
 * team's evaluated CSRs (ties share: 1, 1, 3), computed over the whole team before the scope filter,
 * so a team leader sees the same ranks as HR.
 */
export async function kpiReport(deps: ReportDeps, actor: Actor, month: string): Promise<TKpiReport> {
  authorize(actor, 'reports.kpi');
  const scope = reportScope(actor);
  const { from, to } = monthRange(month);
  const visible = scopeWhere(actor, scope, { ownerId: sql`k.agent_id`, teamId: sql`k.team_id` });
  const rows = await queryRows<TKpiRow>(
    deps.db,
    sql`with s as (
          select e.agent_id, count(*)::int as n, round(avg(e.score), 1) as average,
            (count(*) filter (where e.fatal))::int as fatal,
            round((count(*) filter (where e.passed))::numeric / count(*), 4) as pass_rate
          from evaluations e
          where e.status <> 'draft' and e.local_date between ${from}::date and ${to}::date
          group by e.agent_id
        ),
        k as (
          select u.id as agent_id, u.username, u.display_name, u.team_id, t.name as team_name,
            s.n, s.average, s.fatal, s.pass_rate,
            case when s.n is not null and u.team_id is not null
              then rank() over (partition by u.team_id, s.n is null order by s.average desc) end as rank_in_team,
            case when u.team_id is null then 0
              else count(s.n) over (partition by u.team_id) end as team_size
          from users u left join s on s.agent_id = u.id left join teams t on t.id = u.team_id
          where ('agent' = any(u.roles) and u.active) or s.n is not null
        )
        select k.agent_id, k.username as agent, k.display_name, k.team_id, k.team_name,
          coalesce(k.n, 0) as evaluations, k.average::float8 as average_score, coalesce(k.fatal, 0) as fatal_count,
          k.pass_rate::float8 as pass_rate, k.rank_in_team::int as rank_in_team, k.team_size::int as team_size
        from k where ${visible}`,
  );
  const collator = new Intl.Collator('zh-CN');
  rows.sort(
    (a, b) =>
      (a.team_name === null ? 1 : 0) - (b.team_name === null ? 1 : 0) ||
      collator.compare(a.team_name ?? '', b.team_name ?? '') ||
      (a.team_id ?? 0) - (b.team_id ?? 0) ||
      (a.rank_in_team ?? Number.MAX_SAFE_INTEGER) - (b.rank_in_team ?? Number.MAX_SAFE_INTEGER) ||
      collator.compare(a.display_name, b.display_name) ||
      collator.compare(a.agent, b.agent),
  );
  return {
    month,
    generated_at: new Date().toISOString(),
    scope: scope.kind === 'none' ? 'own' : scope.kind,
    rows,
  };
}

/** Column headers and values of the KPI sheet: one header row, plain numbers (pasteable into payroll). */
function kpiTable(
  report: TKpiReport,
  lang: DocLang,
): { headers: string[]; rows: (string | number | null)[][] } {
  return {
    headers: [
      L('month', lang),
      L('username', lang),
      L('agent', lang),
      L('team', lang),
      L('evaluations', lang),
      L('averageScore', lang),
      L('fatalCount', lang),
      L('passRate', lang),
      L('rankInTeam', lang),
      L('teamSize', lang),
    ],
    rows: report.rows.map((r) => [
      report.month,
      r.agent,
      r.display_name,
      r.team_name,
      r.evaluations,
      r.average_score,
      r.fatal_count,
      r.pass_rate,
      r.rank_in_team,
      r.team_size,
    ]),
  };
}

/**
 * A CSV cell: quoted when needed, and guarded against formula injection (shared/csv-guard.ts: a
 * cell starting with = + - @, or a tab/carriage return, gets a leading apostrophe so a spreadsheet
 * shows it as text). Numbers are written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = guardFormula(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** The KPI rows as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese correctly). */
export function kpiCsv(report: TKpiReport, lang: DocLang): string {
  const { headers, rows } = kpiTable(report, lang);
  return `\uFEFF${[headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The KPI rows as XLSX: one sheet, one header row, numbers formatted but stored as plain numbers. */
export async function kpiXlsx(report: TKpiReport, lang: DocLang): Promise<Buffer> {
  const { headers, rows } = kpiTable(report, lang);
  const wb = newWorkbook();
  addTableSheet(wb, `${L('kpiTitle', lang)} ${report.month}`, {
    headers,
    rows,
    formats: [null, null, null, null, '0', '0.0', '0', '0.0%', '0', '0'],
    widths: [10, 16, 14, 16, 10, 10, 10, 10, 10, 10],
  });
  return workbookBuffer(wb);
}
