// The feeds' category filter in a real browser: a category chosen in the picker's list applies at
// once, one reached with the arrow keys on Enter or on leaving the picker (the Filter button is for
// pages without scripts), and the page says how many papers of the window the filter cannot keep
// because they have no arXiv categories yet.
import { beforeAll, describe, expect, it } from 'vitest';
import { addCategoriesWhereMissing } from '../src/db/paper-categories.ts';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

describe.skipIf(!HAS_CHROMIUM)('filtering a feed by category in the browser', () => {
  const suite = browserSuite();
  beforeAll(async () => {
    // Three of the 17 papers of 2026-08-21 get arXiv's categories; the rest came from Hugging Face only.
    await addCategoriesWhereMissing(
      suite.server.database.db,
      new Map([
        ['2608.19880', ['cs.CL', 'cs.LG']],
        ['2608.18580', ['cs.CL']],
        ['2608.20335', ['cs.CV']],
      ]),
    );
  });

  it('applies a category chosen in the picker at once, and says what the filter leaves out', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${suite.server.url}/papers/date/2026-08-21`);
    await Promise.all([page.waitForURL(/[?&]cat=cs\.CL/), page.locator('#cat-picker').selectOption('cs.CL')]);
    await expect(page.locator('.feed-count').textContent()).resolves.toMatch(/^2 papers in cs\.CL/);
    await expect(page.locator('.cards > li.card').count()).resolves.toBe(2);
    await expect(page.locator('.feed-note').textContent()).resolves.toMatch(/^14 more papers this day have no arXiv categories yet/);
    // "2 papers in cs.CL ×" stays on one line on a phone.
    const lines = await page.locator('.feed-count').evaluate((el) => el.getClientRects().length);
    expect(lines).toBe(1);
    await page.locator('.feed-note a', { hasText: 'Show all categories' }).click();
    await page.waitForURL(`${suite.server.url}/papers/date/2026-08-21`);
    await expect(page.locator('.cards > li.card').count()).resolves.toBeGreaterThan(2);
    expect(problems).toEqual([]);
  });

  it('lets a keyboard move through the categories and applies one on Enter or on leaving the picker', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    const day = `${suite.server.url}/papers/date/2026-08-21`;
    await page.goto(day);
    const picker = page.locator('#cat-picker');
    await picker.focus();
    // Arrows move through the options without leaving the page.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await picker.inputValue();
    expect(chosen).not.toBe('');
    await page.keyboard.press('ArrowUp');
    const first = await picker.inputValue();
    expect(first).not.toBe(chosen);
    expect(page.url()).toBe(day);
    await expect(picker.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Enter applies the category reached.
    await Promise.all([page.waitForURL(`${day}?cat=${encodeURIComponent(first)}`), page.keyboard.press('Enter')]);
    // Leaving the picker after a change applies it too; leaving it unchanged does not.
    await picker.focus();
    await page.keyboard.press('Tab');
    await page.locator('#cat-picker').focus();
    await page.keyboard.press('ArrowDown');
    const next = await picker.inputValue();
    expect(page.url()).toBe(`${day}?cat=${encodeURIComponent(first)}`);
    await Promise.all([page.waitForURL(`${day}?cat=${encodeURIComponent(next)}`), page.keyboard.press('Tab')]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('filters with the Filter button without JavaScript', async () => {
    const page = await (await suite.browser.newContext({ javaScriptEnabled: false })).newPage();
    const day = `${suite.server.url}/papers/date/2026-08-21`;
    await page.goto(day);
    await page.locator('#cat-picker').selectOption('cs.CL');
    expect(page.url()).toBe(day);
    await Promise.all([page.waitForURL(`${day}?cat=cs.CL`), page.getByRole('button', { name: 'Filter' }).click()]);
    await expect(page.locator('.cards > li.card').count()).resolves.toBe(2);
    await page.context().close();
  });
});
