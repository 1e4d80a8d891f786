// Deleting an account in a real browser: the settings page's last section, the current password,
// the confirmation box and the browser's "are you sure" dialog; the home page then says the account
// was deleted and nobody is signed in, and the profile is gone. axe-core finds nothing on the
// settings page with its new sections.
import { describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { axeViolations } from './axe.ts';
import { browserSuite, signInPage } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const PASSWORD = 'difference engine two';

describe.skipIf(!HAS_CHROMIUM)('deleting an account in the browser', () => {
  const suite = browserSuite();

  it('deletes the account from the settings after the password, the box and the dialog', async () => {
    const { server, browser } = suite;
    const user = await createUserDirect(server.database.db, { email: 'charles@example.org', password: PASSWORD, name: 'Charles Babbage', role: 'user' }, new Date('2026-08-01T00:00:00Z'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInPage(page, server.url, 'charles@example.org', PASSWORD);
    await page.goto(`${server.url}/settings`);

    expect(await axeViolations(page)).toEqual([]);

    const section = page.locator('section[aria-labelledby="delete-title"]');
    await section.getByLabel('Current password').fill(PASSWORD);
    await section.getByLabel('I understand that this deletes my account for good').check();
    // Dismissing the dialog keeps the account.
    page.once('dialog', (d) => void d.dismiss());
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.locator('#delete-title').isVisible()).resolves.toBe(true);
    const kept = await server.database.db.selectFrom('users').select('deleted_at').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(kept.deleted_at).toBeNull();

    page.once('dialog', (d) => void d.accept());
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect(page.locator('.notice.flash').textContent()).resolves.toContain('Your account was deleted, and you are signed out.');
    await expect(page.getByRole('link', { name: 'Sign in' }).first().isVisible()).resolves.toBe(true);
    const gone = await server.database.db.selectFrom('users').select('deleted_at').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(gone.deleted_at).not.toBeNull();
    const profile = await page.goto(`${server.url}/users/${user.handle}`);
    expect(profile?.status()).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });
});
