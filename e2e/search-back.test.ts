// Search results keep the reader's place on Back, in a real browser (Debian's chromium through
// playwright-core): pages appended by infinite scroll are loaded again and the scroll position is
// restored when the reader comes back from a result or reloads; a new search starts from its
// first page; a page that fails to load again ends the restoring and leaves its link. Pressing
// "More results" takes the focus to the first new result and says how many came.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const PAGE_SIZE = 5;

describe.skipIf(!HAS_CHROMIUM)('search results on Back', () => {
  const suite = browserSuite({ PAGE_SIZE: String(PAGE_SIZE) });

  /** Script errors the browser reported. */
  const problems: string[] = [];
  const open = async (path: string): Promise<Page> => {
    // One column of cards, so each page of results is taller than the screen.
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 640 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(suite.server.url + path);
    return page;
  };
  const cards = (page: Page) => page.locator('[data-results] > li');
  /** Scrolls the "More results" link into view and waits for the next page to be appended. */
  const scrollForMore = async (page: Page) => {
    const before = await cards(page).count();
    await page.locator('[data-more]').scrollIntoViewIfNeeded();
    await page.waitForFunction((n) => document.querySelectorAll('[data-results] > li').length > n, before);
  };

  it('loads the same pages again and shows the opened result in view', async () => {
    const page = await open('/papers?q=model');
    await expect(cards(page).count()).resolves.toBe(PAGE_SIZE);
    for (let i = 0; i < 3; i++) await scrollForMore(page);
    const loaded = await cards(page).count();
    expect(loaded).toBeGreaterThanOrEqual(4 * PAGE_SIZE);
    // The first result of the last page appended, from further down than the first pages reach.
    const link = cards(page).nth(3 * PAGE_SIZE).locator('h3 a');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/papers\//);
    await link.click();
    await page.waitForURL(suite.server.url + href);

    await page.goBack();
    const again = page.locator(`[data-results] > li h3 a[href="${href}"]`);
    await expect.poll(() => again.count(), { timeout: 10_000 }).toBe(1);
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    await expect
      .poll(async () => {
        const box = await again.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
      }, { timeout: 10_000 })
      .toBe(true);
    await expect(cards(page).count()).resolves.toBe(loaded);
    // A reload keeps the place too.
    await page.reload();
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(loaded);
    await expect.poll(async () => ((await again.boundingBox())?.y ?? -1) >= 0, { timeout: 10_000 }).toBe(true);

    // Another search, and the same one started anew, begin at their first page.
    await page.getByRole('searchbox', { name: 'Search papers' }).last().fill('language');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/papers\?q=language/);
    await expect(cards(page).count()).resolves.toBe(PAGE_SIZE);
    await page.goto(`${suite.server.url}/papers?q=model`);
    await expect(cards(page).count()).resolves.toBe(PAGE_SIZE);
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('stops quietly at a page that fails to load again, leaving its link', async () => {
    const page = await open('/papers?q=model');
    for (let i = 0; i < 2; i++) await scrollForMore(page);
    await expect(cards(page).count()).resolves.toBe(3 * PAGE_SIZE);
    const link = cards(page).nth(2 * PAGE_SIZE).locator('h3 a');
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL(suite.server.url + href);

    // The second page comes back; the third fails.
    const failing = `**/papers?q=model&offset=${2 * PAGE_SIZE}&fragment=1`;
    await page.route(failing, (route) => route.fulfill({ status: 500, body: 'down' }));
    await page.goBack();
    const more = page.locator('[data-more]');
    await expect.poll(() => more.getAttribute('href'), { timeout: 10_000 }).toBe(`/papers?q=model&offset=${2 * PAGE_SIZE}`);
    await expect.poll(() => more.getAttribute('aria-busy'), { timeout: 10_000 }).toBe(null);
    await expect(cards(page).count()).resolves.toBe(2 * PAGE_SIZE);
    // The link still loads that page once it answers again.
    await page.unroute(failing);
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-results] > li').length === n, 3 * PAGE_SIZE);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('takes keyboard focus to the first new result when "More results" is pressed, and says how many came', async () => {
    const page = await open('/papers?q=model');
    const more = page.locator('[data-more]');
    // The page is held back until Enter is pressed on the link.
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const pageTwo = `**/papers?q=model&offset=${PAGE_SIZE}&fragment=1`;
    await page.route(pageTwo, async (route) => {
      await held;
      await route.continue();
    });
    await more.focus();
    await page.keyboard.press('Enter');
    release();
    await page.waitForFunction((n) => document.querySelectorAll('[data-results] > li').length > n, PAGE_SIZE);
    const firstNew = cards(page).nth(PAGE_SIZE);
    await expect.poll(() => firstNew.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    await expect(page.locator('.result-count[role="status"]').textContent()).resolves.toContain(`${PAGE_SIZE} more results loaded`);
    // The next Tab stays in that result (its vote button), not on the next "More results" link.
    await page.keyboard.press('Tab');
    await expect(firstNew.evaluate((el) => el.contains(document.activeElement))).resolves.toBe(true);
    await page.unroute(pageTwo);

    // Results loaded by scrolling leave the focus where it was.
    const search = page.getByRole('searchbox', { name: 'Search papers' }).last();
    await search.focus();
    await scrollForMore(page);
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.locator('.result-count[role="status"]').textContent()).resolves.toContain(`${PAGE_SIZE} more results loaded`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps the "More results" link working by click', async () => {
    const page = await open('/papers?q=model');
    await page.locator('[data-more]').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-results] > li').length > n, PAGE_SIZE);
    expect(page.url()).toBe(`${suite.server.url}/papers?q=model`);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
