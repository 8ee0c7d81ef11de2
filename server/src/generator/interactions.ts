import type { Center, GeneratedAgent, Topic } from './center.ts';
import {
  AGENT_ACKS,
  CUSTOMER_ACKS,
  FORBIDDEN_PHRASES,
  HOLD_END,
  HOLD_START,
  IDENTITY_CHECK,
  SLOPPY_CLOSINGS,
  SLOPPY_GREETINGS,
  STANDARD_CLOSINGS,
  STANDARD_GREETINGS,
  TOPIC_EXCHANGES,
} from './phrases.ts';
import { type Rng, createRng, deriveSeed } from './random.ts';

export type Channel = 'call' | 'chat' | 'email';
export type Direction = 'inbound' | 'outbound';

/** One speaker turn, as the import's `transcript` column takes it. */
export type TranscriptTurn = { speaker: 'agent' | 'customer'; start_s: number; end_s: number; text: string };

/** What a transcript was built to contain, so tests of auto-QA rules know the right answer. */
export type InteractionTraits = {
  /** The agent's first turn has the standard greeting (您好 … 很高兴为您服务). */
  greeting: boolean;
  /** The agent's last turn has the standard closing (感谢来电 … 祝您生活愉快). */
  closing: boolean;
  /** Forbidden phrases the agent said. */
  forbidden: string[];
  /** The longest gap between two turns, outside a hold, in seconds. */
  longestSilenceS: number;
  /** Seconds the customer was on hold (0 without a hold). */
  holdS: number;
};

/** An interaction in the columns of the import (SPEC §5), plus the traits of its transcript. */
export type GeneratedInteraction = {
  external_id: string;
  /** The agent's username. */
  agent: string;
  /** ISO 8601 with the center's offset, e.g. 2026-11-02T09:31:07+08:00. */
  started_at: string;
  duration_s: number;
  channel: Channel;
  direction: Direction;
  /** Queue code. */
  queue: string;
  customer_ref: string | null;
  recording_url: string | null;
  transcript: TranscriptTurn[] | null;
  traits: InteractionTraits | null;
};

export type InteractionOptions = {
  seed: number;
  center: Center;
  /** YYYY-MM: the month whose days are generated (from its first day); default 2026-10. */
  month?: string;
  /** Days from the first generated day; default to the end of the month. */
  days?: number;
  /** The first day generated, counted from the first of the month (0 = the 1st); default 0. */
  startDay?: number;
  /** Contacts per agent on a working day (agents work about five days in seven); default 20. */
  perAgentPerDay?: number;
  /** Share (0–1) of calls and chats that carry a transcript; default 0.2. Emails never do. */
  transcriptShare?: number;
  /** Share of calls with a recording URL; default 0.9. */
  recordingShare?: number;
  /** Relative weights of the channels; default call 0.8, chat 0.15, email 0.05. */
  channels?: Partial<Record<Channel, number>>;
  /** Stop after this many rows. */
  limit?: number;
  /** Prefix of the external ids; default CTI. Different prefixes never collide. */
  idPrefix?: string;
  /** The center's UTC offset, written into started_at; default +08:00 (Asia/Shanghai). */
  utcOffset?: string;
};

/** The share of days an agent works. */
export const WORKDAY_SHARE = 5 / 7;

/** The contacts per agent and working day that yield about `rows` rows (with room to spare, use with `limit`). */
export function perAgentPerDayFor(rows: number, agents: number, days: number): number {
  return Math.max(1, Math.ceil((rows / (agents * days * WORKDAY_SHARE)) * 1.15));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const round1 = (x: number) => Math.round(x * 10) / 10;

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2026, m ?? 1, 0)).getUTCDate();
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function phoneNumber(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${pad(rng.int(0, 999_999_999), 9)}`;
}

/** Builds turns one after another with believable timing. */
class TurnWriter {
  readonly turns: TranscriptTurn[] = [];
  private t: number;
  longestSilence = 0;
  hold = 0;

  constructor(
    private readonly rng: Rng,
    private readonly chat: boolean,
  ) {
    this.t = round1(rng.float(0.3, 2));
  }

  say(speaker: TranscriptTurn['speaker'], text: string, gapBefore?: number): void {
    const gap = gapBefore ?? (this.chat ? this.rng.float(5, 40) : this.rng.float(0.3, 2.2));
    if (this.turns.length > 0) {
      this.t += gap;
      this.longestSilence = Math.max(this.longestSilence, round1(gap));
    }
    const start = round1(this.t);
    const speaking = this.chat ? this.rng.float(2, 8) : text.length * this.rng.float(0.2, 0.28) + 0.4;
    const end = round1(start + speaking);
    this.turns.push({ speaker, start_s: start, end_s: end, text });
    this.t = end;
  }

  /** The agent puts the customer on hold for `seconds`. */
  holdFor(seconds: number): void {
    this.say('agent', this.rng.pick(HOLD_START));
    this.t += seconds;
    this.hold += round1(seconds);
    this.say('agent', this.rng.pick(HOLD_END), 0);
  }

  get end(): number {
    return this.t;
  }
}

function fill(text: string, rng: Rng, agentNo: string): string {
  return text
    .replace('{id}', agentNo)
    .replace('{digits}', pad(rng.int(0, 9999), 4))
    .replace('{phone}', `1${rng.int(30, 99)}****${pad(rng.int(0, 9999), 4)}`);
}

/** A speaker-turned Chinese transcript for one contact, shaped by the agent's discipline. */
export function generateTranscript(
  rng: Rng,
  agent: GeneratedAgent,
  agentNo: string,
  topic: Topic,
  channel: Channel,
): { turns: TranscriptTurn[]; traits: InteractionTraits } {
  const sloppiness = 1 - agent.discipline;
  const greeting = !rng.chance(0.03 + sloppiness * 0.9);
  const closing = !rng.chance(0.04 + sloppiness * 1.1);
  const forbidden = rng.chance(0.01 + sloppiness * 0.35) ? [rng.pick(FORBIDDEN_PHRASES)] : [];
  const longSilence = rng.chance(0.05);
  const hold = channel === 'call' && rng.chance(0.12) ? rng.float(rng.chance(0.3) ? 90 : 20, 240) : 0;

  const w = new TurnWriter(rng, channel === 'chat');
  w.say('agent', fill(rng.pick(greeting ? STANDARD_GREETINGS : SLOPPY_GREETINGS), rng, agentNo));
  const pool = TOPIC_EXCHANGES[topic];
  const exchanges = rng.int(1, Math.min(4, pool.length));
  const start = rng.int(0, pool.length - 1);
  const silenceAt = longSilence ? rng.int(0, exchanges - 1) : -1;
  const holdAt = hold > 0 ? rng.int(0, exchanges - 1) : -1;
  const forbiddenAt = forbidden.length > 0 ? rng.int(0, exchanges - 1) : -1;
  for (let i = 0; i < exchanges; i++) {
    const [customer, answer] = pool[(start + i) % pool.length] ?? ['', ''];
    w.say('customer', customer);
    if (i === 0 && rng.chance(0.6)) {
      const [question, reply] = rng.pick(IDENTITY_CHECK);
      w.say('agent', fill(question, rng, agentNo));
      w.say('customer', fill(reply, rng, agentNo));
    }
    if (i === holdAt) w.holdFor(hold);
    const gap = i === silenceAt ? rng.float(12, 45) : undefined;
    const text = i === forbiddenAt ? `${forbidden[0] ?? ''}，${answer}` : answer;
    w.say('agent', text, gap);
    if (rng.chance(0.5)) w.say('customer', rng.pick(CUSTOMER_ACKS));
    if (rng.chance(0.2)) w.say('agent', rng.pick(AGENT_ACKS));
  }
  w.say('agent', rng.pick(closing ? STANDARD_CLOSINGS : SLOPPY_CLOSINGS));
  if (rng.chance(0.7)) w.say('customer', rng.pick(['好的，再见。', '谢谢，再见。', '嗯，拜拜。']));
  return {
    turns: w.turns,
    traits: { greeting, closing, forbidden, longestSilenceS: w.longestSilence, holdS: w.hold },
  };
}

/**
 * Interactions of a center, day by day and agent by agent, as a lazy stream: a million rows never
 * sit in memory. Seeded: the same options give the same rows in the same order.
 */
export function* interactionRows(options: InteractionOptions): Generator<GeneratedInteraction> {
  const { center } = options;
  const month = options.month ?? '2026-10';
  const startDay = options.startDay ?? 0;
  const days = options.days ?? daysInMonth(month) - startDay;
  const perDay = options.perAgentPerDay ?? 20;
  const transcriptShare = options.transcriptShare ?? 0.2;
  const recordingShare = options.recordingShare ?? 0.9;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const prefix = options.idPrefix ?? 'CTI';
  const offset = options.utcOffset ?? '+08:00';
  const channelWeights = { call: 0.8, chat: 0.15, email: 0.05, ...options.channels };
  const channelList: Channel[] = ['call', 'chat', 'email'];
  const weights = channelList.map((c) => channelWeights[c]);
  const topicByQueue = new Map(center.queues.map((q) => [q.code, q.topic]));
  const rng = createRng(deriveSeed(options.seed, `interactions:${month}:${prefix}`));
  const firstDay = `${month}-01`;
  let produced = 0;

  for (let d = startDay; d < startDay + days; d++) {
    const date = addDays(firstDay, d);
    const compact = date.replaceAll('-', '');
    let seq = 0;
    for (const [index, agent] of center.agents.entries()) {
      if (!rng.chance(WORKDAY_SHARE)) continue;
      const count = Math.max(0, Math.round(rng.normal(perDay, perDay * 0.15)));
      const shiftStart = agent.shift === 'early' ? 8 * 3600 : 13 * 3600;
      const times = Array.from({ length: count }, () => shiftStart + rng.int(0, 9 * 3600 - 1)).sort(
        (a, b) => a - b,
      );
      const agentNo = pad(1000 + index, 4);
      for (const secondOfDay of times) {
        if (produced >= limit) return;
        const channel = rng.weighted(channelList, weights);
        const direction: Direction = channel !== 'email' && rng.chance(0.12) ? 'outbound' : 'inbound';
        const queue = rng.pick(agent.queues);
        // A call's or chat's length; for an email, the agent's handling time (reading and answering),
        // which runs longer than a typical call and never as short as a quick one.
        let duration =
          channel === 'call'
            ? rng.logNormal(210, 0.6)
            : channel === 'chat'
              ? rng.logNormal(480, 0.45)
              : Math.max(180, rng.logNormal(540, 0.45));
        let transcript: TranscriptTurn[] | null = null;
        let traits: InteractionTraits | null = null;
        if (channel !== 'email' && rng.chance(transcriptShare)) {
          const built = generateTranscript(
            rng,
            agent,
            agentNo,
            topicByQueue.get(queue) ?? 'billing',
            channel,
          );
          transcript = built.turns;
          traits = built.traits;
          duration = (transcript.at(-1)?.end_s ?? 0) + rng.float(0.5, 4);
        }
        const externalId = `${prefix}${compact}${pad(++seq, 7)}`;
        const time = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor(secondOfDay / 60) % 60)}:${pad(secondOfDay % 60)}`;
        yield {
          external_id: externalId,
          agent: agent.username,
          started_at: `${date}T${time}${offset}`,
          duration_s: Math.max(5, Math.min(4 * 3600, Math.round(duration))),
          channel,
          direction,
          queue,
          customer_ref: rng.chance(0.97) ? phoneNumber(rng) : null,
          recording_url:
            channel === 'call' && rng.chance(recordingShare)
              ? `https://rec.example.cn/${date.replaceAll('-', '/')}/${externalId}.wav`
              : null,
          transcript,
          traits,
        };
        produced++;
      }
    }
  }
}
