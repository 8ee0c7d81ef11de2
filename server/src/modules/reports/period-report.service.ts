import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import {
  DISTRIBUTION_BUCKETS,
  type TAgentStats,
  type TPeriod,
  type TPeriodReport,
  type TStats,
  type TTeamStats,
} from '../../../../shared/schemas/reports.ts';
import {
  type TenDayPart,
  datesBetween,
  monthRange,
  previousTenDay,
  shiftMonth,
  tenDayRange,
} from '../../../../shared/reports/periods.ts';
import {
  answerGroups,
  categoryNames,
  evaluationGroups,
  inspectorRows,
  reportAgents,
  reportTeams,
} from './report.repo.ts';
import { reportScope } from './report.policy.ts';
import { byName, changeOf, groupKey, indexCategories, indexGroups, statsOf } from './report.stats.ts';

export type PeriodRequest =
  { kind: 'monthly'; month: string } | { kind: 'ten_day'; month: string; part: TenDayPart };

/** The dates of a period and of the one before it. */
export function periodOf(request: PeriodRequest): {
  period: TPeriod;
  previous: { from: string; to: string };
} {
  if (request.kind === 'monthly') {
    return {
      period: { kind: 'monthly', month: request.month, part: null, ...monthRange(request.month) },
      previous: monthRange(shiftMonth(request.month, -1)),
    };
  }
  const prev = previousTenDay(request.month, request.part);
  return {
    period: {
      kind: 'ten_day',
      month: request.month,
      part: request.part,
      ...tenDayRange(request.month, request.part),
    },
    previous: tenDayRange(prev.month, prev.part),
  };
}

export type ReportDeps = { db: DbOrTx; timezone: string };

/**
 * The monthly or 10-day service-quality report (clause 4.7, flow chart B19): per CSR and team in
 * the caller's scope, the whole center, the most-failed items, inspector workload, the score
 * distribution and the daily trend, each with the previous period. Computed once here; the web
 * page, the XLSX and the PDF all render this object.
 */
export async function periodReport(
  deps: ReportDeps,
  actor: Actor,
  request: PeriodRequest,
): Promise<TPeriodReport> {
  authorize(actor, 'reports.read');
  const scope = reportScope(actor);
  const { period, previous } = periodOf(request);
  const w = { from: period.from, to: period.to, prevFrom: previous.from, prevTo: previous.to };
  const visible = scopeWhere(actor, scope, { ownerId: sql`e.agent_id`, teamId: sql`u.team_id` });
  const visibleUser = scopeWhere(actor, scope, { ownerId: sql`u.id`, teamId: sql`u.team_id` });
  const showInspectors = can(actor, 'reports.qa_summary.read');

  const [groups, answers, people, names, inspectors] = await Promise.all([
    evaluationGroups(deps.db, w, visible),
    answerGroups(deps.db, w, visible),
    reportAgents(deps.db, period, visibleUser),
    categoryNames(deps.db),
    showInspectors ? inspectorRows(deps.db, period) : Promise.resolve([]),
  ]);

  // Categories that occur in either period, in display order (unknown keys last, by key).
  const occurring = new Set(answers.categories.filter((c) => c.kind === 'center').map((c) => c.category));
  const named = names.filter((n) => occurring.has(n.key));
  const unnamed = [...occurring]
    .filter((k) => !names.some((n) => n.key === k))
    .sort()
    .map((key) => ({ key, name_zh: key, name_en: key }));
  const categories = [...named, ...unnamed];
  const keys = categories.map((c) => c.key);

  const g = indexGroups(groups);
  const cats = indexCategories(answers.categories);
  const stats = (kind: 'agent' | 'team' | 'center', cur: boolean, key: number | null): TStats | null => {
    const k = groupKey(kind, cur, key);
    const row = g.get(k);
    if (!cur && !row) return null;
    return statsOf(row, cats.get(k), keys);
  };
  const withPrevious = (kind: 'agent' | 'team' | 'center', key: number | null) => {
    const current = stats(kind, true, key) ?? statsOf(undefined, undefined, keys);
    const prev = stats(kind, false, key);
    return { ...current, previous: prev, change: changeOf(current, prev) };
  };

  const agents: TAgentStats[] = people
    .map((p) => ({
      ...withPrevious('agent', p.id),
      agent_id: p.id,
      agent: p.username,
      display_name: p.display_name,
      team_id: p.team_id,
      team_name: p.team_name,
    }))
    .sort(
      byName(
        (a) => a.display_name,
        (a) => a.agent,
      ),
    );

  let teams: TTeamStats[] = [];
  if (scope.kind !== 'own') {
    const teamIds = [...new Set(people.map((p) => p.team_id).filter((id): id is number => id !== null))];
    const teamRows = await reportTeams(
      deps.db,
      teamIds,
      scope.kind === 'team' ? (scope.teamIds.length ? sql`t.id in ${scope.teamIds}` : sql`false`) : sql`true`,
    );
    teams = teamRows
      .map((t) => ({ ...withPrevious('team', t.id), team_id: t.id, team_name: t.name }))
      .sort(
        byName(
          (t) => t.team_name,
          (t) => t.team_id,
        ),
      );
  }

  const days = new Map(groups.filter((r) => r.kind === 'day').map((r) => [r.label, r]));
  const buckets = new Map(groups.filter((r) => r.kind === 'bucket').map((r) => [r.label, r.n]));

  return {
    period,
    previous,
    generated_at: new Date().toISOString(),
    timezone: deps.timezone,
    scope: scope.kind === 'none' ? 'own' : scope.kind,
    categories,
    center: withPrevious('center', null),
    agents,
    teams,
    top_failed_items: answers.items,
    inspectors: inspectors.sort(
      byName(
        (i) => i.display_name,
        (i) => i.username,
      ),
    ),
    distribution: DISTRIBUTION_BUCKETS.map((bucket) => ({ bucket, count: buckets.get(bucket) ?? 0 })),
    trend: datesBetween(period.from, period.to).map((date) => ({
      date,
      evaluations: days.get(date)?.n ?? 0,
      average_score: days.get(date)?.average ?? null,
    })),
  };
}
