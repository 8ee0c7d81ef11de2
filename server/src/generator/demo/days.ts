import type { Database } from '../../db/client.ts';
import type { EvaluationMethod } from '../../../../shared/workflow.ts';
import type { Rng } from '../random.ts';
import { scoreFor } from './answers.ts';
import { MINUTE_MS, addDays } from './calendar.ts';
import { type EvalSeed, type WorkItem, planEvaluation } from './evaluation-plan.ts';
import { writeEvaluations } from './evaluation-writer.ts';
import type { DemoTrail } from './trail.ts';
import type { AgentInfo, Contact, Person, World } from './world.ts';

/**
 * The period day by day: each day's checks are chosen (by the sampling run when there is one, else
 * as the default plan would: three random contacts per CSR on shift), inspectors work through them
 * over the next office days, and a few live, on-site and test-call checks happen on the floor.
 */

/** Chooses a day's sampled checks; the demo's sampling run implements it with the real API. */
export type DaySampler = (date: string) => Promise<WorkItem[]>;

export type DayHooks = {
  /** Runs before the day's checks are planned (e.g. a scorecard revision on its day). */
  before?: (date: string) => Promise<void>;
  /** Whether `before` needs the work so far in the database (then it is written first). */
  needsWork?: (date: string) => boolean;
};

export function contactsByDate(contacts: Contact[]): Map<string, Contact[]> {
  const byDate = new Map<string, Contact[]>();
  for (const c of contacts) {
    const date = c.started_at.slice(0, 10);
    const list = byDate.get(date) ?? [];
    list.push(c);
    byDate.set(date, list);
  }
  return byDate;
}

/** The default plan without the sampling module: three random contacts per CSR on shift, spread evenly. */
export function randomSampler(world: World, rng: Rng, byDate: Map<string, Contact[]>): DaySampler {
  let turn = 0;
  return (date) => {
    const byAgent = new Map<string, Contact[]>();
    for (const c of byDate.get(date) ?? []) byAgent.set(c.agent, [...(byAgent.get(c.agent) ?? []), c]);
    const items: WorkItem[] = [];
    for (const [username, list] of byAgent) {
      const agent = world.agents.get(username);
      if (!agent) continue;
      const picked = [...list].sort(() => rng.next() - 0.5).slice(0, 3);
      for (const contact of picked) {
        const inspector = checker(world, turn++);
        items.push(workItem(world, agent, inspector, contact, 'recording_review', date, null));
      }
    }
    return Promise.resolve(items);
  };
}

/** Inspectors in turn; the QA lead takes one check in twelve. */
export function checker(world: World, turn: number): Person {
  if (turn % 12 === 11) return world.lead;
  return world.inspectors[turn % world.inspectors.length] ?? world.lead;
}

export function workItem(
  world: World,
  agent: AgentInfo,
  inspector: Person,
  contact: Contact | null,
  method: EvaluationMethod,
  date: string,
  assignmentId: number | null,
): WorkItem {
  const end = contact ? new Date(contact.started_at).getTime() + contact.duration_s * 1000 : 0;
  // Recordings are reviewed from the morning after (the sampling run picks the day's contacts then).
  const from = contact && method === 'recording_review' ? world.cal.at(addDays(date, 1), 7.2) : new Date(end);
  return { contact, agent, inspector, method, date, assignmentId, from };
}

/** Live listening, on-site checks and test calls of a day, beside the sampled work. */
function floorChecks(world: World, rng: Rng, date: string, contacts: Contact[], turn: number): WorkItem[] {
  const items: WorkItem[] = [];
  const calls = contacts.filter((c) => c.channel === 'call');
  const onShift = [...new Set(contacts.map((c) => c.agent))]
    .map((u) => world.agents.get(u))
    .filter((a): a is AgentInfo => a !== undefined);
  const plan: [EvaluationMethod, number][] = [
    ['side_by_side', 2],
    ['on_site', 2],
    ['test_call', 1],
  ];
  for (const [method, count] of plan) {
    for (let i = 0; i < count; i++) {
      const inspector = checker(world, turn + i + items.length);
      if (!world.officeDay(inspector.id, date)) continue;
      if (method === 'side_by_side') {
        const contact = calls.length > 0 ? rng.pick(calls) : null;
        const agent = contact ? world.agents.get(contact.agent) : undefined;
        if (contact && agent) items.push(workItem(world, agent, inspector, contact, method, date, null));
      } else if (onShift.length > 0) {
        items.push(workItem(world, rng.pick(onShift), inspector, null, method, date, null));
      }
    }
  }
  return items;
}

export type DaysResult = { evaluations: number; disputes: number; seeds: EvalSeed[] };

/** Plays the period from `first` to today. Seeds of the last two days are held for `finishLast`. */
export async function playDays(
  database: Database,
  world: World,
  trail: DemoTrail,
  rng: Rng,
  sampler: DaySampler,
  byDate: Map<string, Contact[]>,
  hooks: DayHooks = {},
): Promise<DaysResult> {
  const today = world.cal.today;
  const held: EvalSeed[] = [];
  const all: EvalSeed[] = [];
  let evaluations = 0;
  let disputes = 0;
  let turn = 0;
  // Written in batches of several days (fewer, larger statements), and before a hook that reads
  // the work (a scorecard revision needs its version used; the proposal last month's results).
  let pending: EvalSeed[] = [];
  const flush = async () => {
    const written = await writeEvaluations(database, world, trail, pending);
    evaluations += written.evaluations;
    disputes += written.disputes;
    pending = [];
  };
  for (let date = world.periodStart; date <= today; date = addDays(date, 1)) {
    if (hooks.needsWork?.(date) && pending.length > 0) await flush();
    await hooks.before?.(date);
    // The day's checks on the floor (live listening, on-site, test calls), then the sampled ones.
    const floor = floorChecks(world, rng, date, byDate.get(date) ?? [], turn)
      .map((item) => planEvaluation(world, rng, item))
      .filter((s): s is EvalSeed => s !== null);
    turn += 7;
    const sampled = (await sampler(date))
      .map((item) => planEvaluation(world, rng, item))
      .filter((s): s is EvalSeed => s !== null);
    all.push(...floor, ...sampled);
    // The last days' work is held back: some of it is still in progress (see keepDraftsInProgress).
    (date >= addDays(today, -4) ? held : pending).push(...floor, ...sampled);
    if (pending.length >= 1500) await flush();
  }
  await flush();
  keepDraftsInProgress(world, rng, held);
  const written = await writeEvaluations(database, world, trail, held);
  return {
    evaluations: evaluations + written.evaluations,
    disputes: disputes + written.disputes,
    seeds: all,
  };
}

/**
 * Inspectors leave work in progress: the QA lead and two inspectors have drafts of their latest
 * checks (saved, not yet submitted), as on any working day.
 */
function keepDraftsInProgress(world: World, rng: Rng, seeds: EvalSeed[]): void {
  const now = world.cal.now.getTime();
  const wanted = new Map<number, number>([
    [world.lead.id, 2],
    ...world.inspectors.slice(0, 2).map((p): [number, number] => [p.id, 1]),
  ]);
  const latestFirst = [...seeds].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  for (const seed of latestFirst) {
    const id = seed.item.inspector.id;
    const left = wanted.get(id) ?? 0;
    if (left === 0) continue;
    if (seed.submittedAt === null) {
      wanted.set(id, left - 1);
      continue;
    }
    if (seed.dispute || now - seed.createdAt.getTime() > 4 * 86_400_000) continue;
    seed.submittedAt = null;
    seed.ackAt = null;
    seed.countersignAt = null;
    seed.createdAt = new Date(Math.min(seed.createdAt.getTime(), now - rng.float(20, 90) * MINUTE_MS));
    const keep = Math.max(3, Math.round(seed.answers.length * rng.float(0.3, 0.7)));
    seed.answers = seed.answers.slice(0, keep);
    Object.assign(seed, scoreFor(seed.form, seed.answers), { positives: null, negatives: null });
    wanted.set(id, left - 1);
  }
}
