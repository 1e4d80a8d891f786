// The accounts page in a real browser on a phone, in the dark theme: the admin index from the
// account menu, each account a card no wider than the screen, a role changed from its card (back
// to the same search with the notice), and axe-core finding nothing before and after.
import { describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
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
});
