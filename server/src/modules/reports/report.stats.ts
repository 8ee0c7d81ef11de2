import type { TChange, TStats } from '../../../../shared/schemas/reports.ts';
import { difference, roundScore } from '../../../../shared/reports/rounding.ts';
import { intervalFromSummary } from '../../../../shared/statistics.ts';
import type { CategoryGroupRow, EvaluationGroupRow } from './report.repo.ts';

/** The figures of one group (a CSR, a team, the center) in one period, from the SQL rows. */
export function statsOf(
  group:
    Pick<EvaluationGroupRow, 'n' | 'average' | 'mean' | 'sd' | 'passed' | 'fatal' | 'pass_rate'> | undefined,
  categories: Map<string, number | null> | undefined,
  categoryKeys: readonly string[],
): TStats {
  const interval = group
    ? intervalFromSummary({ n: group.n, mean: group.mean, sd: group.sd }, { clamp: [0, 100] })
    : null;
  return {
    evaluations: group?.n ?? 0,
    average_score: group?.average ?? null,
    ci_low: roundScore(interval?.low ?? null),
    ci_high: roundScore(interval?.high ?? null),
    pass_rate: group?.pass_rate ?? null,
    fatal_count: group?.fatal ?? 0,
    categories: Object.fromEntries(categoryKeys.map((k) => [k, categories?.get(k) ?? null])),
  };
}

/** Current minus previous, in the rounded figures people see (1 decimal for scores, 4 for rates). */
export function changeOf(current: TStats, previous: TStats | null): TChange {
  return {
    average_score: difference(current.average_score, previous?.average_score ?? null, 1),
    pass_rate: difference(current.pass_rate, previous?.pass_rate ?? null, 4),
  };
}

/** Key of a (kind, period, id) group. */
export const groupKey = (kind: string, cur: boolean, key: number | null): string =>
  `${kind}:${cur ? 'cur' : 'prev'}:${key ?? ''}`;

/** Indexes the evaluation-level rows by group. */
export function indexGroups(rows: readonly EvaluationGroupRow[]): Map<string, EvaluationGroupRow> {
  const out = new Map<string, EvaluationGroupRow>();
  for (const r of rows)
    if (r.kind === 'agent' || r.kind === 'team' || r.kind === 'center') {
      out.set(groupKey(r.kind, r.cur, r.key), r);
    }
  return out;
}

/** Indexes the category shares by group: group key → category key → share. */
export function indexCategories(rows: readonly CategoryGroupRow[]): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    const key = groupKey(r.kind, r.cur, r.key);
    let m = out.get(key);
    if (!m) out.set(key, (m = new Map<string, number | null>()));
    m.set(r.category, r.share);
  }
  return out;
}

const collator = new Intl.Collator('zh-CN');

/** Sorts by a display name as a Chinese reader expects (pinyin order), then by a tie-breaker. */
export function byName<T>(name: (t: T) => string, tie: (t: T) => string | number): (a: T, b: T) => number {
  return (a, b) => {
    const c = collator.compare(name(a), name(b));
    if (c !== 0) return c;
    const ta = tie(a);
    const tb = tie(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  };
}
