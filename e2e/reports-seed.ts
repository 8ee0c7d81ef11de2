/**
 * Data for the reports walk and its screenshots, through the API: on top of the evaluation seed
 * (team 宽带一组 with 王班长, CSR 李客服, inspector 赵质检, QA lead 钱组长, a scorecard with a fatal
 * item), a second CSR, and yesterday's calls (center-local date) scored and submitted with praise
 * and criticism, one with a fatal error.
 */
import { localDateOf } from '../shared/time.ts';
import { PASSWORD, apiAs, seed, type Ids } from './evaluations-seed.ts';
import { ADMIN_PASSWORD } from './helpers.ts';

export const ZONE = 'Asia/Shanghai';
export const PRAISE = '耐心细致，主动核实需求，客户当场致谢';
export const CRITICISM = '未核实客户身份即办理业务';

export type ReportIds = Ids & { date: string; month: string; evaluations: number };

export async function seedReports(baseUrl: string): Promise<ReportIds> {
  const ids = await seed(baseUrl);
  const admin = await apiAs(baseUrl, 'admin', ADMIN_PASSWORD);
  const teams = await admin<{ items: { id: number; name: string }[] }>('GET', '/teams');
  const team = teams.items.find((t) => t.name === '宽带一组');
  await admin('POST', '/users', {
    username: 'csr.zhou',
    display_name: '周客服',
    password: PASSWORD,
    roles: ['agent'],
    team_id: team?.id,
  });
  // Yesterday in the center's zone: a complete local day in the past.
  const date = localDateOf(new Date(Date.now() - 24 * 3600_000), ZONE);
  const month = date.slice(0, 7);
  const calls = [
    ['E2E-R-1', 'csr.li', '09:15'],
    ['E2E-R-2', 'csr.li', '11:40'],
    ['E2E-R-3', 'csr.zhou', '10:05'],
    ['E2E-R-4', 'csr.zhou', '15:30'],
  ] as const;
  const csv =
    'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript\n' +
    calls
      .map(
        ([id, agent, time]) =>
          `${id},${agent},${date}T${time}:00+08:00,180,call,inbound,broadband,13800000000,,`,
      )
      .join('\n') +
    '\n';
  await admin('POST', '/interactions/import', csv, 'text/csv');
  const qa = await apiAs(baseUrl, 'qa.zhao', PASSWORD);
  const [phrasing, fatal, knowledge] = ids.itemIds;
  const results: [string, 'pass' | 'fail', 'pass' | 'fail', 'pass' | 'fail', string | null, string | null][] =
    [
      ['E2E-R-1', 'pass', 'pass', 'pass', PRAISE, null],
      ['E2E-R-2', 'fail', 'pass', 'fail', null, '资费解释不完整，未使用标准开头语'],
      ['E2E-R-3', 'pass', 'fail', 'pass', null, CRITICISM],
      ['E2E-R-4', 'pass', 'pass', 'pass', '语气亲切，解答准确', null],
    ];
  for (const [external, a, b, c, positives, negatives] of results) {
    const found = await admin<{ items: { id: number }[] }>('GET', `/interactions?external_id=${external}`);
    await qa('POST', '/evaluations', {
      interaction_id: found.items[0]!.id,
      form_id: 1,
      method: 'recording_review',
      phase: 'after',
      answers: [
        { item_id: phrasing, result: a },
        { item_id: fatal, result: b, comment: b === 'fail' ? '未核实身份' : null },
        { item_id: knowledge, result: c },
      ],
      positives,
      negatives,
      submit: true,
    });
  }
  return { ...ids, date, month, evaluations: results.length };
}
