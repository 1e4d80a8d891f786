// The settings page in a real browser: reached from the account menu, a new API token shown once
// at the top with a Copy button that copies it (a reload shows it no more), "Forgot your
// password?" carrying the address typed, and axe-core finding nothing on the new account pages.
import { describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { axeViolations as audit } from './axe.ts';
import { browserSuite, signInPage } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const PASSWORD = 'analytical engine one';

describe.skipIf(!HAS_CHROMIUM)('account settings in the browser', () => {
  const suite = browserSuite();

  it.each([
    ['light', false],
    ['dark', true],
  ])('makes a token shown once with a working Copy button (%s theme)', async (name, dark) => {
    const { server, browser } = suite;
    const email = `grace.${name}@example.org`;
    const user = await createUserDirect(server.database.db, { email, password: PASSWORD, name: 'Grace Hopper', role: 'user' }, new Date('2026-08-01T00:00:00Z'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInPage(page, server.url, email, PASSWORD);
    await page.locator('.user-menu > summary').click();
    await page.locator('.user-menu').getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(`${server.url}/settings`);
    const found = await audit(page);

    await page.getByLabel('Name of a new token').fill('laptop');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.waitForURL(`${server.url}/settings`);
    const field = page.locator('#new-token');
    const token = await field.inputValue();
    expect(token).toMatch(/^pb_/);
    // Where the page opens, with no scrolling.
    const box = await field.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(900);
    const copy = page.getByRole('button', { name: 'Copy', exact: true });
    await expect(copy.isVisible()).resolves.toBe(true);
    found.push(...(await audit(page)));
    await copy.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expect(page.locator('button[data-copy="new-token"]').textContent()).resolves.toBe('Copied');
    await expect.poll(() => page.locator('button[data-copy="new-token"]').textContent(), { timeout: 4000 }).toBe('Copy');
    if (!dark) await page.screenshot({ path: 'test-results/settings-new-token.png' });

    await page.reload();
    await expect(page.locator('#new-token').count()).resolves.toBe(0);
    const tokens = await server.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute();
    expect(tokens).toHaveLength(1);

    // The other new pages: a notice on the settings, the profile's owner note, signed in at /signin, a dead reset link.
    for (const path of ['/settings?saved=password', `/users/${user.handle}`, '/signin', '/reset/made-up-token']) {
      await page.goto(server.url + path);
      found.push(...(await audit(page)));
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('carries the address typed on the sign-in form to the reset form', async () => {
    const { server, browser } = suite;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.locator('form[action^="/signin"]').getByLabel('Email').fill('forgetful@example.org');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${server.url}/reset?email=forgetful%40example.org`);
    await expect(page.locator('form[action="/reset"]').getByLabel('Email').inputValue()).resolves.toBe('forgetful@example.org');
    await context.close();
  });
});
