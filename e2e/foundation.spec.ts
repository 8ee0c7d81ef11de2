/**
 * Foundation walk in a real browser against a real server (fresh embedded database):
 * language detection, admin setup of a team with a leader and two agents through the UI,
 * and what an agent can and cannot reach.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  ADMIN_PASSWORD,
  ensureWebBuild,
  launchBrowser,
  pickOption,
  signIn,
  signOut,
  startServer,
  type TestServer,
} from './helpers.ts';

const AGENT_PASSWORD = 'agent-pass-1';

describe('foundation web walk', { timeout: 480_000 }, () => {
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

  it('shows the sign-in page in the browser language', async () => {
    for (const [locale, title, lang] of [
      ['zh-CN', '登录', 'zh-CN'],
      ['en-US', 'Sign in', 'en'],
    ] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/admin/users`);
      await page.waitForURL(/\/sign-in/);
      assert.equal((await page.getByTestId('sign-in-title').textContent())?.trim(), title);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      await context.close();
    }
  });

  it('lets the admin set up a team with a leader and two agents, then limits an agent', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // A wrong password gets a translated message, not a crash.
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    assert.match((await page.getByTestId('sign-in-error').textContent()) ?? '', /用户名或密码错误/);

    await signIn(page, server.baseUrl, 'admin', ADMIN_PASSWORD);
    const menu = page.getByTestId('side-menu');
    await menu.getByText('用户', { exact: true }).waitFor();

    // Switch to English; the choice survives a reload.
    await pickOption(page, '[data-testid="language-switch"]', 'English');
    await menu.getByText('Users', { exact: true }).waitFor();
    await page.reload();
    await menu.getByText('Users', { exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    // A team, through the Teams page.
    await menu.getByText('Teams', { exact: true }).click();
    await page.getByTestId('team-create').click();
    await page.locator('#team-name').fill('Broadband A');
    await page.locator('#team-form-submit').click();
    await page.getByTestId('teams-table').getByText('Broadband A').waitFor();

    // A team leader and two agents, through the Users page.
    await menu.getByText('Users', { exact: true }).click();
    await page.getByTestId('users-table').waitFor();
    const createUser = async (username: string, name: string, role: 'Team leader' | null) => {
      await page.getByTestId('user-create').click();
      const drawer = page.getByRole('dialog');
      await drawer.locator('#user-username').fill(username);
      await drawer.locator('#user-display-name').fill(name);
      await drawer.locator('#user-password').fill(AGENT_PASSWORD);
      if (role) {
        await pickOption(page, '#user-roles', role);
        // Deselect the default role (agent) in the still-open list.
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'CSR (agent)' })
          .click();
      }
      await drawer.getByText('Hire date').click(); // closes the open list
      if (!role) await pickOption(page, '#user-team', 'Broadband A');
      await page.getByTestId('user-form-submit').click();
      await drawer.waitFor({ state: 'hidden' });
      await page.getByTestId('users-table').getByText(username, { exact: true }).waitFor();
    };
    await createUser('leader.wang', '王芳', 'Team leader');
    await createUser('agent.zhang', '张伟', null);
    await createUser('agent.li', '李娜', null);
    const leaderRow = page.getByTestId('users-table').locator('tr', { hasText: 'leader.wang' });
    assert.match((await leaderRow.textContent()) ?? '', /Team leader/);
    assert.doesNotMatch((await leaderRow.textContent()) ?? '', /CSR/);

    // Set the leader on the team.
    await menu.getByText('Teams', { exact: true }).click();
    const teamRow = page.getByTestId('teams-table').locator('tr', { hasText: 'Broadband A' });
    await teamRow.getByRole('button', { name: 'Edit' }).click();
    await pickOption(page, '#team-leader', '王芳');
    await page.locator('#team-form-submit').click();
    await teamRow.getByText('王芳').waitFor();
    assert.match((await teamRow.textContent()) ?? '', /王芳.*2/);

    // The audit trail names what happened in words, filters by it through the address, and says it
    // again in Chinese.
    await page.goto(`${server.baseUrl}/admin/audit`);
    await pickOption(page, '[data-testid="audit-filter-action"]', 'User created');
    await page.getByTestId('audit-search').click();
    await page.waitForURL(/action=user\.create/);
    const actions = page.getByTestId('audit-action');
    // The three people above, and the first admin created at start-up.
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="audit-action"]').length === 4 &&
        Array.from(document.querySelectorAll('[data-testid="audit-action"]')).every(
          (el) => el.getAttribute('data-code') === 'user.create',
        ),
    );
    assert.deepEqual(await actions.allTextContents(), Array<string>(4).fill('User created'));
    await pickOption(page, '[data-testid="language-switch"]', '简体中文');
    await page.getByTestId('audit-action').first().getByText('新建用户').waitFor();
    await page.reload();
    await page.getByTestId('audit-action').first().getByText('新建用户').waitFor();
    assert.equal(await actions.count(), 4, 'the filter came back from the address');
    // Opened, an edit shows the fields it changed: the team's new leader.
    await page.goto(`${server.baseUrl}/admin/audit?action=team.update`);
    await page.getByTestId('audit-action').first().getByText('修改班组').waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    const changes = page.getByTestId('audit-changes');
    await changes.locator('tr', { hasText: 'leader_name' }).getByText('王芳').waitFor();
    assert.doesNotMatch((await changes.textContent()) ?? '', /"name"|created_at/, 'only what changed');
    await pickOption(page, '[data-testid="language-switch"]', 'English');
    await menu.getByText('Users', { exact: true }).waitFor();

    await signOut(page);

    // The agent: no admin menu, no user list, and the API refuses the admin calls.
    await signIn(page, server.baseUrl, 'agent.zhang', AGENT_PASSWORD);
    const entries = (await menu.locator('.ant-menu-item').allTextContents()).map((s) => s.trim());
    // A CSR's own work only: no people, system or audit pages.
    assert.ok(entries.includes('Home'));
    assert.ok(entries.includes('My evaluations'));
    for (const adminEntry of [
      'Users',
      'Teams',
      'Queues & skills',
      'API tokens',
      'Audit trail',
      'Imports',
      'Score categories',
    ]) {
      assert.ok(
        !entries.includes(adminEntry),
        `the agent's menu has no "${adminEntry}": ${entries.join(', ')}`,
      );
    }
    await page.getByTestId('home-section-agent').waitFor();

    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByTestId('forbidden').waitFor();
    assert.equal(await page.getByTestId('users-table').count(), 0);
    for (const path of ['/admin/teams', '/admin/queues', '/admin/tokens', '/admin/audit']) {
      await page.goto(server.baseUrl + path);
      await page.getByTestId('forbidden').waitFor();
    }

    // Calls made from the page, with the agent's session cookie (anonymous functions only:
    // tsx would wrap named ones in a helper the browser does not have).
    const callFromPage = (method: string, path: string, body?: unknown) =>
      page.evaluate(
        async ([m, p, b]) => {
          const res = await fetch(`/api/v1${p}`, {
            method: m,
            credentials: 'same-origin',
            headers: b ? { 'Content-Type': 'application/json' } : {},
            body: b ? JSON.stringify(b) : undefined,
          });
          return { status: res.status, body: (await res.json()) as { total?: number } };
        },
        [method, path, body] as const,
      );
    const refused = {
      tokens: (await callFromPage('GET', '/tokens')).status,
      audit: (await callFromPage('GET', '/audit')).status,
      createUser: (
        await callFromPage('POST', '/users', {
          username: 'sneaky',
          display_name: 'x',
          password: 'sneaky-pass-1',
          roles: ['admin'],
        })
      ).status,
      createTeam: (await callFromPage('POST', '/teams', { name: 'Sneaky team' })).status,
      createQueue: (await callFromPage('POST', '/queues', { code: 'sneaky', name: 'Sneaky' })).status,
    };
    assert.deepEqual(refused, {
      tokens: 403,
      audit: 403,
      createUser: 403,
      createTeam: 403,
      createQueue: 403,
    });
    const ownUsers = await callFromPage('GET', '/users');
    assert.equal(ownUsers.body.total, 1, 'an agent sees only their own user record');

    // Unknown client routes get the 404 page.
    await page.goto(`${server.baseUrl}/no/such/page`);
    await page.getByText('Page not found').waitFor();

    assert.deepEqual(errors, []);
    await context.close();
  });

  it('renders the interactive API docs from local assets', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const remote: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(server.baseUrl)) remote.push(req.url());
    });
    await page.goto(`${server.baseUrl}/api/docs`);
    await page.getByText('Zhijian API').first().waitFor({ timeout: 60_000 });
    await page.getByText('/api/v1/evaluations').first().waitFor();
    assert.deepEqual(remote, [], 'the docs load nothing from outside');
    await context.close();
  });
});
