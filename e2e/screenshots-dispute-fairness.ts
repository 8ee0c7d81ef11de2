/**
 * Screenshots of the dispute-fairness fixes in zh-CN and en, for a person to look at (not a test):
 * the QA lead's review with nothing chosen and nothing corrected, the review refused to the QA lead
 * who scored the evaluation, a signature after the deadline, and the inspector's inbox.
 * Usage: a server already running on a fresh database at BASE (seeded here), and a way to move a
 * deadline into the past: npx tsx e2e/screenshots-dispute-fairness.ts BASE OUTDIR 'psql …'
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PASSWORD, apiAs, seed } from './evaluations-seed.ts';
import { launchBrowser, signIn, signOut } from './helpers.ts';

const [base = '', out = '/tmp/shots-dispute-fairness', psql = ''] = process.argv.slice(2);

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
}

async function main(): Promise<void> {
  fs.mkdirSync(out, { recursive: true });
  const ids = await seed(base);
  const qa = await apiAs(base, 'qa.zhao', PASSWORD);
  const csr = await apiAs(base, 'csr.li', PASSWORD);
  const tl = await apiAs(base, 'tl.wang', PASSWORD);
  const lead = await apiAs(base, 'lead.qian', PASSWORD);
  const body = {
    interaction_id: ids.interactionId,
    form_id: 1,
    method: 'recording_review',
    answers: ids.itemIds.map((item_id) => ({
      item_id,
      result: item_id === ids.fatalItemId ? 'fail' : 'pass',
    })),
    submit: true,
  };
  const forwarded = async (by: typeof qa) => {
    const e = await by<{ id: number }>('POST', '/evaluations', body);
    const d = await csr<{ id: number }>('POST', `/evaluations/${e.id}/disputes`, { reason: '我核实过身份' });
    await tl('POST', `/disputes/${d.id}/decision`, { uphold: false, note: '请复核' });
    return e.id;
  };
  const byQa = await forwarded(qa);
  const byLead = await forwarded(lead);
  const late = await qa<{ id: number }>('POST', '/evaluations', body);
  execSync(`${psql} -c "update evaluations set ack_due_at = now() - interval '1 day' where id = ${late.id}"`);
  await csr('POST', `/evaluations/${late.id}/acknowledge`, { signature: '李客服' });

  const browser = await launchBrowser();
  try {
    for (const [locale, tag] of [
      ['zh-CN', 'zh'],
      ['en-US', 'en'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await signIn(page, base, 'lead.qian', PASSWORD);
      await page.goto(`${base}/evaluations/${byQa}`);
      await page.getByTestId('action-review').click();
      await page.getByTestId('review-panel').waitFor();
      await shot(page, `${tag}-1-review-nothing-chosen`, false);
      await page.getByTestId('review-choice').locator('label').first().click();
      await shot(page, `${tag}-2-review-unchanged`, false);
      await page.getByTestId(`item-${ids.fatalItemId}-result`).locator('label').first().click();
      await shot(page, `${tag}-3-review-choose-inspector-error`, false);
      await page.goto(`${base}/evaluations/${byLead}`);
      await page.getByTestId('review-own-evaluation').waitFor();
      await shot(page, `${tag}-4-review-own-evaluation`, false);
      await page.goto(`${base}/evaluations`);
      await page.getByTestId('evaluation-signed-late').first().waitFor();
      await shot(page, `${tag}-5-list-signed-late`, false);
      await signOut(page);
      await signIn(page, base, 'csr.li', PASSWORD);
      await page.goto(`${base}/evaluations/${late.id}`);
      await page.getByTestId('evaluation-signed-late').waitFor();
      await shot(page, `${tag}-6-detail-signed-late`, false);
      await signOut(page);
      await signIn(page, base, 'qa.zhao', PASSWORD);
      await page.getByTestId('inbox-bell').click();
      await page.getByTestId('inbox').waitFor();
      await shot(page, `${tag}-7-inspector-inbox`, false);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
