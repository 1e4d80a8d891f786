// Collections in a real browser (Debian's chromium through playwright-core): sign up through
// the mailed link, save a paper into a new collection from its page, save another, reorder with
// the no-JS buttons, make it public, open the share URL signed out, and download the BibTeX.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkIn } from '../test/client.ts';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const OUT = 'test-results';

describe.skipIf(!HAS_CHROMIUM)('collections in the browser', () => {
  const suite = browserSuite();
  const problems: string[] = [];

  it('signs up, saves papers into a new collection, reorders, shares it and downloads BibTeX', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/favicon/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });

    // Sign up and confirm through the mailed link.
    await page.goto(`${suite.server.url}/signup`);
    const form = page.locator('form[action="/signup"]');
    await form.getByLabel('Name').fill('Grace Hopper');
    await form.getByLabel('Email').fill('grace@example.org');
    await form.getByLabel('Password').fill('a long enough password');
    await form.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${suite.server.url}/signup`);
    const mail = suite.server.mailer.sent.find((m) => m.to === 'grace@example.org');
    expect(mail).toBeDefined();
    await page.goto(suite.server.url + linkIn(mail?.text ?? '', suite.server.url));
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await expect(page.locator('.account .user-name').textContent()).resolves.toBe('Grace Hopper');

    // Save the first paper into a new collection.
    await page.goto(`${suite.server.url}/papers/2608.19880`);
    await page.locator('summary', { hasText: 'Save to a collection' }).click();
    await page.getByLabel('Name of a new collection').fill('Agents to read');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('.notice', { hasText: 'Saved to' }).textContent()).resolves.toContain('Agents to read');

    // And a second one into the same collection.
    await page.goto(`${suite.server.url}/papers/2608.18580`);
    await page.locator('summary', { hasText: 'Save to a collection' }).click();
    await page.getByLabel('Collection', { exact: true }).selectOption({ label: 'Agents to read' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.notice a', { hasText: 'Agents to read' }).click();

    // Reorder: the second paper moves up.
    const titles = () => page.locator('.collection-items .item-title').allTextContents();
    expect((await titles()).map((t) => t.slice(0, 10))).toEqual(['EnvHarness', 'FACET: Pre']);
    await page.getByRole('button', { name: /^Move "FACET.*" up$/ }).focus();
    await Promise.all([page.waitForURL(/#item-2608\.18580$/), page.keyboard.press('Enter')]);
    expect((await titles()).map((t) => t.slice(0, 10))).toEqual(['FACET: Pre', 'EnvHarness']);
    // The page comes back at the moved paper: Tab goes on from it, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.id)).toBe('item-2608.18580');

    // Make it public and open the share URL signed out.
    await page.locator('summary', { hasText: 'Edit or delete' }).click();
    await page.getByLabel('Visibility').selectOption('1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const shareUrl = await page.getByLabel('Share:').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${suite.server.url}/collections/[0-9a-f-]+$`));
    await page.screenshot({ path: `${OUT}/collection.png` });
    const stranger = await suite.browser.newContext();
    const other = await stranger.newPage();
    const res = await other.goto(shareUrl);
    expect(res?.status()).toBe(200);
    expect((await other.locator('.collection-items .item-title').allTextContents()).map((t) => t.slice(0, 10))).toEqual(['FACET: Pre', 'EnvHarness']);
    await stranger.close();

    // Download the BibTeX file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download BibTeX' }).click()]);
    expect(download.suggestedFilename()).toBe('Agents-to-read.bib');
    const bib = readFileSync((await download.path()) as string, 'utf8');
    expect(bib.match(/^@misc\{/gm)).toHaveLength(2);
    expect(bib.indexOf('eprint = {2608.18580}')).toBeLessThan(bib.indexOf('eprint = {2608.19880}'));
    expect(problems).toEqual([]);
    await context.close();
  });
});
