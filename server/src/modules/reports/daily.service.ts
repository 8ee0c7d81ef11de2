import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type { TBulletinRow, TDailyBulletin } from '../../../../shared/schemas/reports.ts';
import { reportScope } from './report.policy.ts';
import type { ReportDeps } from './period-report.service.ts';
import { byName } from './report.stats.ts';

type RowWithTeam = TBulletinRow & { team_id: number | null; team_name: string | null };

type TotalRow = {
  team_id: number | null;
  is_total: boolean;
  evaluations: number;
  agents_checked: number;
  average_score: number | null;
  pass_rate: number | null;
  fatal_count: number;
  positives: number;
  negatives: number;
};

/**
 * The Daily QA Bulletin (日质检通报, clause 5.5) of a local date: the day's submitted evaluations in
 * the caller's scope by team, fatal errors first and then by score ascending, with the failed items
 * of the current revision and the praise and criticism; the day's counts and averages.
 */
export async function dailyBulletin(deps: ReportDeps, actor: Actor, date: string): Promise<TDailyBulletin> {
  authorize(actor, 'reports.read');
  const scope = reportScope(actor);
  const visible = scopeWhere(actor, scope, { ownerId: sql`e.agent_id`, teamId: sql`a.team_id` });
  const hasText = (col: string) => sql.raw(`(e.${col} is not null and btrim(e.${col}) <> '')`);

  const [rows, totals] = await Promise.all([
    queryRows<RowWithTeam>(
      deps.db,
      sql`select e.id::int as evaluation_id, e.agent_id, a.username as agent, a.display_name,
            ev.display_name as evaluator, e.evaluator_id, e.method, e.phase, e.score::float8 as score,
            e.fatal, e.passed, e.positives, e.negatives, a.team_id, t.name as team_name,
            coalesce((select json_agg(json_build_object('item_id', fi.id, 'text', fi.text, 'fatal', fi.fatal)
                        order by fi.fatal desc, fi.position)
                      from unnest(e.failed_item_ids) as x(item_id) join form_items fi on fi.id = x.item_id),
                     '[]'::json) as failed_items
          from evaluations e
            join users a on a.id = e.agent_id
            join users ev on ev.id = e.evaluator_id
            left join teams t on t.id = a.team_id
          where e.status <> 'draft' and e.local_date = ${date}::date and ${visible}
          order by e.fatal desc, e.score asc, e.id`,
    ),
    queryRows<TotalRow>(
      deps.db,
      sql`select a.team_id, grouping(a.team_id) = 1 as is_total, count(*)::int as evaluations,
            count(distinct e.agent_id)::int as agents_checked,
            round(avg(e.score), 1)::float8 as average_score,
            round((count(*) filter (where e.passed))::numeric / nullif(count(*), 0), 4)::float8 as pass_rate,
            (count(*) filter (where e.fatal))::int as fatal_count,
            (count(*) filter (where ${hasText('positives')}))::int as positives,
            (count(*) filter (where ${hasText('negatives')}))::int as negatives
          from evaluations e join users a on a.id = e.agent_id
          where e.status <> 'draft' and e.local_date = ${date}::date and ${visible}
          group by grouping sets ((a.team_id), ())`,
    ),
  ]);

  const total = totals.find((t) => t.is_total);
  const teamTotals = new Map(totals.filter((t) => !t.is_total).map((t) => [t.team_id, t]));
  const teams = new Map<number | null, { team_name: string | null; rows: TBulletinRow[] }>();
  for (const { team_id, team_name, ...row } of rows) {
    let team = teams.get(team_id);
    if (!team) teams.set(team_id, (team = { team_name, rows: [] }));
    team.rows.push(row);
  }
  const ordered = [...teams.entries()]
    .map(([team_id, t]) => ({
      team_id,
      team_name: t.team_name,
      evaluations: teamTotals.get(team_id)?.evaluations ?? t.rows.length,
      average_score: teamTotals.get(team_id)?.average_score ?? null,
      fatal_count: teamTotals.get(team_id)?.fatal_count ?? 0,
      rows: t.rows,
    }))
    .sort((a, b) => {
      if (a.team_id === null || b.team_id === null)
        return a.team_id === null ? (b.team_id === null ? 0 : 1) : -1;
      return byName<typeof a>(
        (x) => x.team_name ?? '',
        (x) => x.team_id ?? 0,
      )(a, b);
    });

  return {
    date,
    generated_at: new Date().toISOString(),
    timezone: deps.timezone,
    scope: scope.kind === 'none' ? 'own' : scope.kind,
    totals: {
      evaluations: total?.evaluations ?? 0,
      agents_checked: total?.agents_checked ?? 0,
      average_score: total?.average_score ?? null,
      pass_rate: total?.pass_rate ?? null,
      fatal_count: total?.fatal_count ?? 0,
      positives: total?.positives ?? 0,
      negatives: total?.negatives ?? 0,
    },
    teams: ordered,
  };
}
