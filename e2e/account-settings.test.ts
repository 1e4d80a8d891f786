// The settings page in a real browser: reached from the account menu, a new API token shown once
// at the top with a Copy button that copies it (a reload shows it no more), "Forgot your
// password?" carrying the address typed, axe-core finding nothing on the new account pages, and a
// profile's author names and organizations at a phone's width.
import { describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { axeViolations as audit } from './axe.ts';
import { browserSuite, signInPage } from './browser-suite.ts';
import { decideClaim, insertClaim } from '../src/db/claims.ts';
import { insertOrganization, upsertMember } from '../src/db/organizations.ts';
import { fixturePapers, HAS_CHROMIUM } from './server.ts';

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

  it('shows a profile\'s author names and organizations within a phone\'s width', async () => {
    const { server, browser } = suite;
    const db = server.database.db;
    const now = new Date('2026-08-01T00:00:00Z');
    const user = await createUserDirect(db, { email: 'affiliated@example.org', password: PASSWORD, name: 'Affiliated Author', role: 'user' }, now);
    const paper = fixturePapers()[0]!;
    const claim = await insertClaim(db, { paperId: paper.id, authorName: paper.authors[0]!, userId: user.id, now });
    await decideClaim(db, { id: claim.id, status: 'approved', moderatorId: null, now });
    await insertOrganization(db, { handle: 'long-named-lab', name: 'The Laboratory for Exceedingly Long Organization Names in Machine Learning', description: '', now });
    await upsertMember(db, { handle: 'long-named-lab', userId: user.id, role: 'admin', now });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/users/${user.handle}`);
    const author = page.locator('.profile-affiliations').getByRole('link', { name: paper.authors[0]! });
    await expect(author.isVisible()).resolves.toBe(true);
    const org = page.locator('.profile-affiliations').getByRole('link', { name: /Exceedingly Long/ });
    await org.click();
    await page.waitForURL(`${server.url}/orgs/long-named-lab`);
    await page.goBack();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await audit(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/profile-affiliations-phone.png', fullPage: true });
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
