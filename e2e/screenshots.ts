/**
 * Takes a screenshot of every page in zh-CN and en, for a person to look at (not a test).
 * Usage: BASE_URL=http://localhost:3000 ADMIN_PASSWORD=… npx tsx e2e/screenshots.ts [outDir]
 * Expects some data in the database (see the report) and the users below with password Passw0rd-1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, signIn } from './helpers.ts';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'admin-pass-1';
const OUT = process.argv[2] ?? '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  for (const [locale, tag] of [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ] as const) {
    const context = await browser.newContext({ locale, viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${tag}] page error:`, e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.error(`[${tag}] console:`, m.text());
    });
    await page.goto(`${BASE}/sign-in`);
    await shot(page, `${tag}-01-sign-in`);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('wrong-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').waitFor();
    await shot(page, `${tag}-02-sign-in-error`);

    await signIn(page, BASE, 'admin', ADMIN_PASSWORD);
    await shot(page, `${tag}-03-home-admin`);
    for (const [p, n] of [
      ['/admin/users', '04-users'],
      ['/admin/teams', '06-teams'],
      ['/admin/queues', '07-queues'],
      ['/admin/tokens', '08-tokens'],
      ['/admin/audit', '09-audit'],
      ['/account/password', '11-password'],
      ['/no/such/page', '12-not-found'],
    ] as const) {
      await page.goto(BASE + p);
      await shot(page, `${tag}-${n}`);
    }
    await page.goto(`${BASE}/admin/users`);
    await page.getByTestId('user-create').click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `${tag}-05-user-drawer`);
    await page.goto(`${BASE}/admin/users?import=1`);
    await shot(page, `${tag}-05b-user-import`);
    // Import: one good row and two bad ones.
    await page.locator('.ant-upload input[type=file]').setInputFiles({
      name: 'users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'username,display_name,password,roles,team,hire_date,queues\n' +
          `imp.${tag}.${Date.now() % 100000},导入用户,Passw0rd-1,agent,宽带一组,2026-01-05,broadband\n` +
          'zhang.wei,重复,Passw0rd-1,agent,,,\n' +
          'bad user,坏,short,nobody,,2026-13-01,\n',
      ),
    });
    await page.getByTestId('user-import-result').waitFor();
    await shot(page, `${tag}-05c-user-import-result`);
    // Duplicate username: the message lands on the field.
    await page.goto(`${BASE}/admin/users`);
    await page.getByTestId('user-create').click();
    await page.locator('#user-username').fill('zhang.wei');
    await page.locator('#user-display-name').fill('重复');
    await page.locator('#user-password').fill('Passw0rd-1');
    await page.getByTestId('user-form-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await shot(page, `${tag}-05d-user-duplicate`);
    // Export: a UTF-8 file with a byte-order mark.
    await page.goto(`${BASE}/admin/users`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const file = path.join(OUT, `${tag}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    console.log(
      `[${tag}] export ${download.suggestedFilename()}: BOM=${bytes.subarray(0, 3).toString('hex')}`,
    );
    console.log(bytes.toString('utf8').split('\r\n').slice(0, 3).join('\n'));
    // Token: the secret is shown once.
    await page.goto(`${BASE}/admin/tokens`);
    await page.getByRole('button', { name: /New token|新建令牌/ }).click();
    await page.getByRole('dialog').locator('input').first().fill(`BI ${tag}`);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Create|新 ?建/ })
      .click();
    await page.getByTestId('token-secret').waitFor();
    await shot(page, `${tag}-08b-token-secret`);
    await page.goto(`${BASE}/admin/audit`);
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verdict').waitFor();
    await shot(page, `${tag}-10-audit-expanded`);
    await page.goto(`${BASE}/admin/teams`);
    await page.getByTestId('team-create').click();
    await shot(page, `${tag}-06b-team-modal`);

    await context.clearCookies();
    await signIn(page, BASE, 'zhang.wei', 'Passw0rd-1');
    await shot(page, `${tag}-13-home-agent`);
    await page.goto(`${BASE}/admin/users`);
    await shot(page, `${tag}-14-agent-forbidden`);
    await context.clearCookies();
    await signIn(page, BASE, 'multi', 'Passw0rd-1');
    await shot(page, `${tag}-15-home-multi-role`);
    await context.clearCookies();
    await signIn(page, BASE, 'sun.li', 'Passw0rd-1');
    await shot(page, `${tag}-16-home-hr`);
    await context.close();
  }
  await browser.close();
}

await main();
