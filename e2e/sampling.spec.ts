/**
 * Sampling walk in a real browser against a real server (fresh embedded database), in zh-CN: the
 * QA lead raises the daily quota on the plan page, imports a roster (one bad line reported by its
 * line number) and sees the day on the calendar, runs the day and reads the summary — the roster
 * decides who is on shift, a call at 07:30 local time counts for its day, the work is spread over
 * the two inspectors, the CSR with too few calls is listed — and a second run adds nothing. Then
 * the pages in English. With QUALITY_SHOTS=dir the walk saves screenshots there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { localDateOf } from '../shared/time.ts';
import { apiAs } from './evaluations-seed.ts';
import {
  ADMIN_PASSWORD,
  ensureWebBuild,
  launchBrowser,
  signIn,
  startServer,
  type TestServer,
  qualityShot,
} from './helpers.ts';

const PASSWORD = 'Passw0rd-e2e';
const ZONE = 'Asia/Shanghai';
const DAY = localDateOf(new Date(Date.now() - 3 * 86_400_000), ZONE);

/**
 * People and calls of one local day three days ago: 李娜 has 6 calls, 王芳 3 (one at 07:30, the UTC
 * day before), 张伟 4 — but the roster will say 张伟 was not on shift.
 */
async function seed(baseUrl: string): Promise<void> {
  const admin = await apiAs(baseUrl, 'admin', ADMIN_PASSWORD);
  const user = (username: string, display_name: string, roles: string[], team_id?: number) =>
    admin<{ id: number }>('POST', '/users', { username, display_name, password: PASSWORD, roles, team_id });
  const team = await admin<{ id: number }>('POST', '/teams', { name: '账单一组' });
  await user('csr.li', '李娜', ['agent'], team.id);
  await user('csr.wang', '王芳', ['agent'], team.id);
  await user('csr.zhang', '张伟', ['agent'], team.id);
  await user('qa.zhao', '赵质检', ['qa']);
  await user('qa.sun', '孙质检', ['qa']);
  await user('lead.qian', '钱组长', ['qa_lead']);
  let csv = 'external_id,agent,started_at,duration_s,channel,direction\n';
  const calls: [string, number][] = [
    ['csr.li', 6],
    ['csr.wang', 3],
    ['csr.zhang', 4],
  ];
  for (const [agent, n] of calls) {
    for (let i = 0; i < n; i++) {
      const time = agent === 'csr.wang' && i === 0 ? '07:30' : `1${i}:15`;
      csv += `S-${agent}-${i},${agent},${DAY} ${time}:00,${120 + i * 30},call,inbound\n`;
    }
  }
  const imported = await admin<{ imported: number }>('POST', '/interactions/import', csv, 'text/csv');
  assert.equal(imported.imported, 13);
}

const statValue = async (page: Page, key: string) =>
  (await page.getByTestId(`run-stat-${key}`).locator('.ant-statistic-content-value').innerText()).trim();

describe('sampling web walk', { timeout: 600_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let rosterFile: string;

  before(async () => {
    ensureWebBuild();
    server = await startServer();
    await seed(server.baseUrl);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    rosterFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-roster-')), 'roster.csv');
    fs.writeFileSync(
      rosterFile,
      `agent,date,shift\ncsr.li,${DAY},早班\ncsr.wang,${DAY},晚班\nnobody,${DAY},早班\n`,
    );
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (rosterFile) fs.rmSync(path.dirname(rosterFile), { recursive: true, force: true });
  });

  it('the QA lead raises the daily quota on the plan page', async () => {
    await signIn(page, server.baseUrl, 'lead.qian', PASSWORD);
    await page.getByTestId('side-menu').getByText('抽样计划', { exact: true }).click();
    await page.getByTestId('plan-form').waitFor();
    assert.equal(await page.getByTestId('plan-status').innerText(), '生效中');
    await page.locator('#daily_min').fill('4');
    await page.getByTestId('plan-save').click();
    await page.getByText('计划已保存').waitFor();
    await page.getByTestId('plans-table').getByText('默认抽样计划').waitFor();
    // The saved plan is what the API now answers.
    const lead = await apiAs(server.baseUrl, 'lead.qian', PASSWORD);
    const plan = await lead<{ daily_min: number; version: number }>('GET', '/sampling/plans/active');
    assert.deepEqual([plan.daily_min, plan.version], [4, 2]);
    await qualityShot(page, 'sampling-plan-zh');
  });

  it('imports a roster, with the bad line reported by its line number', async () => {
    await page.getByTestId('side-menu').getByText('排班表', { exact: true }).click();
    await page.goto(`${server.baseUrl}/sampling/roster?month=${DAY.slice(0, 7)}`);
    await page.getByTestId('roster-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(rosterFile);
    await page.getByTestId('roster-import-result').waitFor();
    const count = async (k: string) =>
      (
        await page.getByTestId(`roster-count-${k}`).locator('.ant-statistic-content-value').innerText()
      ).trim();
    assert.equal(await count('imported'), '2');
    assert.equal(await count('rejected'), '1');
    const rejected = page.getByTestId('roster-rejections');
    assert.match(await rejected.innerText(), /4\s+没有该用户/);
    await qualityShot(page, 'sampling-roster-import-zh');
    await page.locator('.ant-modal-footer button').click();
    await page.getByTestId(`roster-day-${DAY}`).getByText('2 人在岗').waitFor();
    await page.getByTestId(`roster-day-${DAY}`).click();
    const day = page.getByTestId('roster-day-table');
    await day.getByText('李娜').waitFor();
    assert.ok(!(await day.innerText()).includes('张伟'), 'not on the roster');
    await qualityShot(page, 'sampling-roster-day-zh');
    await page.keyboard.press('Escape');
  });

  it('runs the day and sees the summary; running it again adds nothing', async () => {
    await page.getByTestId('side-menu').getByText('抽样执行', { exact: true }).click();
    await page.getByTestId('run-date').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(DAY);
    await page.keyboard.press('Enter');
    await page.getByTestId('run-now').click();
    await page.getByTestId('run-summary').waitFor();
    // On shift by the roster: 李娜 (6 calls → 4) and 王芳 (3 calls → all 3, one short); not 张伟.
    // 王芳's 07:30 call counts for this local day: without it she would give 2 and the run 6.
    assert.equal(await statValue(page, 'onShift'), '2');
    assert.equal(await statValue(page, 'created'), '7');
    assert.equal(await statValue(page, 'overflow'), '0');
    assert.equal(await statValue(page, 'short'), '1');
    assert.match(await page.getByTestId('run-short').innerText(), /王芳 \(csr\.wang\)\s+1\s+0/);
    const loads = await page
      .getByTestId('run-inspectors')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[3]?.textContent ?? 'NaN')));
    assert.deepEqual(
      loads.sort((a, b) => a - b),
      [3, 4],
      'spread evenly over the two inspectors',
    );
    await qualityShot(page, 'sampling-run-zh');

    const lead = await apiAs(server.baseUrl, 'lead.qian', PASSWORD);
    const again = await lead<{ summary: { created: number }; assignments: unknown[] }>(
      'POST',
      '/sampling/run',
      {
        date: DAY,
      },
    );
    assert.equal(again.summary.created, 0);
    await page.getByTestId('run-now').click();
    await page.getByText(`${DAY}：新建 0 条抽检任务`).waitFor();
    // Three runs in the history (two here, one by the API): wait for the refetch to show them.
    const history = page.getByTestId('runs-table').locator('tbody tr.ant-table-row');
    await history.nth(2).waitFor();
    assert.ok((await history.count()) >= 3);
  });

  it('shows the pages in English', async () => {
    await page.evaluate(() => localStorage.setItem('zhijian.language', 'en'));
    await page.goto(`${server.baseUrl}/sampling/runs`);
    await page.getByRole('heading', { name: 'Sampling runs' }).waitFor();
    await page.getByTestId('runs-table').getByText('By hand').first().waitFor();
    await qualityShot(page, 'sampling-runs-en');
    await page.goto(`${server.baseUrl}/sampling/plan`);
    await page.getByRole('heading', { name: 'Sampling plan' }).waitFor();
    await page.getByText('Checks a day per on-shift CSR').first().waitFor();
    await qualityShot(page, 'sampling-plan-en');
    await page.goto(`${server.baseUrl}/sampling/roster?month=${DAY.slice(0, 7)}`);
    await page.getByTestId(`roster-day-${DAY}`).getByText('2 on shift').waitFor();
    await qualityShot(page, 'sampling-roster-en');
  });
});
