/**
 * Work-queue walk in a real browser against a real server (fresh embedded database), in zh-CN:
 * the daily sampling run gives two inspectors their queues (with one contact left over); an
 * inspector sees the counts on the home page, opens the queue, opens an assignment straight into
 * the evaluation workspace, scores it and submits, comes back to the queue and finds it done;
 * skips another with a reason. The QA lead sees every queue, places the overflow and releases
 * one; the inspector finds the release in the inbox. Then the pages in English (the inspector who
 * was given the overflow finds it in the inbox). With QUALITY_SHOTS=dir the walk saves screenshots there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { localDateOf } from '../shared/time.ts';
import { apiAs } from './evaluations-seed.ts';
import {
  ADMIN_PASSWORD,
  ensureWebBuild,
  launchBrowser,
  signIn,
  signOut,
  startServer,
  type TestServer,
  qualityShot,
} from './helpers.ts';

const PASSWORD = 'Passw0rd-e2e';
const ZONE = 'Asia/Shanghai';
const CSRS = [
  ['csr.li', '李娜'],
  ['csr.wang', '王芳'],
  ['csr.zhang', '张伟'],
] as const;

type Seeded = { itemIds: number[] };

const localDay = (daysAgo: number) => localDateOf(new Date(Date.now() - daysAgo * 86_400_000), ZONE);
const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * People, a queue, a scorecard and four calls per CSR on two local days (three and one day ago),
 * then the default plan with a daily capacity of 4 per inspector, run for both days: 9 checks a
 * day for 8 places, so one contact a day stays unassigned.
 */
async function seed(baseUrl: string): Promise<Seeded> {
  const admin = await apiAs(baseUrl, 'admin', ADMIN_PASSWORD);
  const user = (username: string, display_name: string, roles: string[], team_id?: number) =>
    admin<{ id: number }>('POST', '/users', { username, display_name, password: PASSWORD, roles, team_id });
  const leader = await user('tl.zhou', '周班长', ['team_leader']);
  const team = await admin<{ id: number }>('POST', '/teams', { name: '宽带一组', leader_id: leader.id });
  for (const [username, name] of CSRS) await user(username, name, ['agent'], team.id);
  await user('qa.zhao', '赵质检', ['qa']);
  await user('qa.sun', '孙质检', ['qa']);
  await user('lead.qian', '钱组长', ['qa_lead']);
  await admin('POST', '/queues', { code: 'broadband', name: '宽带业务' });
  const form = await admin<{ sections: { items: { id: number }[] }[] }>('POST', '/forms', {
    name: '宽带通话质检表',
    queue: 'broadband',
    pass_mark: 80,
    sections: [
      {
        title: '服务规范',
        items: [
          { text: '使用标准开头语', category: 'phrasing', points: 10, fatal: false },
          { text: '核实客户身份', category: 'process', points: 20, fatal: true },
        ],
      },
      {
        title: '业务处理',
        items: [{ text: '准确解答资费问题', category: 'knowledge', points: 30, fatal: false }],
      },
    ],
  });
  const transcript = JSON.stringify([
    { speaker: 'agent', start_s: 0, end_s: 3, text: '您好，宽带客服，请问有什么可以帮您？' },
    { speaker: 'customer', start_s: 3, end_s: 7, text: '我家宽带从昨晚开始就断断续续的。' },
    { speaker: 'agent', start_s: 7, end_s: 12, text: '请您提供一下装机号码，我帮您查询线路。' },
  ]);
  let csv =
    'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript\n';
  for (const daysAgo of [3, 1]) {
    const day = localDay(daysAgo);
    CSRS.forEach(([username], c) => {
      for (let i = 0; i < 4; i++) {
        const at = `${day} ${String(9 + i).padStart(2, '0')}:${String(10 + c * 7).padStart(2, '0')}:00`;
        csv += `Q-${day}-${c}-${i},${username},${at},${95 + i * 40 + c * 13},call,inbound,broadband,1381234${c}${i}00,,${csvCell(transcript)}\n`;
      }
    });
  }
  const imported = await admin<{ imported: number }>('POST', '/interactions/import', csv, 'text/csv');
  assert.equal(imported.imported, 24);

  const lead = await apiAs(baseUrl, 'lead.qian', PASSWORD);
  const plan = await lead<{ id: number; version: number; config: { inspectors: Record<string, unknown> } }>(
    'GET',
    '/sampling/plans/active',
  );
  await lead('PATCH', `/sampling/plans/${plan.id}`, {
    version: plan.version,
    config: { ...plan.config, inspectors: { ...plan.config.inspectors, default_capacity: 4 } },
  });
  for (const daysAgo of [3, 1]) await lead('POST', '/sampling/run', { date: localDay(daysAgo) });
  return { itemIds: form.sections.flatMap((s) => s.items.map((i) => i.id)) };
}

/** The assignment ids of the rows shown in the table with `testId`. */
async function rowIds(page: Page, testId: string): Promise<number[]> {
  return page
    .getByTestId(testId)
    .locator('tr[data-row-key]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row-key'))).filter((n) => n > 0));
}

describe('work queue web walk', { timeout: 600_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let seeded: Seeded;

  before(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    seeded = await seed(server.baseUrl);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an inspector opens an assignment, scores it in the workspace, submits, and finds it done (zh-CN)', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const base = server.baseUrl;

    await signIn(page, base, 'qa.zhao', PASSWORD);
    // The home page shows the queue's counts.
    const home = page.getByTestId('home-work-queue');
    await home.waitFor();
    await home.getByText('待质检').first().waitFor();
    await qualityShot(page, 'assignments-home-zh');

    await page.getByRole('menuitem', { name: '我的质检任务' }).click();
    await page.waitForURL(/\/assignments$/);
    const table = page.getByTestId('queue-table');
    await table.locator('tr[data-row-key]').first().waitFor();
    const before = await rowIds(page, 'queue-table');
    assert.equal(before.length, 8, 'four a day for two days');
    // Three days ago, due one day ago: overdue and marked as such.
    assert.ok((await table.getByTestId('assignment-overdue').count()) >= 1);
    await qualityShot(page, 'assignments-queue-zh');

    // The queue exports as CSV (Chinese headers, one row per assignment).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    assert.match(lines[0] ?? '', /^截止日期,已逾期,联络日期/);
    assert.equal(lines.length, 1 + 8);

    // Open the first one straight into the workspace.
    const first = before[0] as number;
    await page.getByTestId(`assignment-evaluate-${first}`).click();
    await page.waitForURL(new RegExp(`/evaluate\\?interaction=\\d+&assignment=${first}$`));
    await page.getByTestId('assignment-banner').waitFor();
    await page.getByTestId('interaction-meta').waitFor();
    // The seeded contacts have no recording: the inspector says how the call was checked.
    await page.getByTestId('method-picker').click();
    await page.locator('.ant-select-dropdown:visible').getByText('旁听', { exact: true }).click();
    for (const id of seeded.itemIds) {
      await page.getByTestId(`item-${id}-result`).getByText('合格', { exact: true }).click();
    }
    await page.getByTestId('positives').fill('开头语规范，核实身份到位');
    await page.getByTestId('live-score').filter({ hasText: '100.0' }).waitFor();
    await qualityShot(page, 'assignments-workspace-zh');
    await page.getByTestId('evaluation-submit').click();
    await page.locator('#evaluation-submit-confirm').click();

    // Back in the queue, it is done; the banner links to the evaluation just submitted.
    await page.waitForURL(new RegExp(`/assignments\\?completed=${first}&evaluation=\\d+$`));
    const evaluationId = Number(new URL(page.url()).searchParams.get('evaluation'));
    await page.getByTestId('assignment-completed').waitFor();
    const submitted = page.getByTestId('assignment-completed-evaluation');
    assert.equal(await submitted.getAttribute('href'), `/evaluations/${evaluationId}`);
    assert.equal(await submitted.innerText(), `查看刚提交的质检记录 #${evaluationId}`);
    await page.getByTestId('assignment-completed').getByRole('button', { name: '开始质检' }).waitFor();
    await qualityShot(page, 'assignments-completed-zh');
    // It opens the evaluation, submitted to the CSR with the score given; back returns to the banner.
    await submitted.click();
    await page.waitForURL(new RegExp(`/evaluations/${evaluationId}$`));
    await page.getByTestId('evaluation-status').filter({ hasText: '待确认' }).waitFor();
    assert.match((await page.getByTestId('evaluation-score').textContent()) ?? '', /100\.0/);
    await page.goBack();
    await page.getByTestId('assignment-completed-evaluation').waitFor();
    await table.locator('tr[data-row-key]').first().waitFor();
    await table.locator(`tr[data-row-key="${first}"]`).waitFor({ state: 'detached' });
    assert.ok(!(await rowIds(page, 'queue-table')).includes(first), 'no longer to do');
    await page.getByTestId('queue-tabs').getByText('已完成').click();
    const doneRow = table.locator(`tr[data-row-key="${first}"]`);
    await doneRow.waitFor();
    await doneRow.getByText('已完成').waitFor();
    await doneRow.getByText('100.0').waitFor();
    await page.getByTestId('summary-doneToday').getByText('1').waitFor();
    await qualityShot(page, 'assignments-queue-done-zh');

    // Skip another one with a reason.
    await page.getByTestId('queue-tabs').getByText('待质检').click();
    const second = before[1] as number;
    await page.getByTestId(`assignment-skip-${second}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('录音缺失或无声').click();
    await qualityShot(page, 'assignments-skip-zh');
    await dialog.getByRole('button', { name: /跳\s*过/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('queue-tabs').getByText('已跳过').click();
    await table.locator(`tr[data-row-key="${second}"]`).getByText('录音缺失或无声').waitFor();

    // Filter by CSR and by queue: the filters go into the address (a link to share), survive a
    // reload, narrow the list, and the reset clears them.
    await page.getByTestId('queue-tabs').getByText('全部').click();
    await page.getByTestId('queue-count').filter({ hasText: '已显示 8 / 共 8 条' }).waitFor();
    // A CSR with a contact still to evaluate.
    const openRow = table
      .locator('tr[data-row-key]')
      .filter({ has: page.locator('[data-testid^="assignment-evaluate-"]') })
      .first();
    const openText = await openRow.innerText();
    const csr = CSRS.find(([, name]) => openText.includes(name));
    assert.ok(csr, 'some CSR in the queue');
    const [username, name] = csr;
    const theirs = await table.locator('tr[data-row-key]', { hasText: name }).count();
    await page.getByTestId('queue-filter-agent').click();
    await page.keyboard.type(username);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${name} (${username})` })
      .click();
    await page.waitForURL(/\/assignments\?tab=all&agent_id=\d+$/);
    await page
      .getByTestId('queue-count')
      .filter({ hasText: `已显示 ${theirs} / 共 ${theirs} 条` })
      .waitFor();
    await page.getByTestId('queue-filter-queue').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '宽带业务 (broadband)' })
      .click();
    await page.waitForURL(/\/assignments\?tab=all&agent_id=\d+&queue_id=\d+$/);
    const filteredUrl = page.url();
    await page.reload();
    await page
      .getByTestId('queue-count')
      .filter({ hasText: `已显示 ${theirs} / 共 ${theirs} 条` })
      .waitFor();
    await page.getByText(`${name} (${username})`).first().waitFor();
    await page.getByTestId('queue-filter-queue').getByText('宽带业务 (broadband)').waitFor();
    assert.equal(await table.locator('tr[data-row-key]', { hasNotText: name }).count(), 0);
    assert.equal(page.url(), filteredUrl);
    await qualityShot(page, 'assignments-queue-filtered-zh');
    // Into the workspace and back by the banner: the queue comes back filtered as it was left.
    await table.locator('[data-testid^="assignment-evaluate-"]').first().click();
    await page.waitForURL(/\/evaluate\?.*back=/);
    await page.getByTestId('assignment-banner').getByRole('link').click();
    await page.waitForURL(filteredUrl);
    await page
      .getByTestId('queue-count')
      .filter({ hasText: `已显示 ${theirs} / 共 ${theirs} 条` })
      .waitFor();
    await page.getByTestId('queue-filter-reset').click();
    await page.waitForURL(/\/assignments$/);
    await page
      .getByTestId('queue-tabs')
      .locator('.ant-segmented-item-selected', { hasText: '待质检' })
      .waitFor();

    await signOut(page);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the QA lead places the overflow, reassigns and releases (zh-CN)', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await signIn(page, server.baseUrl, 'lead.qian', PASSWORD);
    await page.getByRole('menuitem', { name: '任务分派' }).click();
    await page.waitForURL(/\/assignments\/all$/);
    const table = page.getByTestId('assignments-table');
    await table.locator('tr[data-row-key]').first().waitFor();
    await page.getByTestId('inspector-loads').getByText('孙质检').waitFor();
    await qualityShot(page, 'assignments-all-zh');
    // At 1024 px the five summary cards share one row (the fifth used to wrap onto a row of its own).
    await page.setViewportSize({ width: 1024, height: 800 });
    const tops = await Promise.all(
      ['pending', 'dueToday', 'overdue', 'unassigned', 'doneToday'].map(async (key) => {
        const box = await page.getByTestId(`summary-${key}`).boundingBox();
        return Math.round(box?.y ?? -1);
      }),
    );
    assert.equal(new Set(tops).size, 1, `summary cards at ${tops.join(', ')}`);
    await page.setViewportSize({ width: 1440, height: 900 });

    // Two contacts were left over (one a day): place them with 孙质检.
    await page.getByTestId('show-unassigned').click();
    await page.getByTestId('assignments-count').filter({ hasText: '已显示 2 / 共 2 条' }).waitFor();
    const overflow = await rowIds(page, 'assignments-table');
    assert.equal(overflow.length, 2);
    await table.locator('thead .ant-checkbox-input').check();
    await page.getByTestId('bulk-bar').waitFor();
    await page.getByTestId('bulk-reassign').click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('reassign-inspectors').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '孙质检' }).click();
    await page.keyboard.press('Escape');
    await qualityShot(page, 'assignments-reassign-zh');
    await dialog.getByRole('button', { name: /分\s*派/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('assignments-count').filter({ hasText: '已显示 0 / 共 0 条' }).waitFor();

    // Release one of 赵质检's.
    await page.getByTestId('assignment-views').getByText('未完成').click();
    await page.getByTestId('filter-inspector').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '赵质检' }).click();
    // The filter goes through the address: wait until the list shows only 赵质检's rows.
    await page.waitForURL(/[?&]assignee_id=\d+/);
    await table.locator('tr[data-row-key]', { hasText: '孙质检' }).first().waitFor({ state: 'detached' });
    await table.locator('tr[data-row-key]').first().waitFor();
    const zhao = await rowIds(page, 'assignments-table');
    const target = zhao[0] as number;
    await page.getByTestId(`assignment-release-${target}`).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /收\s*回/ })
      .click();
    await page.getByText('已收回 1 条任务。').waitFor();
    // The table refetches after the message: wait for the released row to leave it.
    await table.locator(`tr[data-row-key="${target}"]`).waitFor({ state: 'detached' });
    assert.ok(!(await rowIds(page, 'assignments-table')).includes(target));
    await signOut(page);

    // 赵质检 finds the release in the inbox.
    await signIn(page, server.baseUrl, 'qa.zhao', PASSWORD);
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox').getByText('您的 1 条质检任务已被质量监控班长收回').waitFor();
    await qualityShot(page, 'assignments-inbox-zh');
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox').waitFor({ state: 'hidden' });
    await signOut(page);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows the queue and the lead’s view in English', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, server.baseUrl, 'qa.sun', PASSWORD);
    await page.getByTestId('home-work-queue').getByText('Due today').waitFor();
    await qualityShot(page, 'assignments-home-en');
    // The two contacts the QA lead placed with 孙质检 are in the inbox.
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox').getByText('2 assignments were given to you').waitFor();
    await qualityShot(page, 'assignments-inbox-en');
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox').waitFor({ state: 'hidden' });
    await page.getByRole('menuitem', { name: 'My work queue' }).click();
    const table = page.getByTestId('queue-table');
    await table.locator('tr[data-row-key]').first().waitFor();
    await table.getByRole('button', { name: 'Evaluate' }).first().waitFor();
    await qualityShot(page, 'assignments-queue-en');
    const first = (await rowIds(page, 'queue-table'))[0] as number;
    await page.getByTestId(`assignment-evaluate-${first}`).click();
    await page
      .getByTestId('assignment-banner')
      .getByText(/From your work queue/)
      .waitFor();
    await qualityShot(page, 'assignments-workspace-en');
    // Submitting comes back to the queue with a banner linking to the evaluation.
    await page.getByTestId('method-picker').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Side-by-side', { exact: true }).click();
    for (const id of seeded.itemIds) {
      await page.getByTestId(`item-${id}-result`).getByText('Pass', { exact: true }).click();
    }
    await page.getByTestId('live-score').filter({ hasText: '100.0' }).waitFor();
    await page.getByTestId('evaluation-submit').click();
    await page.locator('#evaluation-submit-confirm').click();
    await page.waitForURL(new RegExp(`/assignments\\?completed=${first}&evaluation=\\d+$`));
    const evaluationId = Number(new URL(page.url()).searchParams.get('evaluation'));
    const submitted = page.getByTestId('assignment-completed-evaluation');
    assert.equal(await submitted.getAttribute('href'), `/evaluations/${evaluationId}`);
    assert.equal(await submitted.innerText(), `View the evaluation you submitted (#${evaluationId})`);
    await qualityShot(page, 'assignments-completed-en');
    await signOut(page);

    await signIn(page, server.baseUrl, 'lead.qian', PASSWORD);
    await page.getByRole('menuitem', { name: 'All assignments' }).click();
    await page.getByTestId('assignments-table').locator('tr[data-row-key]').first().waitFor();
    await page.getByTestId('inspector-loads').getByText("Inspectors' workload").waitFor();
    await qualityShot(page, 'assignments-all-en');
    // The lead's filters live in the address too: a shared link opens the same view.
    const wang = await apiAs(server.baseUrl, 'lead.qian', PASSWORD).then((api) =>
      api<{ items: { id: number; username: string }[] }>('GET', '/users?q=csr.wang'),
    );
    const wangId = wang.items.find((u) => u.username === 'csr.wang')?.id;
    const queues = await apiAs(server.baseUrl, 'lead.qian', PASSWORD).then((api) =>
      api<{ items: { id: number; code: string }[] }>('GET', '/queues'),
    );
    const broadband = queues.items.find((q) => q.code === 'broadband')?.id;
    await page.goto(`${server.baseUrl}/assignments/all?view=all&agent_id=${wangId}&queue_id=${broadband}`);
    await page.getByText('王芳 (csr.wang)').first().waitFor();
    await page.getByTestId('filter-queue').getByText('宽带业务 (broadband)').waitFor();
    const shown = page.getByTestId('assignments-table').locator('tr[data-row-key]');
    await shown.first().waitFor();
    assert.equal(await shown.filter({ hasNotText: '王芳' }).count(), 0);
    await page
      .getByTestId('assignments-count')
      .filter({ hasText: /Showing (\d+) of \1$/ })
      .waitFor();
    await qualityShot(page, 'assignments-all-filtered-en');
    await page.getByTestId('filter-reset').click();
    await page.waitForURL(/\/assignments\/all$/);
    await signOut(page);
    await context.close();
  });
});
