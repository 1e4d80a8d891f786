// Invitations to an organization in a real browser: an admin invites from the organization's
// page; the invited user sees the invitation there and in the settings (light and dark theme, and
// on a phone) and accepts it from the settings, then is listed as a member. axe-core finds
// nothing on any of these pages.
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
    await expect(admin.getByText('Invited, waiting for an answer').isVisible()).resolves.toBe(true);
    await expect(admin.getByText('No members yet.').isVisible()).resolves.toBe(true);
    expect(await axeViolations(admin)).toEqual([]);

    const found: string[] = [];
    for (const options of [{ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' as const }, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }]) {
      const context = await browser.newContext(options);
      const page = await signIn(context, 'ada@example.org');
      await page.goto(`${server.url}/orgs/engines`);
      await expect(page.getByRole('heading', { name: 'You are invited to join Analytical Engines as an admin' }).isVisible()).resolves.toBe(true);
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
    await context.close();
    await adminContext.close();
  });
});
