import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import {
  type TComparison,
  type TMonthFigures,
  previousMonth,
} from '../../../../shared/schemas/compliance.ts';
import { toInterval } from './compliance.board.ts';
import { planOfMonth } from './compliance.plans.ts';
import { readSnapshot } from './compliance.snapshot.ts';
import {
  type ResultRow,
  agentResults,
  centerResults,
  itemResults,
  queueResults,
} from './compliance.results.ts';

const EMPTY: ResultRow = { n: 0, mean: null, sd: null, passed: 0, fatal: 0, pass_mark: null };

function figures(r: ResultRow | undefined): TMonthFigures {
  const row = r ?? EMPTY;
  return { score: toInterval(row), pass_rate: row.n > 0 ? row.passed / row.n : null, fatal_count: row.fatal };
}

const change = (before: TMonthFigures, after: TMonthFigures) =>
  before.score.mean === null || after.score.mean === null ? null : after.score.mean - before.score.mean;

/**
 * Did targeting help (clause 4.3)? For the CSRs, items and queues the month's targeted plan singled
 * out: last month against this month — average with n and 95% interval, pass rate, fatal errors;
 * item fail rates. The CSRs not targeted are the yardstick for the drift of the whole center.
 */
export async function getComparison(db: Db, actor: Actor, month: string): Promise<TComparison> {
  authorize(actor, 'compliance.plans');
  return readSnapshot(db, (tx) => compare(tx, month));
}

async function compare(db: DbOrTx, month: string): Promise<TComparison> {
  const previous = previousMonth(month);
  const plan = await planOfMonth(db, month);
  const proposal = plan?.proposal ?? null;
  const agentIds = proposal?.agents.map((a) => a.agent_id) ?? [];
  const itemKeys = proposal?.items.map((i) => i.item_key) ?? [];
  const queueIds = proposal?.queues.map((q) => q.queue_id) ?? [];
  const [
    agentsBefore,
    agentsAfter,
    othersBefore,
    othersAfter,
    itemsBefore,
    itemsAfter,
    queuesBefore,
    queuesAfter,
  ] = await Promise.all([
    agentResults(db, previous, agentIds),
    agentResults(db, month, agentIds),
    centerResults(db, previous, agentIds),
    centerResults(db, month, agentIds),
    itemResults(db, previous, itemKeys),
    itemResults(db, month, itemKeys),
    queueResults(db, previous, queueIds),
    queueResults(db, month, queueIds),
  ]);
  const others = { before: figures(othersBefore), after: figures(othersAfter) };
  const itemFigures = (rows: typeof itemsBefore, key: string) => {
    const r = rows.find((x) => x.item_key === key);
    return {
      answered: r?.answered ?? 0,
      fails: r?.fails ?? 0,
      fail_rate: r && r.answered > 0 ? r.fails / r.answered : null,
    };
  };
  return {
    month,
    previous,
    plan: plan && { id: plan.id, name: plan.name, status: plan.status, activated_at: plan.activated_at },
    agents: (proposal?.agents ?? []).map((a) => {
      const before = figures(agentsBefore.find((r) => r.agent_id === a.agent_id));
      const after = figures(agentsAfter.find((r) => r.agent_id === a.agent_id));
      return {
        agent_id: a.agent_id,
        agent: a.agent,
        display_name: a.display_name,
        team: a.team,
        reasons: a.reasons,
        before,
        after,
        change: change(before, after),
      };
    }),
    others: {
      agents_before: othersBefore.agents,
      agents_after: othersAfter.agents,
      ...others,
      change: change(others.before, others.after),
    },
    items: (proposal?.items ?? []).map((i) => {
      const before = itemFigures(itemsBefore, i.item_key);
      const after = itemFigures(itemsAfter, i.item_key);
      return {
        item_key: i.item_key,
        text: i.text,
        category: i.category,
        before,
        after,
        change:
          before.fail_rate === null || after.fail_rate === null ? null : after.fail_rate - before.fail_rate,
      };
    }),
    queues: (proposal?.queues ?? []).map((q) => {
      const before = figures(queuesBefore.find((r) => r.queue_id === q.queue_id));
      const after = figures(queuesAfter.find((r) => r.queue_id === q.queue_id));
      return { queue_id: q.queue_id, name: q.name, before, after, change: change(before, after) };
    }),
  };
}
