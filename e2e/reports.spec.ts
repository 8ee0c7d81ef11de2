/**
 * Reports walk in a real browser against a real server (fresh embedded database): yesterday's calls
 * are scored with praise, criticism and a fatal error (reports-seed.ts); the QA lead opens the
 * monthly report (charts render as SVG, the CSR table shows the 95% range), switches to English,
 * opens the daily bulletin (praise and criticism shown), downloads its XLSX, writes the QA monthly
 * summary and meets a concurrent save (409); sees inspector accuracy in the summary after a
 * dispute (filters, sorts, downloads its XLSX and PDF); the CSR opens "My quality" from the home page.
 * With QUALITY_SHOTS=dir the walk saves screenshots of the QA summary there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, apiAs } from './evaluations-seed.ts';
import {
  ADMIN_PASSWORD,
  ensureWebBuild,
  launchBrowser,
  pickOption,
  signIn,
  signOut,
  startServer,
  type TestServer,
  qualityShot,
} from './helpers.ts';
import { CRITICISM, PRAISE, seedReports, type ReportIds } from './reports-seed.ts';

async function chartDrawn(page: Page, testId: string): Promise<void> {
  // ECharts (SVG renderer) draws an <svg> with a size, then its axes, bars, lines and areas as paths.
  await page.locator(`[data-testid="${testId}"] svg`).first().waitFor();
  await page.waitForFunction(
    (id) => document.querySelectorAll(`[data-testid="${id}"] svg path`).length > 5,
    testId,
  );
}

describe('reports web walk', { timeout: 600_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let ids: ReportIds;

  before(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    ids = await seedReports(server.baseUrl);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the monthly report with charts, switches language, and the bulletin with praise and criticism', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const base = server.baseUrl;

    await signIn(page, base, 'lead.qian', PASSWORD);
    // The menu offers the reports this role may open.
    const menu = page.getByTestId('side-menu');
    for (const label of ['日质检通报', '旬报', '月报', '绩效考核导出', '质检月度工作总结'])
      await menu.getByText(label, { exact: true }).waitFor();
    await menu.getByText('月报', { exact: true }).click();
    await page.waitForURL(/\/reports\/monthly/);
    await page.goto(`${base}/reports/monthly?month=${ids.month}`);
    await page.getByRole('heading', { name: '服务质量月报' }).waitFor();
    await page
      .getByTestId('card-evaluations')
      .locator('.ant-statistic-content')
      .filter({ hasText: String(ids.evaluations) })
      .waitFor();
    await chartDrawn(page, 'chart-distribution');
    await chartDrawn(page, 'chart-trend');
    await chartDrawn(page, 'chart-radar');
    // The most-failed items: the fatal identity check appears with its category.
    await page.getByTestId('problems-table').getByText('核实客户身份').first().waitFor();
    // Ranked by the number of fails, so the overview shows that number beside the rate.
    await page.getByText('不合格次数最多的项目', { exact: true }).waitFor();
    await page
      .getByTestId('problems-table')
      .locator('th')
      .filter({ hasText: /^不合格$/ })
      .waitFor();

    // The CSR table: both CSRs with their average and 95% range.
    await page.getByRole('tab', { name: /客服代表/ }).click();
    const agents = page.getByTestId('agents-table');
    await agents.getByText('李客服').waitFor();
    await agents.getByText('周客服').waitFor();
    assert.ok((await agents.getByTestId('ci-text').count()) >= 2);

    // English: the same page, translated.
    await pickOption(page, '[data-testid="language-switch"]', 'English');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Monthly service-quality report' }).waitFor();
    await chartDrawn(page, 'chart-trend');
    await page.getByTestId('chart-distribution').getByText('Fatal').waitFor();

    // The daily bulletin of that day: praise and criticism, fatal first.
    await page.getByTestId('side-menu').getByText('Daily QA bulletin', { exact: true }).click();
    await page.waitForURL(/\/reports\/daily/);
    await page.goto(`${base}/reports/daily?date=${ids.date}`);
    await page.getByRole('heading', { name: 'Daily QA bulletin' }).waitFor();
    await page.getByTestId('bulletin-praise').getByText(PRAISE).waitFor();
    await page.getByTestId('bulletin-criticism').getByText(CRITICISM).waitFor();
    assert.equal(await page.getByTestId('bulletin-praise-item').count(), 2);
    assert.equal(await page.getByTestId('bulletin-criticism-item').count(), 2);
    const firstRow = page.getByTestId('bulletin-team').locator('tbody tr.ant-table-row').first();
    assert.match((await firstRow.textContent()) ?? '', /Fatal/);

    // The bulletin as Excel: a real XLSX (a ZIP) with the server's file name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-xlsx').click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > 1000, `xlsx of ${bytes.length} bytes`);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('saves the QA monthly summary and reports a concurrent save', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const base = server.baseUrl;
    await signIn(page, base, 'lead.qian', PASSWORD);
    await page.goto(`${base}/reports/qa-summary?month=${ids.month}`);
    await page.getByTestId('inspectors-table').getByText('赵质检').waitFor();
    await page.getByTestId('qa-summary-findings').fill('身份核实环节出现致命错误，需重点监控。');
    await page.getByTestId('qa-summary-measures').fill('下月对宽带一组加抽录音，组织身份核实专项培训。');
    await page.getByTestId('qa-summary-save').click();
    await page.getByTestId('qa-summary-saved-by').filter({ hasText: '钱组长' }).waitFor();

    // Someone else saves meanwhile (through the API with the version just read).
    await page.getByTestId('qa-summary-findings').fill('我的新版本');
    const lead = await apiAs(base, 'lead.qian', PASSWORD);
    const current = await lead<{ text: { version: number } }>(
      'GET',
      `/reports/qa-summary?month=${ids.month}`,
    );
    await lead('PUT', `/reports/qa-summary/${ids.month}`, {
      findings: '别人的版本',
      measures: '别人的措施',
      version: current.text.version,
    });
    await page.getByTestId('qa-summary-save').click();
    await page.getByTestId('qa-summary-conflict').waitFor();
    await page.getByTestId('qa-summary-conflict').getByRole('button').click();
    await page.getByTestId('qa-summary-findings').filter({ hasText: '别人的版本' }).waitFor();
    await context.close();
  });

  it('shows inspector accuracy in the QA summary, filters and sorts it, and downloads its XLSX and PDF', async () => {
    const base = server.baseUrl;
    // 周客服 disputes the fatal evaluation; 王班长 forwards it; the QA lead upholds it but records an
    // inspector error: 赵质检 has 4 evaluations, 1 disputed, 0 overturned, 1 error (25.0%).
    const lead = await apiAs(base, 'lead.qian', PASSWORD);
    const day = await lead<{ teams: { rows: { evaluation_id: number; fatal: boolean }[] }[] }>(
      'GET',
      `/reports/daily?date=${ids.date}`,
    );
    const fatal = day.teams.flatMap((t) => t.rows).find((r) => r.fatal);
    assert.ok(fatal);
    const csr = await apiAs(base, 'csr.zhou', PASSWORD);
    const dispute = await csr<{ id: number }>('POST', `/evaluations/${fatal.evaluation_id}/disputes`, {
      reason: '客户身份已在上一通电话核实',
    });
    const leader = await apiAs(base, 'tl.wang', PASSWORD);
    await leader('POST', `/disputes/${dispute.id}/decision`, { uphold: false });
    await lead('POST', `/disputes/${dispute.id}/decision`, { uphold: true, inspector_error: true });

    // A second inspector without evaluations: no error rate (—), sorted below any rate.
    const admin = await apiAs(base, 'admin', ADMIN_PASSWORD);
    await admin('POST', '/users', {
      username: 'qa.sun',
      display_name: '孙质检',
      password: PASSWORD,
      roles: ['qa'],
    });

    const context = await browser.newContext({
      locale: 'zh-CN',
      acceptDownloads: true,
      viewport: { width: 1360, height: 860 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, base, 'lead.qian', PASSWORD);
    await page.goto(`${base}/reports/qa-summary?month=${ids.month}`);
    const table = page.getByTestId('inspectors-table');
    const zhao = table.locator('tr.ant-table-row').filter({ hasText: '赵质检' });
    await zhao.waitFor();
    for (const header of ['工作量', '准确率', '被申诉', '被推翻', '质检员差错', '差错率'])
      await table
        .locator('th')
        .filter({ hasText: new RegExp(`^${header}$`) })
        .first()
        .waitFor();
    const cells = async () => (await zhao.locator('td').allInnerTexts()).map((x) => x.trim()).slice(-4);
    assert.deepEqual(await cells(), ['1', '0', '1', '25.0%']);

    // Sorting by the error rate: ascending puts 孙质检 (no rate) first, descending 赵质检 (25.0%).
    const rateHeader = table.locator('th').filter({ hasText: /^差错率$/ });
    const firstRow = table.locator('tr.ant-table-row').first();
    await rateHeader.click();
    await firstRow.filter({ hasText: '孙质检' }).waitFor();
    await rateHeader.click();
    await firstRow.filter({ hasText: '赵质检' }).waitFor();
    // The filter narrows the rows (and the export with them).
    await page.getByTestId('inspectors-search').locator('input').fill('不存在的人');
    await table.getByText('本期没有质检员工作记录。').waitFor();
    await page.getByTestId('inspectors-search').locator('input').fill('zhao');
    await zhao.waitFor();
    assert.equal(await table.locator('tr.ant-table-row').count(), 1);
    await page.getByTestId('inspectors-search').locator('input').fill('');
    await table.locator('tr.ant-table-row').filter({ hasText: '孙质检' }).waitFor();
    await page.mouse.move(0, 0);
    await qualityShot(page, 'qa-summary-zh');

    // The documents, built by the server in the UI language.
    for (const [format, magic] of [
      ['xlsx', 'PK'],
      ['pdf', '%P'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`download-${format}`).click(),
      ]);
      assert.equal(download.suggestedFilename(), `qa-summary-${ids.month}.${format}`);
      const bytes = fs.readFileSync(await download.path());
      assert.equal(bytes.subarray(0, 2).toString(), magic, format);
    }

    await pickOption(page, '[data-testid="language-switch"]', 'English');
    await page.getByRole('heading', { name: 'QA monthly work summary' }).waitFor();
    for (const header of ['Workload', 'Accuracy', 'Disputed', 'Overturned', 'Inspector errors', 'Error rate'])
      await table
        .locator('th')
        .filter({ hasText: new RegExp(`^${header}$`) })
        .first()
        .waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await qualityShot(page, 'qa-summary-en');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lets a CSR open My quality from the home page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const base = server.baseUrl;
    await signIn(page, base, 'csr.li', PASSWORD);
    // No management reports in a CSR's menu.
    await page.getByTestId('side-menu').getByText('我的服务质量').waitFor();
    assert.equal(await page.getByTestId('side-menu').getByText('绩效考核导出').count(), 0);
    await page.getByTestId('home-my-quality').click();
    await page.waitForURL(/\/reports\/quality/);
    await page.getByRole('heading', { name: '我的服务质量' }).waitFor();
    await page.goto(`${base}/reports/quality?month=${ids.month}`);
    await chartDrawn(page, 'chart-my-trend');
    await chartDrawn(page, 'chart-my-radar');
    await page.getByTestId('my-recent').locator('a[href^="/evaluations/"]').first().waitFor();
    await signOut(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
