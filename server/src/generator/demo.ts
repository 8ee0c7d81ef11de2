import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../db/client.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { type AnswerResult, scoreAnswers } from '../../../shared/scoring.ts';
import { localDateOf } from '../../../shared/time.ts';
import type { EvaluationMethod, EvaluationPhase } from '../../../shared/workflow.ts';
import { type Center, type GeneratedAgent, generateCenter } from './center.ts';
import { type GeneratedInteraction, interactionRows } from './interactions.ts';
import { randomName } from './names.ts';
import { type Rng, createRng, deriveSeed } from './random.ts';
import { insertCenter } from './seed.ts';

/**
 * A living demo center (issue 7): three teams with leaders, about forty CSRs (some on probation),
 * inspectors, a QA lead, coaches, an editor, a trainer, a manager and HR; one scorecard per queue
 * on the clause-4.7 categories with fatal items; about six weeks of interactions with Chinese
 * transcripts; and evaluations by all four methods with remarks, signatures and disputes in every
 * state. Scores differ between CSRs and improve for some over the period. Seeded: runs repeat.
 */
export type DemoOptions = {
  seed?: number;
  agents?: number;
  perAgentPerDay?: number;
  now?: Date;
  timezone: string;
};

export type DemoAccount = { role: string; username: string; name: string };

export type DemoSummary = {
  accounts: DemoAccount[];
  interactions: number;
  evaluations: number;
  disputes: number;
  /** Interactions whose transcript should get generated audio (see scripts/demo.ts). */
  audioCandidates: { id: number; turns: { speaker: 'agent' | 'customer'; text: string }[] }[];
};

type ItemSpec = {
  text: string;
  category: string;
  points: number;
  fatal?: boolean;
  naShare?: number;
  guidance?: string;
};

const COMMON_SECTIONS: { title: string; items: ItemSpec[] }[] = [
  {
    title: '服务规范',
    items: [
      { text: '使用标准问候语（您好，很高兴为您服务）', category: 'phrasing', points: 5 },
      { text: '使用标准结束语（感谢来电，祝您生活愉快）', category: 'phrasing', points: 5 },
      { text: '用语规范，无口头禅、无服务禁语', category: 'phrasing', points: 5 },
    ],
  },
  {
    title: '沟通技巧',
    items: [
      { text: '耐心倾听，不打断客户', category: 'communication', points: 10 },
      { text: '复述并确认客户需求', category: 'communication', points: 10 },
      { text: '语速语调适中，表达清晰', category: 'communication', points: 5 },
    ],
  },
  {
    title: '服务态度',
    items: [
      { text: '热情主动，语气亲切', category: 'attitude', points: 10 },
      {
        text: '不与客户争吵',
        category: 'attitude',
        points: 10,
        fatal: true,
        guidance: '与客户发生争执即判致命错误',
      },
      {
        text: '不辱骂、不嘲讽客户',
        category: 'attitude',
        points: 10,
        fatal: true,
        guidance: '出现辱骂客户即判致命错误',
      },
    ],
  },
];

const QUEUE_KNOWLEDGE: Record<string, ItemSpec[]> = {
  broadband: [
    { text: '宽带故障排查步骤正确', category: 'knowledge', points: 15 },
    { text: '准确告知上门维修时限', category: 'knowledge', points: 5, naShare: 0.3 },
  ],
  billing: [
    { text: '账单费用解释准确完整', category: 'knowledge', points: 15 },
    { text: '主动告知优惠套餐与缴费渠道', category: 'knowledge', points: 5, naShare: 0.3 },
  ],
  complaints: [
    { text: '投诉登记准确，升级流程正确', category: 'knowledge', points: 15 },
    { text: '告知处理时限与回访安排', category: 'knowledge', points: 5, naShare: 0.2 },
  ],
};

const PROCESS_SECTION: { title: string; items: ItemSpec[] } = {
  title: '业务流程与最低技能',
  items: [
    { text: '按规定核实客户身份', category: 'process', points: 10 },
    {
      text: '不泄露客户信息',
      category: 'process',
      points: 10,
      fatal: true,
      guidance: '泄露客户信息即判致命错误',
    },
    {
      text: '不做违规承诺',
      category: 'process',
      points: 5,
      fatal: true,
      guidance: '承诺无法兑现的费用减免等即判致命错误',
    },
    { text: '工单记录完整准确', category: 'process', points: 5 },
  ],
};

const POSITIVES = [
  '语气亲切，耐心细致，客户表示满意',
  '业务解答准确，一次性解决客户问题',
  '主动核实身份，流程规范',
  '面对情绪激动的客户能够有效安抚',
  '主动推荐合适套餐，服务意识强',
];
const NEGATIVES_BY_CATEGORY: Record<string, string[]> = {
  phrasing: ['未使用标准问候语或结束语', '出现口头禅“那个”“就是说”'],
  communication: ['多次打断客户，未复述确认需求', '语速过快，客户多次要求重复'],
  attitude: ['语气生硬，缺乏耐心', '与客户发生争执'],
  knowledge: ['业务解答不完整，需加强业务学习', '费用解释有误'],
  process: ['未按规定核实客户身份', '工单记录不完整'],
};
const DISPUTE_REASONS = [
  '当时客户已经确认过身份，录音后半段可以听到',
  '我使用了标准结束语，只是客户先挂断了',
  '该业务规定在上周刚更新，我按新口径解答的',
  '客户情绪激动，我并没有与客户争吵',
];
const EXTRA_STAFF: { role: string; count: number }[] = [
  { role: 'coach', count: 2 },
  { role: 'kb_editor', count: 1 },
  { role: 'trainer', count: 1 },
  { role: 'manager', count: 1 },
  { role: 'hr', count: 1 },
];

const DAY = 86_400_000;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

type FormSeed = {
  id: number;
  versionId: number;
  passMark: number;
  items: { id: number; spec: ItemSpec; category: string }[];
};

async function insertForms(
  db: DbOrTx,
  center: Center,
  queueIds: Map<string, number>,
  createdBy: number,
): Promise<Map<string, FormSeed>> {
  const forms = new Map<string, FormSeed>();
  for (const queue of center.queues) {
    const sections = [
      ...COMMON_SECTIONS,
      { title: '业务知识', items: QUEUE_KNOWLEDGE[queue.code] ?? QUEUE_KNOWLEDGE.billing ?? [] },
      PROCESS_SECTION,
    ];
    const [form] = await queryRows<{ id: number }>(
      db,
      sql`insert into forms (name, description, created_by) values (${`${queue.name}质检标准`}, ${`${queue.name}热线的服务质量考核标准（含致命错误项）`}, ${createdBy}) returning id`,
    );
    const [version] = await queryRows<{ id: number }>(
      db,
      sql`insert into form_versions (form_id, version, pass_mark, created_by, used_at) values (${form?.id}, 1, 80, ${createdBy}, now()) returning id`,
    );
    if (!form || !version) throw new Error('form insert returned nothing');
    await db.execute(
      sql`insert into form_queues (form_id, queue_id) values (${form.id}, ${queueIds.get(queue.code) ?? null})`,
    );
    const items: FormSeed['items'] = [];
    let position = 0;
    for (const [s, section] of sections.entries()) {
      const [sectionRow] = await queryRows<{ id: number }>(
        db,
        sql`insert into form_sections (form_version_id, position, title) values (${version.id}, ${s}, ${section.title}) returning id`,
      );
      for (const spec of section.items) {
        const [item] = await queryRows<{ id: number }>(
          db,
          sql`insert into form_items (form_version_id, section_id, position, item_key, text, category_key, points, fatal, allow_na, guidance)
              values (${version.id}, ${sectionRow?.id}, ${position++}, ${`${queue.code}-${position}`}, ${spec.text}, ${spec.category},
                ${spec.points}, ${spec.fatal ?? false}, ${!spec.fatal}, ${spec.guidance ?? null}) returning id`,
        );
        if (item) items.push({ id: item.id, spec, category: spec.category });
      }
    }
    forms.set(queue.code, { id: form.id, versionId: version.id, passMark: 80, items });
  }
  return forms;
}

async function insertInteractions(
  db: DbOrTx,
  rows: GeneratedInteraction[],
  ids: { agents: Map<string, number>; queues: Map<string, number> },
) {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      external_id: r.external_id,
      agent_id: ids.agents.get(r.agent),
      started_at: r.started_at,
      duration_s: Math.round(r.duration_s),
      channel: r.channel,
      direction: r.direction,
      queue_id: ids.queues.get(r.queue) ?? null,
      customer_ref: r.customer_ref,
      recording_url: r.recording_url,
      transcript: r.transcript ? JSON.stringify(r.transcript) : null,
      content_hash: r.external_id,
    }));
    await db.execute(sql`
      insert into interactions (external_id, agent_id, started_at, duration_s, channel, direction, queue_id, customer_ref,
        recording_url, transcript, content_hash)
      select external_id, agent_id, started_at, duration_s, channel, direction, queue_id, customer_ref, recording_url,
        transcript::jsonb, content_hash
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(external_id text, agent_id int, started_at timestamptz,
        duration_s int, channel text, direction text, queue_id int, customer_ref text, recording_url text, transcript text,
        content_hash text)`);
  }
}

type EvalSeed = {
  interaction_id: number | null;
  agent_id: number;
  evaluator_id: number;
  form_id: number;
  form_version_id: number;
  method: EvaluationMethod;
  phase: EvaluationPhase;
  test_call_scenario_id: number | null;
  status: string;
  local_date: string;
  revision: number;
  score: number;
  fatal: boolean;
  passed: boolean;
  positives: string | null;
  negatives: string | null;
  submitted_at: string | null;
  ack_due_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  ack_signature: string | null;
  countersigned_at: string | null;
  countersigned_by: number | null;
  countersign_signature: string | null;
  created_at: string;
  answers: { item_id: number; result: AnswerResult; comment: string | null }[];
  original: { score: number; fatal: boolean; passed: boolean; answers: EvalSeed['answers'] } | null;
  dispute: null | {
    state: 'team_leader' | 'qa_review' | 'upheld' | 'corrected';
    reason: string;
    created_at: string;
  };
  mark: { at_s: number; turn_index: number; text: string } | null;
};

function answersFor(rng: Rng, form: FormSeed, skill: number) {
  return form.items.map((item) => {
    let result: AnswerResult;
    if (item.spec.naShare && rng.chance(item.spec.naShare)) result = 'na';
    else if (item.spec.fatal) result = rng.chance((1 - skill) * 0.06) ? 'fail' : 'pass';
    else result = rng.chance(clamp(0.3 + 0.66 * skill, 0.3, 0.99)) ? 'pass' : 'fail';
    const negatives = NEGATIVES_BY_CATEGORY[item.category] ?? [];
    return { item_id: item.id, result, comment: result === 'fail' ? rng.pick(negatives) : null };
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Seeds the whole demo center. Run inside a transaction; returns the accounts and counts. */
export async function seedDemoCenter(
  db: Db,
  passwordHash: string,
  options: DemoOptions,
): Promise<DemoSummary> {
  const seed = options.seed ?? 2026;
  const now = options.now ?? new Date();
  const today = localDateOf(now, options.timezone);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const prevMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const thisMonth = today.slice(0, 7);
  const daysThisMonth = Number(today.slice(8)) - 1;
  const center = generateCenter({
    seed,
    agents: options.agents ?? 40,
    teams: 3,
    queues: 3,
    inspectors: 4,
    asOf: `${prevMonth}-01`,
  });
  const rng = createRng(deriveSeed(seed, 'demo'));

  const [admin] = await queryRows<{ id: number }>(db, sql`select id from users where username = 'admin'`);
  const adminId = admin?.id ?? 1;
  const seeded = await insertCenter(db, center, passwordHash);
  const userId = (username: string) => seeded.userIdByUsername.get(username) ?? 0;

  const accounts: DemoAccount[] = [{ role: 'admin', username: 'admin', name: 'Administrator' }];
  const firstTeam = center.teams[0];
  const firstAgent = center.agents.find((a) => a.team === 0 && !a.probation) ?? center.agents[0];
  const firstInspector = center.inspectors[0];
  accounts.push({ role: 'qa_lead', username: center.qaLead.username, name: center.qaLead.displayName });
  if (firstInspector)
    accounts.push({ role: 'qa', username: firstInspector.username, name: firstInspector.displayName });
  if (firstTeam)
    accounts.push({
      role: 'team_leader',
      username: firstTeam.leader.username,
      name: firstTeam.leader.displayName,
    });
  if (firstAgent)
    accounts.push({ role: 'agent', username: firstAgent.username, name: firstAgent.displayName });
  const staffRng = createRng(deriveSeed(seed, 'staff'));
  for (const { role, count } of EXTRA_STAFF) {
    for (let i = 0; i < count; i++) {
      const name = randomName(staffRng);
      const username = `${role.replace('_', '')}${i + 1}`;
      await db.execute(sql`insert into users (username, display_name, password_hash, roles, hire_date)
        values (${username}, ${name.displayName}, ${passwordHash}, ${`{${role}}`}::text[], ${`${year - 3}-03-01`}::date)`);
      if (i === 0) accounts.push({ role, username, name: name.displayName });
    }
  }

  const forms = await insertForms(db, center, seeded.queueIdByCode, adminId);
  const scenarios: number[] = [];
  for (const [title, script, answer] of [
    ['宽带资费咨询', '客户询问 300M 宽带包年价格及是否含光猫', '300M 包年 1200 元，含光猫租用，首年免安装费'],
    ['账单异常核查', '客户反映本月话费比上月多 50 元', '逐项核对账单，说明增值业务费用并告知退订方式'],
    ['投诉升级', '客户要求投诉上门维修人员迟到', '登记投诉并告知 24 小时内回电，必要时升级至班长'],
  ] as const) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into test_call_scenarios (title, caller_script, expected_answer, created_by) values (${title}, ${script}, ${answer}, ${adminId}) returning id`,
    );
    if (row) scenarios.push(row.id);
  }

  const generated = [
    ...interactionRows({
      seed,
      center,
      month: prevMonth,
      perAgentPerDay: options.perAgentPerDay ?? 8,
      transcriptShare: 0.35,
      // Generated URLs would point nowhere; only the synthesised calls carry audio.
      recordingShare: 0,
      idPrefix: 'CTI',
    }),
    ...(daysThisMonth > 0
      ? interactionRows({
          seed,
          center,
          month: thisMonth,
          days: daysThisMonth,
          perAgentPerDay: options.perAgentPerDay ?? 8,
          transcriptShare: 0.35,
          // Generated URLs would point nowhere; only the synthesised calls carry audio.
          recordingShare: 0,
          idPrefix: 'CTJ',
        })
      : []),
  ];
  await insertInteractions(db, generated, { agents: seeded.userIdByUsername, queues: seeded.queueIdByCode });
  const idRows = await queryRows<{ id: number; external_id: string }>(
    db,
    sql`select id::int as id, external_id from interactions`,
  );
  const interactionId = new Map(idRows.map((r) => [r.external_id, r.id]));

  // Interactions by agent, with their local date, to pick what inspectors sample.
  const byAgent = new Map<string, GeneratedInteraction[]>();
  for (const row of generated) {
    const list = byAgent.get(row.agent) ?? [];
    list.push(row);
    byAgent.set(row.agent, list);
  }

  const inspectorIds = center.inspectors.map((p) => userId(p.username));
  const leadId = userId(center.qaLead.username);
  const leaderOfTeam = center.teams.map((t) => ({
    id: userId(t.leader.username),
    name: t.leader.displayName,
  }));
  const periodStart = new Date(`${prevMonth}-01T00:00:00Z`).getTime();
  const periodDays = Math.max(1, (now.getTime() - periodStart) / DAY);
  const evaluations: EvalSeed[] = [];
  const audioCandidates: DemoSummary['audioCandidates'] = [];

  center.agents.forEach((agent: GeneratedAgent, index) => {
    const agentId = userId(agent.username);
    const leader = leaderOfTeam[agent.team];
    const improves = rng.chance(0.35);
    const list = byAgent.get(agent.username) ?? [];
    if (list.length === 0) return;
    const target = Math.round(periodDays * (rng.chance(0.15) ? 0.55 : 0.75));
    for (let k = 0; k < target; k++) {
      const row = list[Math.floor(rng.next() * list.length)];
      if (!row) continue;
      const startedMs = new Date(row.started_at).getTime();
      const progress = clamp((startedMs - periodStart) / (periodDays * DAY), 0, 1);
      const skill = clamp(
        agent.discipline + (improves ? -0.12 + 0.22 * progress : 0) + rng.normal(0, 0.04),
        0.3,
        0.99,
      );
      const roll = rng.next();
      const method: EvaluationMethod =
        roll < 0.8
          ? 'recording_review'
          : roll < 0.88
            ? 'side_by_side'
            : roll < 0.95
              ? 'on_site'
              : 'test_call';
      const phase: EvaluationPhase =
        method === 'on_site' || method === 'side_by_side'
          ? 'during'
          : method === 'test_call'
            ? 'before'
            : 'after';
      const form = forms.get(row.queue) ?? [...forms.values()][0];
      if (!form) continue;
      const answers = answersFor(rng, form, skill);
      const scoring = form.items.map((i) => ({
        id: i.id,
        points: i.spec.points,
        fatal: i.spec.fatal ?? false,
        category: i.category,
      }));
      const result = scoreAnswers(scoring, answers, form.passMark);
      const withInteraction = method === 'recording_review' || method === 'side_by_side';
      const submittedMs = Math.min(
        startedMs + rng.float(0.1, 1.6) * DAY,
        now.getTime() - rng.float(0.05, 0.5) * DAY,
      );
      const ageDays = (now.getTime() - submittedMs) / DAY;
      const failedCats = [
        ...new Set(
          answers
            .filter((a) => a.result === 'fail')
            .map((a) => form.items.find((i) => i.id === a.item_id)?.category ?? ''),
        ),
      ];
      const e: EvalSeed = {
        interaction_id: withInteraction ? (interactionId.get(row.external_id) ?? null) : null,
        agent_id: agentId,
        evaluator_id: inspectorIds[(index + k) % inspectorIds.length] ?? leadId,
        form_id: form.id,
        form_version_id: form.versionId,
        method,
        phase,
        test_call_scenario_id: method === 'test_call' ? (scenarios[k % scenarios.length] ?? null) : null,
        status: 'submitted',
        local_date: withInteraction
          ? localDateOf(new Date(startedMs), options.timezone)
          : localDateOf(new Date(submittedMs), options.timezone),
        revision: 1,
        score: result.score,
        fatal: result.fatal,
        passed: result.passed,
        positives: result.score >= 85 ? rng.pick(POSITIVES) : rng.chance(0.3) ? rng.pick(POSITIVES) : null,
        negatives:
          failedCats.length > 0
            ? failedCats
                .map((c) => rng.pick(NEGATIVES_BY_CATEGORY[c] ?? ['需改进']))
                .slice(0, 2)
                .join('；')
            : null,
        submitted_at: iso(submittedMs),
        ack_due_at: iso(submittedMs + 3 * DAY),
        acknowledged_at: null,
        acknowledged_by: null,
        ack_signature: null,
        countersigned_at: null,
        countersigned_by: null,
        countersign_signature: null,
        created_at: iso(submittedMs - rng.float(0.01, 0.1) * DAY),
        answers,
        original: null,
        dispute: null,
        mark: null,
      };
      if (withInteraction && row.transcript && row.transcript.length > 2) {
        const turn = rng.int(1, row.transcript.length - 1);
        const t = row.transcript[turn];
        if (t)
          e.mark = {
            at_s: t.start_s,
            turn_index: turn,
            text: result.fatal ? '此处出现致命错误' : '注意此处用语',
          };
        if (audioCandidates.length < 6 && e.interaction_id !== null) {
          audioCandidates.push({
            id: e.interaction_id,
            turns: row.transcript.map((x) => ({ speaker: x.speaker, text: x.text })),
          });
        }
      }
      const ackMs = submittedMs + rng.float(0.05, 1.5) * DAY;
      const csMs = ackMs + rng.float(0.05, 1) * DAY;
      const sign = (by: 'agent' | 'leader', at: number) => {
        if (by === 'agent')
          Object.assign(e, {
            status: 'acknowledged',
            acknowledged_at: iso(at),
            acknowledged_by: agentId,
            ack_signature: agent.displayName,
          });
        else
          Object.assign(e, {
            status: 'countersigned',
            countersigned_at: iso(at),
            countersigned_by: leader?.id ?? null,
            countersign_signature: leader?.name ?? null,
          });
      };
      const disputeRoll = rng.next();
      if (disputeRoll < (result.fatal ? 0.35 : result.passed ? 0.01 : 0.06) && ageDays > 0.3) {
        const states = ['team_leader', 'qa_review', 'upheld', 'corrected'] as const;
        const state = ageDays < 2 ? rng.pick(states.slice(0, 2)) : rng.pick(states);
        e.dispute = {
          state,
          reason: rng.pick(DISPUTE_REASONS),
          created_at: iso(submittedMs + rng.float(0.05, 0.5) * DAY),
        };
        if (state === 'team_leader' || state === 'qa_review') e.status = 'disputed';
        else {
          if (state === 'corrected') {
            const corrected = answers.map((a) =>
              a.result === 'fail' && rng.chance(0.7) ? { ...a, result: 'pass' as const, comment: null } : a,
            );
            const fixed = scoreAnswers(scoring, corrected, form.passMark);
            e.original = { score: e.score, fatal: e.fatal, passed: e.passed, answers };
            Object.assign(e, {
              answers: corrected,
              score: fixed.score,
              fatal: fixed.fatal,
              passed: fixed.passed,
              revision: 2,
            });
          }
          if (ackMs + DAY < now.getTime()) sign('agent', ackMs + DAY);
          if (csMs + DAY < now.getTime() && rng.chance(0.8)) sign('leader', csMs + DAY);
        }
      } else if (ackMs < now.getTime() && (ageDays > 3 ? rng.chance(0.96) : rng.chance(0.55))) {
        sign('agent', ackMs);
        if (csMs < now.getTime() && (ageDays > 3 ? rng.chance(0.93) : rng.chance(0.4))) sign('leader', csMs);
      }
      evaluations.push(e);
    }
  });
  // A few drafts in progress by the inspectors.
  for (let i = 0; i < 6; i++) {
    const agent = center.agents[(i * 7) % center.agents.length];
    const row = agent ? byAgent.get(agent.username)?.at(-1 - i) : undefined;
    const form = row ? forms.get(row.queue) : undefined;
    if (!agent || !row || !form) continue;
    const answers = answersFor(rng, form, agent.discipline).slice(0, 6);
    const scoring = form.items.map((it) => ({
      id: it.id,
      points: it.spec.points,
      fatal: it.spec.fatal ?? false,
      category: it.category,
    }));
    const r = scoreAnswers(scoring, answers, form.passMark);
    evaluations.push({
      ...({} as EvalSeed),
      interaction_id: interactionId.get(row.external_id) ?? null,
      agent_id: userId(agent.username),
      evaluator_id: inspectorIds[i % inspectorIds.length] ?? leadId,
      form_id: form.id,
      form_version_id: form.versionId,
      method: 'recording_review',
      phase: 'after',
      test_call_scenario_id: null,
      status: 'draft',
      local_date: localDateOf(new Date(row.started_at), options.timezone),
      revision: 1,
      score: r.score,
      fatal: r.fatal,
      passed: r.passed,
      positives: null,
      negatives: null,
      submitted_at: null,
      ack_due_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
      ack_signature: null,
      countersigned_at: null,
      countersigned_by: null,
      countersign_signature: null,
      created_at: iso(now.getTime() - (i + 1) * 3_600_000),
      answers,
      original: null,
      dispute: null,
      mark: null,
    });
  }

  // Ids in the order the work was done, as in a real center.
  evaluations.sort((a, b) => (a.submitted_at ?? a.created_at).localeCompare(b.submitted_at ?? b.created_at));
  let disputes = 0;
  for (let i = 0; i < evaluations.length; i += 500) {
    const chunk = evaluations.slice(i, i + 500);
    const ids = await queryRows<{ id: number }>(
      db,
      sql`insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
            test_call_scenario_id, status, local_date, revision, score, fatal, passed, positives, negatives, submitted_at,
            ack_due_at, acknowledged_at, acknowledged_by, ack_ip, ack_signature, countersigned_at, countersigned_by,
            countersign_ip, countersign_signature, created_at, updated_at)
          select interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase, test_call_scenario_id, status,
            local_date::date, revision, score, fatal, passed, positives, negatives, submitted_at, ack_due_at, acknowledged_at,
            acknowledged_by, case when acknowledged_by is null then null else '10.20.1.' || (acknowledged_by % 200) end,
            ack_signature, countersigned_at, countersigned_by,
            case when countersigned_by is null then null else '10.20.0.' || (countersigned_by % 200) end,
            countersign_signature, created_at, coalesce(countersigned_at, acknowledged_at, submitted_at, created_at)
          from jsonb_to_recordset(${JSON.stringify(chunk.map(({ answers: _a, original: _o, dispute: _d, mark: _m, ...rest }) => rest))}::jsonb)
            as x(interaction_id bigint, agent_id int, evaluator_id int, form_id int, form_version_id int, method text, phase text,
              test_call_scenario_id int, status text, local_date text, revision int, score numeric, fatal boolean, passed boolean,
              positives text, negatives text, submitted_at timestamptz, ack_due_at timestamptz, acknowledged_at timestamptz,
              acknowledged_by int, ack_signature text, countersigned_at timestamptz, countersigned_by int,
              countersign_signature text, created_at timestamptz)
          returning id::int as id`,
    );
    const answers: {
      evaluation_id: number;
      revision: number;
      item_id: number;
      result: string;
      comment: string | null;
    }[] = [];
    const revisions: object[] = [];
    const marks: object[] = [];
    const disputeRows: object[] = [];
    chunk.forEach((e, j) => {
      const id = ids[j]?.id;
      if (id === undefined) return;
      for (const a of e.answers) answers.push({ evaluation_id: id, revision: e.revision, ...a });
      if (e.original)
        for (const a of e.original.answers) answers.push({ evaluation_id: id, revision: 1, ...a });
      if (e.status !== 'draft') {
        const first = e.original ?? e;
        revisions.push({
          evaluation_id: id,
          revision: 1,
          score: first.score,
          fatal: first.fatal,
          passed: first.passed,
          created_by: e.evaluator_id,
          created_at: e.submitted_at,
          reason: null,
          retracted_at: e.original ? e.dispute?.created_at : null,
        });
        if (e.original) {
          revisions.push({
            evaluation_id: id,
            revision: 2,
            score: e.score,
            fatal: e.fatal,
            passed: e.passed,
            created_by: leadId,
            created_at: e.dispute?.created_at,
            reason: '复核后更正：客户信息核对属正常流程',
            retracted_at: null,
          });
        }
      }
      if (e.mark) marks.push({ evaluation_id: id, ...e.mark, created_by: e.evaluator_id });
      if (e.dispute) {
        disputes++;
        const d = e.dispute;
        const team = center.agents.find((a) => userId(a.username) === e.agent_id)?.team ?? 0;
        const leaderId = leaderOfTeam[team]?.id ?? null;
        const forwarded = d.state !== 'team_leader' && (d.state !== 'upheld' || rng.chance(0.5));
        disputeRows.push({
          evaluation_id: id,
          raised_by: e.agent_id,
          reason: d.reason,
          status: d.state,
          leader_decision: d.state === 'team_leader' ? null : forwarded ? 'forwarded' : 'upheld',
          leader_note:
            d.state === 'team_leader' ? null : forwarded ? '请质检组长复核' : '评价成立，已与客服代表沟通',
          leader_id: d.state === 'team_leader' ? null : leaderId,
          leader_decided_at: d.state === 'team_leader' ? null : d.created_at,
          reviewer_decision:
            d.state === 'upheld' && forwarded ? 'upheld' : d.state === 'corrected' ? 'corrected' : null,
          reviewer_note:
            d.state === 'corrected' ? '复核后更正' : d.state === 'upheld' && forwarded ? '维持原评价' : null,
          reviewer_id: (d.state === 'upheld' && forwarded) || d.state === 'corrected' ? leadId : null,
          reviewed_at: (d.state === 'upheld' && forwarded) || d.state === 'corrected' ? d.created_at : null,
          inspector_error: d.state === 'corrected' ? true : d.state === 'upheld' && forwarded ? false : null,
          evaluator_id: e.evaluator_id,
          created_at: d.created_at,
          closed_at: d.state === 'upheld' || d.state === 'corrected' ? d.created_at : null,
        });
      }
    });
    await db.execute(sql`insert into evaluation_answers (evaluation_id, revision, item_id, result, comment)
      select evaluation_id, revision, item_id, result, comment from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb)
        as x(evaluation_id bigint, revision int, item_id int, result text, comment text)`);
    if (revisions.length > 0) {
      await db.execute(sql`insert into evaluation_revisions (evaluation_id, revision, score, fatal, passed, created_by, created_at, reason, retracted_at)
        select evaluation_id, revision, score, fatal, passed, created_by, created_at, reason, retracted_at
        from jsonb_to_recordset(${JSON.stringify(revisions)}::jsonb) as x(evaluation_id bigint, revision int, score numeric,
          fatal boolean, passed boolean, created_by int, created_at timestamptz, reason text, retracted_at timestamptz)`);
    }
    if (marks.length > 0) {
      await db.execute(sql`insert into evaluation_marks (evaluation_id, at_s, turn_index, text, created_by)
        select evaluation_id, at_s, turn_index, text, created_by from jsonb_to_recordset(${JSON.stringify(marks)}::jsonb)
          as x(evaluation_id bigint, at_s numeric, turn_index int, text text, created_by int)`);
    }
    if (disputeRows.length > 0) {
      await db.execute(sql`insert into disputes (evaluation_id, raised_by, reason, status, leader_decision, leader_note, leader_id,
          leader_decided_at, reviewer_decision, reviewer_note, reviewer_id, reviewed_at, inspector_error, evaluator_id, created_at, closed_at)
        select evaluation_id, raised_by, reason, status, leader_decision, leader_note, leader_id, leader_decided_at,
          reviewer_decision, reviewer_note, reviewer_id, reviewed_at, inspector_error, evaluator_id, created_at, closed_at
        from jsonb_to_recordset(${JSON.stringify(disputeRows)}::jsonb) as x(evaluation_id bigint, raised_by int, reason text,
          status text, leader_decision text, leader_note text, leader_id int, leader_decided_at timestamptz,
          reviewer_decision text, reviewer_note text, reviewer_id int, reviewed_at timestamptz, inspector_error boolean,
          evaluator_id int, created_at timestamptz, closed_at timestamptz)`);
    }
  }

  // The inbox: what each person is waiting on now.
  await db.execute(sql`
    insert into notifications (user_id, kind, entity_type, entity_id, data, created_at)
    select agent_id, 'evaluation_submitted', 'evaluation', id::text, jsonb_build_object('score', score), submitted_at
    from evaluations where status = 'submitted'`);
  await db.execute(sql`
    insert into notifications (user_id, kind, entity_type, entity_id, data, created_at)
    select t.leader_id, 'dispute_raised', 'evaluation', e.id::text, jsonb_build_object('dispute_id', d.id, 'agent_name', a.display_name), d.created_at
    from disputes d join evaluations e on e.id = d.evaluation_id join users a on a.id = e.agent_id join teams t on t.id = a.team_id
    where d.status = 'team_leader' and t.leader_id is not null`);
  await db.execute(sql`
    insert into notifications (user_id, kind, entity_type, entity_id, data, created_at)
    select ${leadId}, 'dispute_forwarded', 'evaluation', d.evaluation_id::text, jsonb_build_object('dispute_id', d.id), d.leader_decided_at
    from disputes d where d.status = 'qa_review'`);

  const [counts] = await queryRows<{ interactions: number; evaluations: number }>(
    db,
    sql`select (select count(*)::int from interactions) as interactions, (select count(*)::int from evaluations) as evaluations`,
  );
  const summary = {
    interactions: counts?.interactions ?? 0,
    evaluations: counts?.evaluations ?? 0,
    disputes,
  };
  await recordAudit(
    db,
    { actorId: null, actorUsername: 'demo', ip: null },
    { action: 'demo.seed', entityType: 'center', entityId: null, after: summary },
  );
  return { accounts, ...summary, audioCandidates };
}
