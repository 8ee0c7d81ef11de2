import type { EvaluationMethod, EvaluationPhase } from '../../../../shared/workflow.ts';
import type { Rng } from '../random.ts';
import { type Answer, DISPUTE_REASONS, type Scored, answersFor, remarksFor, scoreFor } from './answers.ts';
import { DAY_MS, type Hours, MINUTE_MS, OFFICE_HOURS, SHIFT_HOURS, daysBetween } from './calendar.ts';
import type { FormSeed } from './forms.ts';
import type { AgentInfo, Contact, Person, World } from './world.ts';

/** One check to make: a sampled contact (or, on the floor and by test call, none). */
export type WorkItem = {
  contact: Contact | null;
  agent: AgentInfo;
  inspector: Person;
  method: EvaluationMethod;
  /** The local date the check belongs to (the contact's date, or the day it was made). */
  date: string;
  assignmentId: number | null;
  /** The earliest moment the check can start. */
  from: Date;
};

export type DisputePlan = {
  reason: string;
  itemIds: number[];
  raisedAt: Date;
  leader: { decision: 'upheld' | 'forwarded'; at: Date } | null;
  review: { decision: 'upheld' | 'corrected'; at: Date } | null;
  /** The corrected answers and result when the QA lead corrects. */
  corrected: ({ answers: Answer[] } & Scored) | null;
};

/** An evaluation with everything that happened to it by now. */
export type EvalSeed = Scored & {
  item: WorkItem;
  form: FormSeed;
  phase: EvaluationPhase;
  scenarioId: number | null;
  answers: Answer[];
  positives: string | null;
  negatives: string | null;
  createdAt: Date;
  /** Null: still a draft. */
  submittedAt: Date | null;
  ackAt: Date | null;
  countersignAt: Date | null;
  dispute: DisputePlan | null;
  mark: { at_s: number; turn_index: number; text: string } | null;
};

const PHASE: Record<EvaluationMethod, EvaluationPhase> = {
  recording_review: 'after',
  side_by_side: 'during',
  on_site: 'during',
  test_call: 'before',
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The CSR's skill on a date: their discipline, drifting up over the period for those who improve. */
function skillOn(world: World, rng: Rng, agent: AgentInfo, date: string): number {
  const total = Math.max(1, daysBetween(world.periodStart, world.cal.today));
  const progress = clamp(daysBetween(world.periodStart, date) / total, 0, 1);
  const drift = agent.improves ? -0.14 + 0.24 * progress : 0;
  return clamp(agent.agent.discipline + drift + rng.normal(0, 0.04), 0.3, 0.99);
}

/** When the check is made and submitted; null when it has not started by now. */
function workTimes(world: World, rng: Rng, item: WorkItem): { created: Date; submitted: Date } | null {
  const { cal } = world;
  const office = (d: string) => world.officeDay(item.inspector.id, d);
  if (item.method === 'side_by_side' && item.contact) {
    const start = new Date(item.contact.started_at);
    const end = start.getTime() + item.contact.duration_s * 1000;
    return { created: start, submitted: new Date(end + rng.float(4, 15) * MINUTE_MS) };
  }
  if (item.method === 'on_site' || item.method === 'test_call') {
    const hours: Hours = item.method === 'on_site' ? SHIFT_HOURS[item.agent.agent.shift] : OFFICE_HOURS;
    const created = cal.moment(rng, item.date, [Math.max(hours[0], 9), Math.min(hours[1], 18)]);
    return { created, submitted: new Date(created.getTime() + rng.float(8, 25) * MINUTE_MS) };
  }
  const created = cal.later(rng, item.from, 0, 1.1, OFFICE_HOURS, office);
  if (!created) return null;
  const minutes = (item.contact?.duration_s ?? 180) / 60;
  const handling = (minutes * rng.float(1.1, 1.6) + rng.float(3, 9)) * MINUTE_MS;
  return { created, submitted: new Date(created.getTime() + handling) };
}

/** Plans one check and what followed it (signatures, a dispute), up to now. */
export function planEvaluation(world: World, rng: Rng, item: WorkItem): EvalSeed | null {
  const { cal } = world;
  const now = cal.now.getTime();
  const times = workTimes(world, rng, item);
  if (!times || times.created.getTime() > now) return null;
  const queue = item.contact?.queue ?? item.agent.agent.queues[0] ?? '';
  const form = world.formFor(queue, times.created);
  const skill = skillOn(world, rng, item.agent, item.date);
  const answers = answersFor(rng, form, skill, item.contact?.traits ?? null);
  const result = scoreFor(form, answers);
  const seed: EvalSeed = {
    item,
    form,
    phase: PHASE[item.method],
    scenarioId: item.method === 'test_call' ? rng.pick(world.scenarios) : null,
    answers,
    ...result,
    ...remarksFor(rng, form, answers, result.score),
    createdAt: times.created,
    submittedAt: times.submitted.getTime() <= now - 2 * MINUTE_MS ? times.submitted : null,
    ackAt: null,
    countersignAt: null,
    dispute: null,
    mark: null,
  };
  const turns = item.contact?.transcript;
  if (turns && turns.length > 2) {
    const failedTrait = form.items.find(
      (i) => i.spec.trait && answers.find((a) => a.item_id === i.id)?.result === 'fail',
    );
    const index = failedTrait
      ? failedTrait.spec.trait === 'closing'
        ? turns.length - 1
        : 0
      : rng.int(1, turns.length - 1);
    const turn = turns[index];
    if (turn)
      seed.mark = {
        at_s: turn.start_s,
        turn_index: index,
        text: result.fatal ? '此处出现致命错误' : failedTrait ? '此处用语不规范' : '注意此处用语',
      };
  }
  if (!seed.submittedAt) {
    // Work in progress: the inspector has answered part of the form so far.
    seed.answers = answers.slice(0, Math.max(3, Math.round(answers.length * rng.float(0.3, 0.8))));
    Object.assign(seed, scoreFor(form, seed.answers), { positives: null, negatives: null, mark: null });
    return seed;
  }
  followUp(world, rng, seed, seed.submittedAt);
  return seed;
}

/** The CSR's confirmation, the team leader's countersignature, or a dispute and its decisions. */
function followUp(world: World, rng: Rng, seed: EvalSeed, submitted: Date): void {
  const { cal } = world;
  const agent = seed.item.agent;
  const shift = SHIFT_HOURS[agent.agent.shift];
  const onShift = (d: string) => world.worksOn(agent.username, d);
  const leaderDay = (d: string) => world.officeDay(agent.leader.id, d);
  const leadDay = (d: string) => world.officeDay(world.lead.id, d);
  const window = world.windowDays * DAY_MS;

  const disputeChance = seed.fatal ? 0.3 : seed.passed ? 0.008 : 0.05;
  if (rng.chance(disputeChance)) {
    const raisedAt = cal.later(rng, submitted, 0.02, 1.2, shift, onShift);
    if (raisedAt && raisedAt.getTime() < submitted.getTime() + window) {
      const failedIds = seed.answers.filter((a) => a.result === 'fail').map((a) => a.item_id);
      const dispute: DisputePlan = {
        reason: rng.pick(DISPUTE_REASONS),
        itemIds: failedIds.slice(0, 2),
        raisedAt,
        leader: null,
        review: null,
        corrected: null,
      };
      seed.dispute = dispute;
      const leaderAt = cal.later(rng, raisedAt, 0.2, 2.5, OFFICE_HOURS, leaderDay);
      if (!leaderAt) return;
      dispute.leader = { decision: rng.chance(0.35) ? 'upheld' : 'forwarded', at: leaderAt };
      let closedAt = leaderAt;
      if (dispute.leader.decision === 'forwarded') {
        const reviewAt = cal.later(rng, leaderAt, 0.3, 3, OFFICE_HOURS, leadDay);
        if (!reviewAt) return;
        const correct = rng.chance(0.55);
        dispute.review = { decision: correct ? 'corrected' : 'upheld', at: reviewAt };
        closedAt = reviewAt;
        if (correct) {
          const answers = seed.answers.map((a) =>
            a.result === 'fail' && (dispute.itemIds.includes(a.item_id) || rng.chance(0.3))
              ? { ...a, result: 'pass' as const, comment: null }
              : a,
          );
          dispute.corrected = { answers, ...scoreFor(seed.form, answers) };
        }
      }
      confirm(world, rng, seed, closedAt, closedAt.getTime() + window);
    }
    return;
  }
  confirm(world, rng, seed, submitted, submitted.getTime() + window);
}

/** The CSR signs (most within the window; a few late or never) and the team leader countersigns. */
function confirm(world: World, rng: Rng, seed: EvalSeed, from: Date, dueMs: number): void {
  const { cal } = world;
  const agent = seed.item.agent;
  // A few CSRs sign late; now and then one never does (overdue, for the team leader to chase).
  const slow = rng.chance(0.03);
  const ackAt = cal.later(
    rng,
    from,
    slow ? world.windowDays * 0.9 : 0.02,
    slow ? world.windowDays + 2 : 1.6,
    SHIFT_HOURS[agent.agent.shift],
    (d) => world.worksOn(agent.username, d),
  );
  if (!ackAt || (ackAt.getTime() > dueMs && rng.chance(0.3))) return;
  seed.ackAt = ackAt;
  // Team leaders countersign everything (5.5), most within a day or two, some in a weekly batch.
  const batch = rng.chance(0.15);
  seed.countersignAt = cal.later(rng, ackAt, batch ? 2 : 0.02, batch ? 6 : 1.4, OFFICE_HOURS, (d) =>
    world.officeDay(agent.leader.id, d),
  );
}
