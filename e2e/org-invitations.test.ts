// Invitations to an organization in a real browser: an admin invites from the organization's
// page; the invited user sees the invitation there and in the settings (light and dark theme, and
// on a phone) and accepts it from the settings, then is listed as a member. axe-core finds
// nothing on any of these pages. The invite notice is the site's .notice, the forms line up with
// the heading, a member's Leave button stands apart from the name, and nothing is wider than a phone.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { createOrganization } from '../src/actions/organizations.ts';
import { axeViolations } from './axe.ts';
import { browserSuite, signInPage } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const PASSWORD = 'analytical engine one';
const NOW = new Date('2026-08-01T00:00:00Z');

describe.skipIf(!HAS_CHROMIUM)('invitations to an organization in the browser', () => {
  const suite = browserSuite();

  const signIn = async (context: BrowserContext, email: string): Promise<Page> => {
    const page = await context.newPage();
    await signInPage(page, suite.server.url, email, PASSWORD);
    return page;
  };

  it('invites, shows the invitation where the invited user looks, and makes a member on Accept', async () => {
    const { server, browser } = suite;
    const db = server.database.db;
    await createUserDirect(db, { email: 'grace@example.org', password: PASSWORD, name: 'Grace Hopper', role: 'admin' }, NOW);
    const ada = await createUserDirect(db, { email: 'ada@example.org', password: PASSWORD, name: 'Ada Lovelace', role: 'user' }, NOW);
    await createOrganization(db, 'cli', { handle: 'engines', name: 'Analytical Engines' }, NOW);

    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await signIn(adminContext, 'grace@example.org');
    await admin.goto(`${server.url}/orgs/engines`);
    await admin.getByLabel('Invite a member by @handle or email').fill(`@${ada.handle}`);
    await admin.getByLabel('Role').selectOption('admin');
    await admin.getByRole('button', { name: 'Invite', exact: true }).click();
    await admin.waitForURL(`${server.url}/orgs/engines`);
    // The notice looks like the site's other notices (.notice), and the forms line up with the page's heading.
    await expect(admin.locator('.notice.flash', { hasText: `Invitation sent to @${ada.handle}` }).isVisible()).resolves.toBe(true);
    const left = async (selector: string) => (await admin.locator(selector).first().boundingBox())?.x;
    expect(await left('form[action="/orgs/engines/invitations"]')).toBe(await left('h1'));
    expect(await left('form[action="/orgs/engines/papers"]')).toBe(await left('h1'));
    await expect(admin.getByText('Invited, waiting for an answer').isVisible()).resolves.toBe(true);
    await expect(admin.getByText('No members yet.').isVisible()).resolves.toBe(true);
    expect(await axeViolations(admin)).toEqual([]);

    const found: string[] = [];
    for (const options of [{ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' as const }, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }]) {
      const context = await browser.newContext(options);
      const page = await signIn(context, 'ada@example.org');
      await page.goto(`${server.url}/orgs/engines`);
      await expect(page.getByRole('heading', { name: 'You are invited to join Analytical Engines as an admin' }).isVisible()).resolves.toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      found.push(...(await axeViolations(page)));
      await page.goto(`${server.url}/settings`);
      found.push(...(await axeViolations(page)));
      await context.close();
    }
    expect(found).toEqual([]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'ada@example.org');
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Accept the invitation to Analytical Engines' }).click();
    await page.waitForURL(`${server.url}/settings`);
    await expect(page.locator('#invitations-title').count()).resolves.toBe(0);
    await page.goto(`${server.url}/orgs/engines`);
    await expect(page.locator('.members').getByRole('link', { name: 'Ada Lovelace' }).isVisible()).resolves.toBe(true);
    // The Leave button stands apart from the member's name.
    const gap = await page
      .locator('.members')
      .getByRole('button', { name: 'Leave Analytical Engines' })
      .evaluate((b) => b.getBoundingClientRect().left - (b.closest('form')?.previousElementSibling?.getBoundingClientRect().right ?? 0));
    expect(gap).toBeGreaterThanOrEqual(6);
    await context.close();
    await adminContext.close();
  });
});
