/**
 * The inspector's drafts in a real browser: opening a contact again continues its draft (no second
 * one), the method changes while a draft, a finished draft shows its score on the home page, the
 * contact picker marks the draft, and discarding asks first and deletes it. Then in English: the
 * method's name is not cut off, and a contact without a recording has no method until chosen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  ADMIN_PASSWORD,
  ensureWebBuild,
  launchBrowser,
  qualityShot,
  signIn,
  startServer,
  type TestServer,
} from './helpers.ts';
import { PASSWORD, apiAs, seed, type Ids } from './evaluations-seed.ts';

describe('evaluation drafts web walk', { timeout: 600_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let ids: Ids;
  let chatId: number;

  before(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    ids = await seed(server.baseUrl);
    const admin = await apiAs(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const csv =
      'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript\n' +
      `E2E-CHAT-1,csr.li,${new Date(Date.now() - 7200_000).toISOString()},240,chat,inbound,broadband,,,\n`;
    await admin('POST', '/interactions/import', csv, 'text/csv');
    const list = await admin<{ items: { id: number }[] }>('GET', '/interactions?external_id=E2E-CHAT-1');
    chatId = list.items[0]!.id;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('continues, changes, scores and discards a draft in zh-CN', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const base = server.baseUrl;
    await signIn(page, base, 'qa.zhao', PASSWORD);
    await page.goto(`${base}/evaluate?interaction=${ids.interactionId}`);
    const items = ids.itemIds.map((id) => page.getByTestId(`item-${id}-result`));
    await items[0]!.getByText('合格', { exact: true }).click();
    await page.getByTestId('save-state').filter({ hasText: '已于' }).waitFor();
    const draftId = Number(/draft=(\d+)/.exec(page.url())?.[1]);
    assert.ok(draftId > 0);
    // Opened again: the same draft, said so, not a second one.
    await page.goto(`${base}/evaluate?interaction=${ids.interactionId}`);
    await page
      .getByTestId('draft-resumed')
      .filter({ hasText: `#${draftId}` })
      .waitFor();
    await page.waitForURL(new RegExp(`draft=${draftId}`));
    await qualityShot(page, 'draft-resumed-zh');
    // The method changes while a draft; the scorecard is fixed.
    await page.getByTestId('method-picker').click();
    await page.locator('.ant-select-dropdown:visible').getByText('旁听', { exact: true }).click();
    for (const item of items) await item.getByText('合格', { exact: true }).click();
    await page.getByTestId('save-state').filter({ hasText: '已于' }).waitFor();
    const qa = await apiAs(base, 'qa.zhao', PASSWORD);
    await page.waitForTimeout(3500);
    const saved = await qa<{ method: string; score: number }>('GET', `/evaluations/${draftId}`);
    assert.equal(saved.method, 'side_by_side');
    const mine = await qa<{ total: number }>('GET', `/evaluations?interaction_id=${ids.interactionId}`);
    assert.equal(mine.total, 1);
    // The home page shows the finished draft's score, marked provisional.
    await page.goto(`${base}/`);
    const row = page.getByTestId('home-drafts');
    await row.getByTestId('score-provisional').waitFor();
    assert.match((await row.textContent()) ?? '', /100\.0/);
    assert.doesNotMatch((await row.textContent()) ?? '', /尚未评分/);
    await qualityShot(page, 'home-draft-score-zh');
    // The picker marks the contact and continues the draft.
    await page.goto(`${base}/evaluate`);
    await page.getByTestId(`my-draft-${ids.interactionId}`).waitFor();
    await qualityShot(page, 'picker-my-draft-zh');
    await page.getByTestId(`evaluate-${ids.interactionId}`).click();
    await page.waitForURL(new RegExp(`draft=${draftId}`));
    // Discarding asks first, then deletes it.
    await page.getByTestId('evaluation-discard').click();
    await page.locator('#evaluation-discard-confirm').waitFor();
    await qualityShot(page, 'discard-confirm-zh');
    await page.locator('#evaluation-discard-confirm').click();
    await page.waitForURL(/\/evaluate$/);
    const gone = await fetch(`${base}/api/v1/evaluations/${draftId}`);
    assert.notEqual(gone.status, 200);
    const after = await qa<{ total: number }>('GET', `/evaluations?interaction_id=${ids.interactionId}`);
    assert.equal(after.total, 0);
    await context.close();
  });

  it('shows the whole method name in English and asks for one on a contact without a recording', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const base = server.baseUrl;
    // The QA lead evaluates too (the inspector's language choice stays from the walk above).
    await signIn(page, base, 'lead.qian', PASSWORD);
    await page.goto(`${base}/evaluate?interaction=${ids.interactionId}`);
    const method = page.getByTestId('method-picker');
    await method.getByText('Recording review', { exact: true }).waitFor();
    const cut = await method.evaluate((el) =>
      Array.from(el.querySelectorAll<HTMLElement>('*')).some((n) => n.scrollWidth > n.clientWidth + 1),
    );
    assert.equal(cut, false, 'the method name is cut off');
    await qualityShot(page, 'method-full-en', false);
    // A chat without a recording: no method until chosen, and no save before.
    await page.goto(`${base}/evaluate?interaction=${chatId}`);
    await page.getByTestId('method-picker').getByText('Choose the method').waitFor();
    await page.getByTestId(`item-${ids.itemIds[0]}-result`).getByText('Pass', { exact: true }).click();
    await page.getByTestId('method-required').waitFor();
    await page.waitForTimeout(3500);
    assert.doesNotMatch(page.url(), /draft=/);
    await qualityShot(page, 'method-required-en');
    await page.getByTestId('method-picker').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Side-by-side', { exact: true }).click();
    await page.getByTestId('save-state').filter({ hasText: 'Saved at' }).waitFor();
    assert.match(page.url(), /draft=\d+/);
    await page.getByTestId('evaluation-discard').getByText('Discard draft').waitFor();
    await qualityShot(page, 'draft-discard-button-en', false);
    await context.close();
  });
});
