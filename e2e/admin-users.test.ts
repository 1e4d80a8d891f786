// The accounts page in a real browser on a phone, in the dark theme: the admin index from the
// account menu, each account a card no wider than the screen, a role changed from its card (back
// to the same search with the notice), and axe-core finding nothing before and after. The
// ingestion page fits a desktop and a phone, each run's first problem shown in full. The audit log
// is a table on a desktop and one block per entry on a phone, never wider than the screen.
import { describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { recordAudit } from '../src/db/audit.ts';
import { finishRun, saveCheckpoint, startRun } from '../src/db/ingest.ts';
import { axeViolations } from './axe.ts';
import { browserSuite, signInPage } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const PASSWORD = 'analytical engine one';

describe.skipIf(!HAS_CHROMIUM)('managing accounts in the browser', () => {
  const suite = browserSuite();

  it('changes a role from the accounts page on a phone', async () => {
    const db = suite.server.database.db;
    const joined = new Date('2026-08-01T00:00:00Z');
    await createUserDirect(db, { email: 'ada@example.org', password: PASSWORD, name: 'Ada Lovelace', role: 'admin' }, joined);
    const grace = await createUserDirect(db, { email: 'grace@example.org', password: PASSWORD, name: 'Grace Hopper', role: 'user' }, joined);
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInPage(page, suite.server.url, 'ada@example.org', PASSWORD);

    await page.locator('.phone-menu summary').click();
    await page.locator('.phone-menu nav').getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL(`${suite.server.url}/admin`);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${suite.server.url}/admin/users`);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Handle, name or address').fill('grace');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(`${suite.server.url}/admin/users?q=grace&role=&status=`);
    const card = page.locator(`#user-${grace.handle}`);
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await card.getByLabel(`Role of @${grace.handle}`).selectOption('moderator');
    await card.getByRole('button', { name: 'Change role' }).click();
    await page.waitForURL(`${suite.server.url}/admin/users?q=grace`);
    await expect(page.locator('.notice.flash').textContent()).resolves.toContain('The role was changed');
    await expect(card.locator('td[data-label="Role"]').textContent()).resolves.toBe('Moderator');
    const row = await db.selectFrom('users').select('role').where('id', '=', grace.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('moderator');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/admin-users-phone.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the ingestion runs within the page on a desktop and a phone, problems in full', async () => {
    const db = suite.server.database.db;
    const now = new Date('2026-12-01T03:00:00Z');
    await createUserDirect(db, { email: 'ingest-admin@example.org', password: PASSWORD, name: 'Ingest Admin', role: 'admin' }, now);
    await saveCheckpoint(db, 'arxiv-oai:cs:cs.AI,cs.CL,cs.CV,cs.LG', { window: { from: '2016-10-20', token: '1403493|1001' }, highWater: '2016-10-21' }, now);
    const problem = '2026-11-20: GET http://127.0.0.1:8799/api/daily_papers?date=2026-11-20&limit=100: cannot connect to 127.0.0.1:8799 (ECONNREFUSED); gave up after 3 attempts: check the base URL of this source and the network';
    const failed = await startRun(db, 'arxiv-oai:cs:cs.AI,cs.CL,cs.CV,cs.LG', { categories: ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG'], prefix: 'arXivRaw', since: '2016-10-20', set: 'cs' }, now);
    await finishRun(db, failed, 'failed', { requests: 1, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 }, [problem, 'a second problem'], now);
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const context = await suite.browser.newContext({ viewport });
      const page = await context.newPage();
      await signInPage(page, suite.server.url, 'ingest-admin@example.org', PASSWORD);
      await page.goto(`${suite.server.url}/admin/ingest`);
      const wraps = page.locator('.table-wrap');
      for (const wrap of await wraps.all()) {
        const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(scroll, `${viewport.width}px`).toBeLessThanOrEqual(client);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const shown = page.locator('.run-problems').first();
      await expect(shown.isVisible()).resolves.toBe(true);
      await expect(shown.innerText()).resolves.toContain(`2 problems: ${problem}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `test-results/admin-ingest-${viewport.width}.png`, fullPage: true });
      await context.close();
    }
  });

  it('shows the audit log as a table on a desktop and as one block per entry on a phone', async () => {
    const db = suite.server.database.db;
    const now = new Date('2026-12-01T03:00:00Z');
    const admin = await createUserDirect(db, { email: 'audit-admin@example.org', password: PASSWORD, name: 'Audit Admin', role: 'admin' }, now);
    const reason = 'duplicate of an earlier submission with the same abstract, reported by three readers; see the discussion under the original paper';
    await recordAudit(db, { actorId: admin.id, action: 'hide_paper', targetType: 'paper', targetId: '2608.00105', detail: reason }, now);
    await recordAudit(db, { actorId: admin.id, action: 'ban_user', targetType: 'user', targetId: 'a-rather-long-handle-for-a-phone', detail: 'spam' }, now);
    await recordAudit(db, { actorId: admin.id, action: 'unban_user', targetType: 'user', targetId: 'someone' }, now);
    await recordAudit(db, { actorId: null, action: 'assign_papers', targetType: 'organization', targetId: 'deep-learning-laboratory', detail: '2608.00101,2608.00102,2608.00103,2608.00104,2608.00105' }, now);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const context = await suite.browser.newContext({ viewport });
      const page = await context.newPage();
      await signInPage(page, suite.server.url, 'audit-admin@example.org', PASSWORD);
      await page.goto(`${suite.server.url}/moderation`);
      const table = page.getByRole('table');
      const entry = table.getByRole('row').filter({ hasText: reason });
      await expect(entry.getByRole('cell').count()).resolves.toBe(5);
      // Still a table to assistive technology, its column headers included, at either width.
      await expect(table.getByRole('columnheader', { name: 'When' }).count()).resolves.toBe(1);
      const display = await entry.evaluate((el) => getComputedStyle(el).display);
      expect(display, `${viewport.width}px`).toBe(viewport.width < 600 ? 'block' : 'table-row');
      // Nothing scrolls sideways: neither the page nor the log's box.
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, `${viewport.width}px`).toBeLessThanOrEqual(client);
      const wrap = await page.locator('.audit-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(wrap.scroll, `${viewport.width}px`).toBeLessThanOrEqual(wrap.client);
      if (viewport.width < 600) {
        // Each line says what it is; an empty cell (no details) is left out.
        await expect(entry.locator('td[data-label="Details"]').evaluate((el) => getComputedStyle(el, '::before').content)).resolves.toContain('Details');
        await expect(table.getByRole('row').filter({ hasText: 'unbanned' }).locator('td[data-label="Details"]').isVisible()).resolves.toBe(false);
      }
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
