/**
 * Screenshots of the evaluation pages in zh-CN and en, for a person to look at (not a test).
 * Starts its own server on a fresh embedded database and sets up the data through the API.
 * Usage: npx tsx e2e/screenshots-evaluations.ts [outDir]   (default /tmp/shots-issue4)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PASSWORD, apiAs, seed } from './evaluations-seed.ts';
import { ensureWebBuild, launchBrowser, signIn, startServer } from './helpers.ts';

const OUT = process.argv[2] ?? '/tmp/shots-issue4';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Wait for the lazily loaded page itself, not the spinner in its place.
  await page.locator('main h3, .ant-layout-content h3, .ant-result').first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

type Detail = {
  id: number;
  version: number;
  open_dispute_id: number | null;
  disputes: { id: number; version: number }[];
  marks: { id: number; at_s: number | null; turn_index: number | null; text: string }[];
};

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  ensureWebBuild();
  const server = await startServer();
  try {
    const base = server.baseUrl;
    const ids = await seed(base);
    const qa = await apiAs(base, 'qa.zhao', PASSWORD);
    const csr = await apiAs(base, 'csr.li', PASSWORD);
    const tl = await apiAs(base, 'tl.wang', PASSWORD);
    const lead = await apiAs(base, 'lead.qian', PASSWORD);
    const answers = (fatalResult: 'pass' | 'fail') =>
      ids.itemIds.map((item_id) => ({
        item_id,
        result: item_id === ids.fatalItemId ? fatalResult : 'pass',
        comment: item_id === ids.fatalItemId && fatalResult === 'fail' ? '没有核实身份' : null,
      }));
    const submit = (fatal: 'pass' | 'fail') =>
      qa<Detail>('POST', '/evaluations', {
        interaction_id: ids.interactionId,
        form_id: 1,
        method: 'recording_review',
        phase: 'after',
        answers: answers(fatal),
        positives: '语气亲切，耐心解答',
        negatives: fatal === 'fail' ? '未核实客户身份' : null,
        marks: [
          { at_s: 2.5, turn_index: null, text: '客户提出资费问题' },
          { at_s: 5, turn_index: 2, text: '未核实身份' },
        ],
        submit: true,
      });
    await lead('POST', '/test-call-scenarios', {
      title: '询问 300M 宽带资费',
      caller_script: '请问 300M 宽带每月多少钱？',
      expected_answer: '每月 199 元，合约期 12 个月。',
    });
    // 1: corrected after a dispute, confirmed and countersigned.
    const done = await submit('fail');
    const d1 = await csr<{ id: number; version: number }>('POST', `/evaluations/${done.id}/disputes`, {
      reason: '我核实过身份',
      item_ids: [ids.fatalItemId],
    });
    const f1 = await tl<{ version: number }>('POST', `/disputes/${d1.id}/decision`, {
      uphold: false,
      note: '请复核',
    });
    await lead('POST', `/disputes/${d1.id}/decision`, {
      uphold: false,
      note: '录音显示已核实',
      corrected_answers: answers('pass'),
      // The remarks and pinned comments of the overturned judgement are corrected too.
      corrected_negatives: null,
      corrected_marks: done.marks.map((m) =>
        m.text === '未核实身份' ? { ...m, text: '第 5 秒前已核实身份' } : m,
      ),
      inspector_error: true,
      version: f1.version,
    });
    const c1 = await csr<Detail>('GET', `/evaluations/${done.id}`);
    const a1 = await csr<Detail>('POST', `/evaluations/${done.id}/acknowledge`, {
      signature: '李客服',
      version: c1.version,
    });
    await tl('POST', `/evaluations/${done.id}/countersign`, { signature: '王班长', version: a1.version });
    // 2: waiting for the CSR. 3: forwarded to the QA lead's review.
    const waiting = await submit('pass');
    const review = await submit('fail');
    const d3 = await csr<{ id: number }>('POST', `/evaluations/${review.id}/disputes`, {
      reason: '第二项评分有误',
    });
    await tl('POST', `/disputes/${d3.id}/decision`, { uphold: false });
    // 4: a draft.
    await qa('POST', '/evaluations', {
      interaction_id: ids.interactionId,
      form_id: 1,
      method: 'recording_review',
      answers: [],
      submit: false,
    });

    const browser = await launchBrowser();
    for (const [locale, tag] of [
      ['zh-CN', 'zh'],
      ['en-US', 'en'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[${tag}] page error:`, e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') console.error(`[${tag}] console:`, m.text());
      });
      await signIn(page, base, 'qa.zhao', PASSWORD);
      await shot(page, `${tag}-01-home-qa`);
      await page.goto(`${base}/evaluate`);
      await shot(page, `${tag}-02-evaluate-picker`);
      await page.goto(`${base}/evaluate?interaction=${ids.interactionId}`);
      await page.getByTestId('transcript-turn').first().waitFor();
      await page.getByTestId(`item-${ids.itemIds[0]}-result`).locator('label').first().click();
      await page.getByTestId(`item-${ids.fatalItemId}-result`).locator('label').nth(1).click();
      await page.getByTestId('mark-text').fill('开头语规范');
      await page.getByTestId('mark-add').click();
      await shot(page, `${tag}-03-workspace`);
      await page.goto(`${base}/evaluate?blank=1`);
      await page.getByTestId('method-picker').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.waitForTimeout(500);
      await page.getByTestId('scenario-picker').click();
      await page.locator('.ant-select-item-option', { hasText: '300M' }).last().click();
      await shot(page, `${tag}-04-workspace-test-call`);
      await page.goto(`${base}/evaluations`);
      await shot(page, `${tag}-05-evaluations`);
      await page.goto(`${base}/test-call-scenarios`);
      await shot(page, `${tag}-06-test-calls`);
      await context.clearCookies();

      await signIn(page, base, 'csr.li', PASSWORD);
      await shot(page, `${tag}-07-home-csr`);
      await page.getByTestId('inbox-bell').click();
      await page.getByTestId('inbox').waitFor();
      await shot(page, `${tag}-08-inbox`);
      await page.goto(`${base}/my-evaluations`);
      await shot(page, `${tag}-09-my-evaluations`);
      await page.goto(`${base}/evaluations/${done.id}`);
      await shot(page, `${tag}-10-detail-corrected`);
      await page.goto(`${base}/evaluations/${waiting.id}`);
      await page.getByTestId('action-acknowledge').click();
      await shot(page, `${tag}-11-sign-dialog`);
      await page.keyboard.press('Escape');
      await page.getByTestId('action-dispute').click();
      await shot(page, `${tag}-12-dispute-dialog`);
      await context.clearCookies();

      await signIn(page, base, 'tl.wang', PASSWORD);
      await shot(page, `${tag}-13-home-team-leader`);
      await page.goto(`${base}/disputes?`);
      await page
        .getByTestId('disputes-filter')
        .getByText(/All|全部/)
        .click();
      await shot(page, `${tag}-14-disputes`);
      await context.clearCookies();

      await signIn(page, base, 'lead.qian', PASSWORD);
      await shot(page, `${tag}-15-home-qa-lead`);
      await page.goto(`${base}/evaluations/${review.id}`);
      await page.getByTestId('action-review').click();
      await page.getByTestId('review-panel').waitFor();
      await page.getByTestId('review-choice').locator('label').first().click();
      await page.getByTestId('review-mark-add').click();
      await page
        .getByTestId('review-mark-text')
        .last()
        .fill(tag === 'zh' ? '开头语规范' : 'Good greeting');
      // The fatal item flipped to pass: the inspector's comment on it is set aside, with "Keep comment".
      await page.getByTestId(`item-${ids.fatalItemId}-result`).locator('label').first().click();
      await page.getByTestId('review-comment-set-aside').waitFor();
      await shot(page, `${tag}-16-review`);
      await page.goto(`${base}/reports/inspector-accuracy`);
      await shot(page, `${tag}-17-accuracy`);
      await page.locator('[data-testid^="accuracy-disputed-"]').first().click();
      await page.getByTestId('disputes-filter-clear').waitFor();
      await shot(page, `${tag}-18-disputes-drilldown`);
      await context.close();
    }
    await browser.close();
  } finally {
    await server.stop();
  }
}

await main();
