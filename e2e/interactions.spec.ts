/**
 * Interactions and scorecards walk in a real browser against a real server (fresh embedded
 * database): a CSV import with good and bad rows (progress, counts, rejected rows with reasons),
 * the same file again (nothing duplicated), an interaction with a recording and a transcript that
 * seeks the player, the list's CSV export and exact external-id filter, and a scorecard with a fatal item built in zh-CN, then the builder in English.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';

/** Text as GBK bytes, as Excel in a Chinese locale saves "CSV" (Node decodes GBK but has no encoder). */
function toGbk(text: string): Buffer<ArrayBuffer> {
  const decoder = new TextDecoder('gbk');
  const bytesOf = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = b === 0x7f ? '' : decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !bytesOf.has(ch)) bytesOf.set(ch, [a, b]);
    }
  }
  return Buffer.from(
    [...text].flatMap((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return [code];
      const bytes = bytesOf.get(ch);
      if (!bytes) throw new Error(`${ch} has no GBK code`);
      return bytes;
    }),
  );
}
import {
  ADMIN_PASSWORD,
  ensureWebBuild,
  launchBrowser,
  pickOption,
  signIn,
  startServer,
  type TestServer,
  qualityShot,
} from './helpers.ts';

/** A mono 16-bit PCM WAV of `seconds` of a quiet tone. */
export function makeWav(seconds: number, rate = 8000): Buffer {
  const samples = seconds * rate;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000 * (0.5 + 0.5 * Math.sin(i / 2000)));
    buf.writeInt16LE(v, 44 + i * 2);
  }
  return buf;
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
const TRANSCRIPT = JSON.stringify([
  { speaker: 'agent', start_s: 0, end_s: 2, text: '您好，很高兴为您服务。' },
  { speaker: 'customer', start_s: 2.5, end_s: 5, text: '我家宽带上不了网。' },
  { speaker: 'agent', start_s: 6, end_s: 9, text: '非常抱歉，我马上为您查询。' },
]);
/** Turn 3 starts before 0 s: rejected, and the reason says so in words. */
const BAD_TRANSCRIPT = JSON.stringify([
  { speaker: 'agent', start_s: 0, end_s: 2, text: '您好。' },
  { speaker: 'customer', start_s: 2, end_s: 3, text: '你好。' },
  { speaker: 'agent', start_s: -1, end_s: 4, text: '请讲。' },
]);
const IMPORT_CSV =
  'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript\n' +
  `E2E-1,zhang.wei,2026-11-20T09:30:00+08:00,12,call,inbound,broadband,13812345678,,${csvCell(TRANSCRIPT)}\n` +
  'E2E-2,zhang.wei,2026-11-20 10:00:00,95,call,outbound,broadband,13900001111,,\n' +
  'E2E-3,zhang.wei,2026-11-21T08:00:00+08:00,300,chat,inbound,,,,\n' +
  'E2E-4,nobody.here,2026-11-21T08:00:00+08:00,30,call,inbound,,,,\n' +
  'E2E-5,zhang.wei,not a time,30,call,inbound,,,,\n' +
  `E2E-6,zhang.wei,2026-11-21T09:00:00+08:00,30,call,inbound,,,,${csvCell(BAD_TRANSCRIPT)}\n` +
  `E2E-7,zhang.wei,2026-11-21T09:30:00+08:00,30,call,inbound,,${'1'.repeat(101)},,\n`;

/** Calls the API from the page, with its session cookie. */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(`/api/v1${p}`, {
        method: m,
        headers: b === undefined ? {} : { 'Content-Type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      if (!res.ok) throw new Error(`${m} ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    [method, path, body] as const,
  );
}

describe('interactions and scorecards web walk', { timeout: 600_000 }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports calls, plays one with its transcript, and builds a scorecard in zh-CN and en', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.error('[browser]', m.text());
    });

    await signIn(page, server.baseUrl, 'admin', ADMIN_PASSWORD);
    await apiCall(page, 'POST', '/queues', { code: 'broadband', name: '宽带' });
    await apiCall(page, 'POST', '/users', {
      username: 'zhang.wei',
      display_name: '张伟',
      password: 'agent-pass-1',
      roles: ['agent'],
    });

    // The menu has the quality group.
    const menu = page.getByTestId('side-menu');
    await menu.getByText('导入', { exact: true }).click();
    await page.waitForURL(/\/imports/);

    // Upload: progress, then the counts and the rejected rows with translated reasons.
    const upload = async (name = 'calls.csv', buffer = Buffer.from(IMPORT_CSV)) => {
      await page.locator('.ant-upload input[type=file]').setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer,
      });
      await page
        .locator(
          '[data-testid="import-sending"], [data-testid="import-progress"], [data-testid="import-result"]',
        )
        .first()
        .waitFor();
      await page.getByTestId('import-result').waitFor();
    };
    await upload();
    const count = async (k: string) =>
      (
        await page.getByTestId(`import-count-${k}`).locator('.ant-statistic-content-value').textContent()
      )?.trim();
    assert.equal(await count('imported'), '3');
    assert.equal(await count('rejected'), '4');
    await page.getByTestId('rejections-table').locator('tr.ant-table-row').first().waitFor();
    await qualityShot(page, 'zh-01-import-result');
    const rejections = page.getByTestId('rejections-table');
    await rejections.locator('tbody tr', { hasText: '坐席不存在' }).waitFor();
    const text = (await rejections.textContent()) ?? '';
    assert.match(text, /5[^0-9]*坐席不存在/);
    assert.match(text, /6[^0-9]*开始时间无法识别/);
    assert.match(text, /7[^0-9]*转写第 3 轮：开始时间（start_s）必须是 ≥ 0 的秒数。/);
    // The server's own text shows only where it names more than the explanation, and labelled.
    assert.doesNotMatch(text, /transcript turn 3: start time must be/, 'translated into the exact problem');
    assert.match(text, /坐席不存在（没有该用户名的在职用户）。详情（原文）：unknown agent "nobody\.here"/);
    // A cell too long names its column and the limit in Chinese too.
    assert.match(text, /8[^0-9]*客户（customer_ref）超过 100 个字符。/);
    assert.equal(
      await page.getByTestId('rejections-download').getAttribute('href'),
      `/api/v1/imports/${new URL(page.url()).searchParams.get('id')}/rejections.csv?lang=zh`,
    );

    // The same file again: nothing new, nothing duplicated.
    const firstId = new URL(page.url()).searchParams.get('id');
    await upload();
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('id') !== id, firstId);
    await page.getByTestId('import-result').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="import-count-unchanged"] .ant-statistic-content-value')
          ?.textContent === '3',
    );
    assert.equal(await count('imported'), '0');
    const list = await apiCall<{ total: number; items: { id: number; external_id: string }[] }>(
      page,
      'GET',
      '/interactions?limit=100',
    );
    assert.equal(list.total, 3);
    await qualityShot(page, 'zh-02-import-again');

    // A binary file named .csv fails as a whole: said in Chinese, with how to save the file.
    const againId = new URL(page.url()).searchParams.get('id');
    await upload('broken.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x0a, 0x01, 0x02]));
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('id') !== id, againId);
    await page.locator('[data-testid="import-result"][data-status="failed"]').waitFor();
    assert.equal(
      await page.getByTestId('import-failure').locator('.ant-alert-title').textContent(),
      '导入失败：该文件不是 UTF-8 编码，也无法按 GB18030（GBK）读取（第 1 行起）。请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新上传。',
    );
    await qualityShot(page, 'zh-02b-import-failed');

    // The same calls saved by Excel in Chinese (GBK): read as GB18030, said so, nothing garbled or duplicated.
    const failedId = new URL(page.url()).searchParams.get('id');
    await upload('calls-gbk.csv', toGbk(IMPORT_CSV));
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('id') !== id, failedId);
    await page.locator('[data-testid="import-result"][data-status="done"]').waitFor();
    assert.equal(await count('unchanged'), '3');
    assert.equal(await count('imported'), '0');
    assert.match(
      (await page.getByTestId('import-encoding').textContent()) ?? '',
      /已按 GB18030（GBK）编码读取/,
    );
    await qualityShot(page, 'zh-02c-import-gbk');

    // The list shows them; a row opens the detail.
    await menu.getByText('通话记录', { exact: true }).click();
    await page.getByTestId('interactions-table').locator('tbody tr', { hasText: 'E2E-1' }).waitFor();
    assert.match((await page.getByTestId('interactions-count').textContent()) ?? '', /3/);
    await qualityShot(page, 'zh-03-interactions');

    // The CSV says what the page says: the queue's name, and a duration headed in seconds.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csv = fs
      .readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(csv[0], '开始时间,本地日期,外部编号,坐席,时长（秒）,渠道,方向,队列,客户,录音,转写');
    assert.ok(
      csv.some((line) =>
        /^2026-11-20 09:30,2026-11-20,E2E-1,张伟 \(zhang\.wei\),12,电话,呼入,宽带,/.test(line),
      ),
      csv.join('\n'),
    );

    // The external-id box says it wants the whole id: a part finds nothing, the whole id one contact.
    const idBox = page.getByPlaceholder('完整外部编号');
    await idBox.hover();
    await page.getByRole('tooltip').getByText('只输入编号的一部分查不到').waitFor();
    await qualityShot(page, 'zh-03b-external-id-help');
    const countAfter = async (text: string, expected: RegExp) => {
      await idBox.fill(text);
      await idBox.press('Enter');
      await page.waitForFunction(
        (re) =>
          new RegExp(re).test(
            document.querySelector('[data-testid="interactions-count"]')?.textContent ?? '',
          ),
        expected.source,
      );
    };
    await countAfter('E2E-', /共 0 条/);
    await countAfter('E2E-1', /共 1 条/);
    await page.getByTestId('interactions-table').locator('tbody tr', { hasText: 'E2E-1' }).waitFor();
    await idBox.fill('');
    await idBox.press('Enter');

    // A recording for E2E-1, uploaded through the API.
    const target = list.items.find((i) => i.external_id === 'E2E-1');
    assert.ok(target);
    const wav = makeWav(12);
    await page.evaluate(
      async ([id, bytes]) => {
        const res = await fetch(`/api/v1/interactions/${id}/recording?filename=e2e.wav`, {
          method: 'POST',
          headers: { 'Content-Type': 'audio/wav' },
          body: new Uint8Array(bytes),
        });
        if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
      },
      [target.id, [...wav]] as const,
    );
    await page.getByTestId('interactions-table').locator('tbody tr', { hasText: 'E2E-1' }).click();
    await page.waitForURL(new RegExp(`/interactions/${target.id}$`));
    await page.getByTestId('recording-player').waitFor();
    await qualityShot(page, 'zh-04a-player-loading');
    await page.locator('[data-testid="recording-player"][data-ready="true"]').waitFor();
    await page.getByTestId('transcript').getByText('非常抱歉，我马上为您查询。').waitFor();

    // Clicking a turn's row (beside its bubble) seeks the player and highlights the turn.
    await page.locator('[data-turn="2"]').click({ position: { x: 8, y: 8 } });
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="player-time"]')?.getAttribute('data-seconds')) >= 5.9,
    );
    await page.locator('[data-turn="2"][data-active="true"]').waitFor();
    await qualityShot(page, 'zh-04-interaction-detail');
    // From the keyboard: the turn's bubble is a button.
    await page.locator('[data-turn="1"] button').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const s = Number(document.querySelector('[data-testid="player-time"]')?.getAttribute('data-seconds'));
      return s >= 2.4 && s < 5;
    });
    // The player shows the audio's own length once read.
    await page.getByTestId('player-time').filter({ hasText: '/ 0:12' }).waitFor();

    // Replacing says beforehand what it does and when it stops being possible.
    await page.getByTestId('recording-upload').hover();
    await page.getByRole('tooltip').getByText('替换当前文件（记入审计日志）', { exact: false }).waitFor();
    // A PDF named and typed as MP3 is refused by its contents; the page says why, the recording stays.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'report.mp3',
      mimeType: 'audio/mpeg',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'),
    });
    await page
      .locator('.ant-message')
      .getByText('该文件的内容不是 WAV, MP3, OGG, M4A 音频（无论文件名或类型如何），未保存任何内容。')
      .waitFor();
    await qualityShot(page, 'zh-04c-recording-not-audio');
    assert.equal(await page.getByTestId('recording-player').getAttribute('data-ready'), 'true');

    // A record that does not exist (or is not the caller's): said so, with a way back to a list.
    await page.goto(`${server.baseUrl}/interactions/999999`);
    await page.getByTestId('record-not-found').getByText('找不到该记录，或您无权查看').waitFor();
    await qualityShot(page, 'zh-04b-interaction-not-found');
    await page.getByTestId('record-not-found').getByRole('button', { name: '返回通话记录' }).click();
    await page.waitForURL(/\/interactions$/);
    await page.goto(`${server.baseUrl}/evaluations/999999`);
    await page.getByTestId('record-not-found').getByRole('button', { name: '返回质检记录' }).waitFor();
    // A CSR's way back is their own evaluations.
    const csr = await browser.newContext({ locale: 'zh-CN' });
    const csrPage = await csr.newPage();
    await signIn(csrPage, server.baseUrl, 'zhang.wei', 'agent-pass-1');
    await csrPage.goto(`${server.baseUrl}/evaluations/999999`);
    await csrPage.getByTestId('record-not-found').getByRole('button', { name: '返回我的质检' }).click();
    await csrPage.waitForURL(/\/my-evaluations$/);
    await csr.close();
    await page.goto(`${server.baseUrl}/interactions/${target.id}`);
    await page.getByTestId('transcript').waitFor();

    // A scorecard with a fatal item, in zh-CN.
    await menu.getByText('评分表', { exact: true }).click();
    await page.getByTestId('scorecard-create').click();
    await page.getByTestId('builder-title').waitFor();
    assert.equal((await page.getByTestId('builder-title').textContent())?.trim(), '新建评分表');
    await page.locator('#scorecard-name').fill('宽带热线评分表');
    await page.locator('[data-testid="section-0"] input[aria-label="分区标题"]').fill('服务规范');
    await page.locator('[data-testid="item-0-0"] textarea').first().fill('开场白使用规范用语');
    await page.getByTestId('section-0-add-item').click();
    await page.locator('[data-testid="item-0-1"] textarea').first().fill('泄露客户信息');
    await page.getByTestId('item-0-1-fatal').click();
    // The preview: failing the fatal item gives 0 and a fatal error.
    await page.getByTestId('preview-answer-2').getByText('不合格').click();
    await page.getByTestId('preview-fatal').waitFor();
    assert.equal(
      (await page.getByTestId('preview-score').locator('.ant-statistic-content-value').textContent())?.trim(),
      '0.0',
    );
    await qualityShot(page, 'zh-05-builder');
    // Points of 0 and a pass mark of 150 are refused with a message under each field, not clamped
    // to 0.01 and 100 on leaving the field, and nothing is saved.
    const points = page.locator(
      'input[data-testid="item-0-0-points"], [data-testid="item-0-0-points"] input',
    );
    await points.fill('0');
    await page.locator('#scorecard-pass-mark').fill('150');
    await page.locator('#scorecard-name').click();
    await page.getByTestId('scorecard-save').click();
    await page.getByText('分值必须大于 0。').waitFor();
    await page.getByText('合格线必须在 0 到 100 之间。').waitFor();
    assert.equal(await points.inputValue(), '0');
    assert.equal(await page.locator('#scorecard-pass-mark').inputValue(), '150');
    await qualityShot(page, 'zh-05a-builder-invalid-numbers');
    assert.match(page.url(), /\/scorecards\/new$/);
    await points.fill('10');
    await page.locator('#scorecard-pass-mark').fill('80');
    await page.getByTestId('scorecard-save').click();
    await page.getByTestId('scorecard-title').waitFor();
    assert.equal((await page.getByTestId('scorecard-title').textContent())?.trim(), '宽带热线评分表');
    assert.match((await page.getByTestId('form-content').textContent()) ?? '', /泄露客户信息.*致命/);
    await qualityShot(page, 'zh-06-scorecard-view');
    await page.getByRole('tab', { name: '试评' }).click();
    await qualityShot(page, 'zh-07-scorecard-preview');
    await page.getByRole('tab', { name: '版本' }).click();
    await qualityShot(page, 'zh-08-scorecard-versions');
    // The scorecard's own page archives and restores it (each confirmed) and offers a copy.
    await page.getByTestId('scorecard-archive').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '归档“宽带热线评分表”？' }).waitFor();
    await qualityShot(page, 'zh-08a-scorecard-archive-confirm');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^归\s*档$/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('scorecard-status').filter({ hasText: '已归档' }).waitFor();
    await page.getByTestId('scorecard-restore').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^恢\s*复$/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('scorecard-status').filter({ hasText: '启用' }).waitFor();
    await page.getByTestId('scorecard-duplicate').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '复制“宽带热线评分表”？' }).waitFor();
    await qualityShot(page, 'zh-08b-scorecard-duplicate-confirm');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^取\s*消$/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('scorecard-archive').waitFor();
    await page.getByText('返回评分表').click();
    await page.getByTestId('scorecards-table').getByText('宽带热线评分表').waitFor();
    await qualityShot(page, 'zh-09-scorecards');
    await menu.getByText('评分类别', { exact: true }).click();
    await page.getByTestId('categories-table').locator('tr.ant-table-row').first().waitFor();
    await qualityShot(page, 'zh-10-categories');
    await menu.getByText('评分表', { exact: true }).click();

    // English: the builder speaks English.
    await pickOption(page, '[data-testid="language-switch"]', 'English');
    await page.getByTestId('scorecard-create').click();
    await page.getByTestId('builder-title').waitFor();
    assert.equal((await page.getByTestId('builder-title').textContent())?.trim(), 'New scorecard');
    await page.getByText('Add an item').first().waitFor();
    await page.getByText('Fatal', { exact: true }).first().waitFor();
    await qualityShot(page, 'en-05-builder');
    // The first import's rejected rows in English: the bad transcript in words.
    await page.goto(`${server.baseUrl}/imports?id=${firstId}`);
    const enRow = page
      .getByTestId('rejections-table')
      .locator('tbody tr', { hasText: 'Transcript turn 3: start time must be a number of seconds ≥ 0.' });
    await enRow.waitFor();
    assert.match((await enRow.textContent()) ?? '', /^7Transcript turn 3: start time must be/);
    await page
      .getByTestId('rejections-table')
      .locator('tbody tr', { hasText: 'customer_ref is longer than 100 characters.' })
      .waitFor();
    await page
      .getByTestId('rejections-table')
      .getByTestId('rejection-detail')
      .getByText('Details: unknown agent "nobody.here" (no user with that username)')
      .waitFor();
    await qualityShot(page, 'en-01b-import-result');
    // The scorecard's page in English: Duplicate, confirmed, opens the copy in the builder.
    await page.goto(`${server.baseUrl}/scorecards`);
    await page.getByTestId('scorecards-table').getByText('宽带热线评分表').click();
    await page.getByTestId('scorecard-archive').getByText('Archive').waitFor();
    await qualityShot(page, 'en-06-scorecard-view');
    await page.getByTestId('scorecard-duplicate').click();
    await page.locator('.ant-modal-confirm-title', { hasText: 'Make a copy of 宽带热线评分表?' }).waitFor();
    await qualityShot(page, 'en-06b-scorecard-duplicate-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Duplicate' }).click();
    await page.getByTestId('builder-title').waitFor();
    assert.equal(await page.locator('#scorecard-name').inputValue(), '宽带热线评分表 (copy)');
    // The copy is not in use (not offered beside the original) until the lead activates it.
    await page
      .getByTestId('inactive-banner')
      .getByText('This scorecard is not in use: inspectors cannot choose it.')
      .waitFor();
    await qualityShot(page, 'en-06c-scorecard-copy-builder');
    await page.getByTestId('scorecard-save-activate').click();
    await page.getByTestId('scorecard-status').filter({ hasText: 'Active' }).waitFor();
    assert.equal((await page.getByTestId('scorecard-title').textContent())?.trim(), '宽带热线评分表 (copy)');
    for (const [path, name] of [
      ['/imports', 'en-01-imports'],
      ['/interactions', 'en-03-interactions'],
      [`/interactions/${target.id}`, 'en-04-interaction-detail'],
      ['/scorecards', 'en-09-scorecards'],
      ['/scorecards/categories', 'en-10-categories'],
    ] as const) {
      if (!process.env.QUALITY_SHOTS) break;
      await page.goto(server.baseUrl + path);
      await page.waitForLoadState('networkidle');
      await qualityShot(page, name);
    }

    assert.deepEqual(errors, []);
    await context.close();
  });
});
