import { UsernamePool, randomName } from './names.ts';
import { createRng, deriveSeed } from './random.ts';

/** Business lines a Chinese telecom / utility contact center typically runs (clause 4.4). */
export const QUEUE_CATALOG = [
  { code: 'broadband', name: '宽带咨询', team: '宽带咨询组', topic: 'broadband' },
  { code: 'billing', name: '账单业务', team: '账单业务组', topic: 'billing' },
  { code: 'complaints', name: '投诉处理', team: '投诉处理组', topic: 'complaint' },
  { code: 'mobile', name: '手机业务', team: '手机业务组', topic: 'mobile' },
  { code: 'repair', name: '故障报修', team: '售后维修组', topic: 'broadband' },
  { code: 'enterprise', name: '政企服务', team: '政企服务组', topic: 'billing' },
  { code: 'value_added', name: '增值业务', team: '增值业务组', topic: 'mobile' },
  { code: 'roaming', name: '国际漫游', team: '国际漫游组', topic: 'mobile' },
] as const;

export type Topic = (typeof QUEUE_CATALOG)[number]['topic'];

const CHINESE_ORDINALS = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export type GeneratedQueue = { code: string; name: string; topic: Topic };

export type GeneratedPerson = {
  username: string;
  displayName: string;
  gender: 'f' | 'm';
  /** YYYY-MM-DD */
  hireDate: string;
};

export type GeneratedTeam = {
  name: string;
  /** Queue codes this team answers; the first is its main line. */
  queues: string[];
  leader: GeneratedPerson;
};

export type GeneratedAgent = GeneratedPerson & {
  /** Index into `center.teams`. */
  team: number;
  queues: string[];
  /** Hired within the last three months: still on probation. */
  probation: boolean;
  /** 0–1: how closely this CSR follows the script (greeting, closing, wording); drives the transcripts. */
  discipline: number;
  /** Early (08:00–17:00) or late (13:00–22:00) shift. */
  shift: 'early' | 'late';
};

export type Center = {
  seed: number;
  queues: GeneratedQueue[];
  teams: GeneratedTeam[];
  agents: GeneratedAgent[];
  inspectors: GeneratedPerson[];
  qaLead: GeneratedPerson;
};

export type CenterOptions = {
  seed: number;
  /** CSRs (role agent); default 40. */
  agents?: number;
  /** Default 3. */
  teams?: number;
  /** Default 4; at most as many as QUEUE_CATALOG has (8). */
  queues?: number;
  /** QA inspectors (role qa); default 4. */
  inspectors?: number;
  /** The day the center is described at (hire dates and probation count back from it); default 2026-11-01. */
  asOf?: string;
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A contact center: queues, teams with leaders, CSRs with Chinese names and unique pinyin
 * usernames, inspectors and a QA lead. Pure and seeded: the same options give the same center.
 */
export function generateCenter(options: CenterOptions): Center {
  const agentCount = options.agents ?? 40;
  const teamCount = options.teams ?? 3;
  const queueCount = Math.min(options.queues ?? 4, QUEUE_CATALOG.length);
  const inspectorCount = options.inspectors ?? 4;
  const asOf = options.asOf ?? '2026-11-01';
  if (teamCount < 1 || queueCount < 1 || agentCount < 0) throw new Error('a center needs a team and a queue');
  const rng = createRng(deriveSeed(options.seed, 'center'));
  const usernames = new UsernamePool(['admin']);

  const person = (minDaysAgo: number, maxDaysAgo: number): GeneratedPerson => {
    const name = randomName(rng);
    return {
      username: usernames.claim(name.pinyin),
      displayName: name.displayName,
      gender: name.gender,
      hireDate: addDays(asOf, -rng.int(minDaysAgo, maxDaysAgo)),
    };
  };

  const queues: GeneratedQueue[] = QUEUE_CATALOG.slice(0, queueCount).map((q) => ({
    code: q.code,
    name: q.name,
    topic: q.topic,
  }));

  const teams: GeneratedTeam[] = [];
  for (let t = 0; t < teamCount; t++) {
    const base = QUEUE_CATALOG[t % queueCount] ?? QUEUE_CATALOG[0];
    const round = Math.floor(t / queueCount);
    const name =
      round === 0 ? base.team : base.team.replace(/组$/, `${CHINESE_ORDINALS[round] ?? String(round + 1)}组`);
    const main = queues[t % queueCount]?.code ?? base.code;
    const extra = queues[(t + 1) % queueCount]?.code;
    teams.push({
      name,
      queues: extra && extra !== main ? [main, extra] : [main],
      leader: person(700, 3000),
    });
  }

  const agents: GeneratedAgent[] = [];
  for (let i = 0; i < agentCount; i++) {
    const probation = rng.chance(0.08);
    const p = person(probation ? 5 : 95, probation ? 85 : 2500);
    const team = i % teamCount;
    const teamQueues = teams[team]?.queues ?? [];
    agents.push({
      ...p,
      team,
      queues: rng.chance(0.3) ? teamQueues : teamQueues.slice(0, 1),
      probation,
      discipline: Math.min(0.99, Math.max(0.4, rng.normal(probation ? 0.78 : 0.9, 0.07))),
      shift: rng.chance(0.55) ? 'early' : 'late',
    });
  }

  const inspectors = Array.from({ length: inspectorCount }, () => person(400, 2500));
  return { seed: options.seed, queues, teams, agents, inspectors, qaLead: person(1000, 3500) };
}
