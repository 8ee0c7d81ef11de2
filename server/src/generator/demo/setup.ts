import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TCreatedApiToken } from '../../../../shared/schemas/token.ts';
import type { Center } from '../center.ts';
import { randomName } from '../names.ts';
import { type Rng, createRng, deriveSeed } from '../random.ts';
import { insertPeople } from '../seed.ts';
import type { DemoApi } from './api.ts';
import { type Calendar, addDays } from './calendar.ts';
import { type FormSeed, formRequest, formSections, formSeedOf } from './forms.ts';
import type { DemoTrail, TrailEntry } from './trail.ts';

/**
 * Setting the center up, some weeks before the period the demo shows: the administrator makes the
 * queues, teams and API tokens, HR's list of people is loaded, the QA lead writes the scorecards,
 * the test-call scenarios and the confirmation window. All but the people go through the API.
 */

export const EXTRA_STAFF: { role: string; count: number }[] = [
  { role: 'coach', count: 2 },
  { role: 'kb_editor', count: 1 },
  { role: 'trainer', count: 1 },
  { role: 'manager', count: 1 },
  { role: 'hr', count: 1 },
];

const SCENARIOS = [
  [
    '宽带资费咨询',
    'broadband',
    '客户询问 300M 宽带包年价格及是否含光猫',
    '300M 包年 1200 元，含光猫租用，首年免安装费',
  ],
  [
    '账单异常核查',
    'billing',
    '客户反映本月话费比上月多 50 元',
    '逐项核对账单，说明增值业务费用并告知退订方式',
  ],
  [
    '投诉升级',
    'complaints',
    '客户要求投诉上门维修人员迟到',
    '登记投诉并告知 24 小时内回电，必要时升级至班长',
  ],
  [
    '携号转网咨询',
    'billing',
    '客户询问携号转网需要满足的条件',
    '说明在网时长、欠费与合约限制，并告知办理渠道',
  ],
] as const;

export type SetupResult = {
  adminId: number;
  queueIdByCode: Map<string, number>;
  teamIds: number[];
  userIdByUsername: Map<string, number>;
  staff: { role: string; username: string; name: string; id: number }[];
  forms: Map<string, { form: TForm; seed: FormSeed }>;
  scenarios: number[];
  windowDays: number;
  /** The telephony integration's token (imports the nightly CDR export). */
  ctiToken: string;
};

export async function setUpCenter(
  db: Db,
  api: DemoApi,
  trail: DemoTrail,
  cal: Calendar,
  center: Center,
  passwordHash: string,
  setupDay: string,
): Promise<SetupResult> {
  const rng = createRng(deriveSeed(center.seed, 'setup'));
  const [admin] = await queryRows<{ id: number }>(db, sql`select id from users where username = 'admin'`);
  const adminId = admin?.id ?? 1;
  const as = { as: adminId, ip: '10.20.0.2' };

  const queues = await trail.act(cal.at(setupDay, 9.2), async () => {
    const made: TQueue[] = [];
    for (const q of center.queues)
      made.push(
        await api.call<TQueue>('POST', '/queues', {
          ...as,
          body: { code: q.code, name: q.name, description: `${q.name}热线` },
        }),
      );
    return made;
  });
  const queueIdByCode = new Map(queues.map((q) => [q.code, q.id]));
  const teams = await trail.act(cal.at(setupDay, 9.5), async () => {
    const made: TTeam[] = [];
    for (const t of center.teams)
      made.push(await api.call<TTeam>('POST', '/teams', { ...as, body: { name: t.name } }));
    return made;
  });
  const teamIds = teams.map((t) => t.id);

  const userIdByUsername = await insertPeople(db, center, passwordHash, {
    queueIdByCode,
    teamIds,
    setLeaders: false,
  });
  const staff = await insertStaff(db, rng, passwordHash, cal.today);
  for (const s of staff) userIdByUsername.set(s.username, s.id);
  await recordPeople(db, trail, cal, rng, {
    adminId,
    setupDay,
    hrId: staff.find((s) => s.role === 'hr')?.id ?? adminId,
  });

  await trail.act(cal.at(setupDay, 10.6), async () => {
    for (const [i, t] of center.teams.entries()) {
      const team = teams[i];
      const leaderId = userIdByUsername.get(t.leader.username);
      if (team && leaderId)
        await api.call('PATCH', `/teams/${team.id}`, {
          ...as,
          body: { version: team.version, leader_id: leaderId },
        });
    }
  });

  const leadId = userIdByUsername.get(center.qaLead.username) ?? adminId;
  const lead = { as: leadId, ip: '10.20.2.9' };
  const forms = new Map<string, { form: TForm; seed: FormSeed }>();
  await trail.act(cal.at(addDays(setupDay, 1), 10.1), async () => {
    for (const q of center.queues) {
      const sections = formSections(q.code);
      const form = await api.call<TForm>('POST', '/forms', { ...lead, body: formRequest(q, sections) });
      forms.set(q.code, { form, seed: formSeedOf(form, sections) });
    }
  });
  const scenarios = await trail.act(cal.at(addDays(setupDay, 1), 14.3), async () => {
    const ids: number[] = [];
    for (const [title, queue, script, answer] of SCENARIOS) {
      const made = await api.call<{ id: number }>('POST', '/test-call-scenarios', {
        ...lead,
        body: {
          title,
          queue_id: queueIdByCode.get(queue) ?? null,
          caller_script: script,
          expected_answer: answer,
        },
      });
      ids.push(made.id);
    }
    return ids;
  });
  const windowDays = 4;
  await trail.act(cal.at(addDays(setupDay, 1), 16.4), async () => {
    const current = await api.call<{ version: number }>('GET', '/settings', lead);
    await api.call('PATCH', '/settings', {
      ...lead,
      body: { version: current.version, confirmation_window_days: windowDays },
    });
  });

  const ctiToken = await trail.act(cal.at(addDays(setupDay, 2), 11.2), async () => {
    const old = await api.call<TCreatedApiToken>('POST', '/tokens', {
      ...as,
      body: { name: '旧质检系统数据迁移' },
    });
    const cti = await api.call<TCreatedApiToken>('POST', '/tokens', {
      ...as,
      body: { name: '话务系统（CTI）话单同步' },
    });
    const manager = staff.find((s) => s.role === 'manager');
    await api.call('POST', '/tokens', {
      ...as,
      body: { name: 'BI 报表抽取（只读）', user_id: manager?.id ?? adminId, expires_in_days: 365 },
    });
    return { cti: cti.token, oldId: old.id };
  });
  await trail.act(cal.at(addDays(setupDay, 9), 17.1), () =>
    api.call('DELETE', `/tokens/${ctiToken.oldId}`, as),
  );

  return {
    adminId,
    queueIdByCode,
    teamIds,
    userIdByUsername,
    staff,
    forms,
    scenarios,
    windowDays,
    ctiToken: ctiToken.cti,
  };
}

/** Coaches, the knowledge-base editor, the trainer, the manager and HR (usernames coach1, …). */
async function insertStaff(db: Db, rng: Rng, passwordHash: string, today: string) {
  const staff: SetupResult['staff'] = [];
  const year = Number(today.slice(0, 4));
  for (const { role, count } of EXTRA_STAFF) {
    for (let i = 0; i < count; i++) {
      const name = randomName(rng);
      const username = `${role.replace('_', '')}${i + 1}`;
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into users (username, display_name, password_hash, roles, hire_date)
          values (${username}, ${name.displayName}, ${passwordHash}, ${`{${role}}`}::text[], ${`${year - 3 - i}-03-01`}::date)
          returning id`,
      );
      if (row) staff.push({ role, username, name: name.displayName, id: row.id });
    }
  }
  return staff;
}

/**
 * HR's list of people as the user import would have entered it: each user created on the setup
 * day (new hires on their hire date), with the `user.create` entry the service writes.
 */
async function recordPeople(
  db: Db,
  trail: DemoTrail,
  cal: Calendar,
  rng: Rng,
  who: { adminId: number; hrId: number; setupDay: string },
): Promise<void> {
  const users = await queryRows<{
    id: number;
    username: string;
    display_name: string;
    roles: string[];
    team_id: number | null;
    team_name: string | null;
    hire_date: string | null;
    queue_ids: number[];
  }>(
    db,
    sql`select u.id, u.username, u.display_name, u.roles, u.team_id, t.name as team_name, u.hire_date::text as hire_date,
            coalesce(array(select queue_id from user_queues q where q.user_id = u.id order by queue_id), '{}') as queue_ids
          from users u left join teams t on t.id = u.team_id where u.username <> 'admin' order by u.id`,
  );
  const entries: TrailEntry[] = [];
  const times: { id: number; at: string }[] = [];
  let clock = cal.at(who.setupDay, 10).getTime();
  for (const u of users) {
    const late = u.hire_date !== null && u.hire_date > who.setupDay;
    const at = late
      ? cal.at(u.hire_date ?? who.setupDay, rng.float(9, 10))
      : new Date((clock += rng.int(2, 9) * 1000));
    const iso = at.toISOString();
    times.push({ id: u.id, at: iso });
    entries.push({
      at,
      actorId: late ? who.hrId : who.adminId,
      actorUsername: late ? 'hr1' : 'admin',
      ip: late ? '10.20.0.31' : '10.20.0.2',
      action: 'user.create',
      entityType: 'user',
      entityId: u.id,
      after: { ...u, active: true, created_at: iso, updated_at: iso, version: 1 },
    });
  }
  await db.execute(sql`update users u set created_at = x.at, updated_at = x.at
    from jsonb_to_recordset(${JSON.stringify(times)}::jsonb) as x(id int, at timestamptz) where u.id = x.id`);
  await trail.add(entries);
}
