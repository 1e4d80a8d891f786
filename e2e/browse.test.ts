// Browsing in a real browser (Debian's chromium through playwright-core): the home page's cards,
// the header search with infinite scroll, a paper page with math and related papers, hostile
// titles that must not run, the theme toggle, a phone viewport without horizontal overflow and
// its menu.
// Screenshots go to test-results/; with UPDATE_SCREENSHOT=1 the home page also to docs/screenshot.png,
// the README's.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const OUT = 'test-results';

describe.skipIf(!HAS_CHROMIUM)('browsing the site', () => {
  const suite = browserSuite({ PAGE_SIZE: '12' });
  /** Problems the browser reported: script errors and CSP violations fail the test. */
  const problems: string[] = [];

  const open = async (path: string, opts: { width?: number; height?: number; dark?: boolean } = {}): Promise<Page> => {
    const context = await suite.browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, colorScheme: opts.dark ? 'dark' : 'light' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/favicon/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await page.goto(suite.server.url + path);
    return page;
  };

  it('shows the latest day as paper cards', async () => {
    const page = await open('/');
    await expect(page.title()).resolves.toBe('Paperboy · Daily Papers');
    await expect(page.locator('h1').textContent()).resolves.toBe('Daily Papers');
    await expect(page.locator('.window-bar h2').textContent()).resolves.toBe('Aug 21, 2026');
    const cards = page.locator('.cards > li.card');
    await expect(cards.count()).resolves.toBe(12);
    const first = cards.first();
    await expect(first.locator('h3').textContent()).resolves.toContain('EnvHarness');
    await expect(first.locator('.authors-line').textContent()).resolves.toMatch(/et al\.$/);
    await expect(first.locator('.votes .vote-count').textContent()).resolves.toMatch(/^\d+$/);
    await page.screenshot({ path: `${OUT}/home-desktop.png` });
    if (process.env['UPDATE_SCREENSHOT'] === '1') await page.screenshot({ path: 'docs/screenshot.png' });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('moves between papers with j and k, and opens one with Enter', async () => {
    const page = await open('/');
    const titles = page.locator('ol.cards > li.card h3 a');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('j');
    await expect(focused()).resolves.toBe(await titles.nth(0).textContent());
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(focused()).resolves.toBe(await titles.nth(2).textContent());
    await page.keyboard.press('k');
    await expect(focused()).resolves.toBe(await titles.nth(1).textContent());
    // Typing in the search box types letters; it does not move.
    await page.locator('#site-search').focus();
    await page.keyboard.type('jk');
    await expect(page.locator('#site-search').inputValue()).resolves.toBe('jk');
    await page.locator('#site-search').fill('');
    await titles.nth(1).focus();
    const href = await titles.nth(1).getAttribute('href');
    await Promise.all([page.waitForURL(`${suite.server.url}${href}`), page.keyboard.press('Enter')]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each([
    [390, 844],
    [640, 400],
  ])('keeps the paper moved to with j, k or Shift+Tab clear of the sticky header at %ix%i', async (width, height) => {
    const page = await open('/', { width, height });
    /** How far the focused element's top is below the header's bottom (negative: under it). */
    const clearance = () =>
      page.evaluate(() => {
        const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
        return (document.activeElement?.getBoundingClientRect().top ?? 0) - header;
      });
    for (let i = 0; i < 8; i++) await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await clearance()).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+Tab');
    expect(await clearance()).toBeGreaterThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('searches from the header box and loads more results on scroll', async () => {
    const page = await open('/papers/date/2026-08-21');
    await page.getByRole('searchbox', { name: 'Search papers' }).first().fill('language models');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/papers\?q=language\+models/);
    await expect(page.locator('.result-count').textContent()).resolves.toMatch(/\d+ results for/);
    const results = page.locator('[data-results] > li');
    await expect(results.count()).resolves.toBe(12);
    await page.locator('[data-more]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('[data-results] > li').length > 12);
    await page.screenshot({ path: `${OUT}/search.png` });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('opens a paper page with typeset math and related papers', async () => {
    const page = await open('/papers?q=evolutionary+merging');
    await page.locator('.card h3 a', { hasText: 'Efficient Evolutionary Merging' }).first().click();
    await page.waitForURL(/\/papers\/merge-efficient-evolutionary-merging-on-consumer-grade-gpus-1n1x5q$/);
    const title = page.locator('h1#paper-title');
    await expect(title.locator('.katex').count()).resolves.toBe(1);
    // math.js applied KaTeX's positioning through the CSSOM, leaving no data-ks behind.
    await expect(page.locator('[data-ks]').count()).resolves.toBe(0);
    await expect(page.locator('.katex .vlist > span').first().evaluate((el) => (el as HTMLElement).style.top)).resolves.toMatch(/em$/);
    const related = page.locator('section[aria-labelledby="related-title"] li.card');
    expect(await related.count()).toBeGreaterThan(0);
    expect(await related.count()).toBeLessThanOrEqual(5);
    await page.screenshot({ path: `${OUT}/paper.png`, fullPage: true });
    await related.locator('h3 a', { hasText: 'Mergenetic' }).click();
    await page.waitForURL(/\/papers\/2505\.11427$/);
    await expect(page.locator('.links a', { hasText: 'Code' }).getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(page.locator('.links a', { hasText: 'arXiv' }).getAttribute('href')).resolves.toBe('https://arxiv.org/abs/2505.11427');
    // "BibTeX" and "Copy BibTeX" (shown where the clipboard works, as here) stand apart as the other buttons do.
    const bib = await page.locator('.cite a.button').boundingBox();
    const copy = await page.locator('.cite button[data-copy]').boundingBox();
    expect(bib && copy).toBeTruthy();
    expect(copy!.x - (bib!.x + bib!.width)).toBeGreaterThanOrEqual(8);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['light', false],
    ['dark', true],
  ])("gives each author's feed link a target of 24px and an icon of 3:1 contrast (%s theme)", async (_name, dark) => {
    const page = await open('/papers/2608.19880', { dark });
    const link = page.locator('a.author-feed').first();
    const box = await link.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);
    // The icon's colour as drawn (its opacity blended over the page) against the page.
    const ratio = await link.evaluate((el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const fg = rgb(getComputedStyle(el).color);
      const bg = rgb(getComputedStyle(document.body).backgroundColor);
      const alpha = Number(getComputedStyle(el).opacity);
      const drawn = fg.map((v, i) => alpha * v + (1 - alpha) * (bg[i] ?? 0));
      const lum = (c: number[]) => {
        const [r = 0, g = 0, b = 0] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [hi, lo] = [lum(drawn), lum(bg)].sort((a, b) => b - a);
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(3);
    // The icon sits at the end of its target, so the comma after it follows it closely (no "Name ⌁ ,").
    const icon = await link.locator('svg').boundingBox();
    expect(box!.x + box!.width - (icon!.x + icon!.width)).toBeLessThanOrEqual(1);
    // The authors' line keeps its height: one line holds the first authors and their icons.
    const names = page.locator('.authors a.author-name');
    const [first, second] = [await names.nth(0).boundingBox(), await names.nth(1).boundingBox()];
    expect(second!.y).toBe(first!.y);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows hostile titles as text and runs none of their scripts', async () => {
    for (const path of ['/papers/date/2026-08-19', '/papers/2608.00105', '/papers?q=evil']) {
      const page = await open(path);
      await page.waitForLoadState('load');
      await expect(page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).resolves.toBeUndefined();
      await expect(page.locator('img').count()).resolves.toBe(0);
      await expect(page.getByText('<script>window.__xss=2</script>', { exact: false }).first().isVisible()).resolves.toBe(true);
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('toggles the dark theme and remembers it', async () => {
    const page = await open('/');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.locator('.theme-toggle').click();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.reload();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(background()).resolves.toBe(dark);
    await expect(page.locator('.theme-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.screenshot({ path: `${OUT}/home-dark.png` });
    await page.locator('.theme-toggle').click();
    await expect(background()).resolves.toBe(light);
    await page.context().close();
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    for (const path of ['/', '/papers/2505.11427', '/papers?q=agents', '/papers/2608.00105', '/papers/date/2026-08-18', '/papers/week/2026-W34', '/papers/month/2026-08']) {
      const page = await open(path, { width: 390, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      if (path === '/') await page.screenshot({ path: `${OUT}/home-phone.png`, fullPage: false });
      // One search box on the search page: its own, not the header's above it too.
      if (path.startsWith('/papers?q=')) await expect(page.locator('.search-form:visible').count()).resolves.toBe(1);
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('keeps the header links and the account behind a menu button on a phone', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await expect(page.locator('.account').isVisible()).resolves.toBe(false);
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await expect(menu.isVisible()).resolves.toBe(false);
    await page.locator('.phone-menu > summary').click();
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['Daily Papers', 'Search', 'Organizations', 'Sign in', 'Sign up']);
    await page.screenshot({ path: `${OUT}/phone-menu.png` });
    // Escape, or a click elsewhere, closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.isVisible()).toBe(false);
    await page.locator('.phone-menu > summary').click();
    await page.mouse.click(30, 780);
    await expect.poll(() => menu.isVisible()).toBe(false);
    expect(page.url()).toBe(`${suite.server.url}/`);
    await page.locator('.phone-menu > summary').click();
    await menu.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.server.url}/signin`);
    // On a wide screen the menu button is not there; the account links are.
    const wide = await open('/');
    await expect(wide.locator('.phone-menu > summary').isVisible()).resolves.toBe(false);
    await expect(wide.locator('.account').getByRole('link', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    // "/" goes to the search box, and types nothing there; inside a field it is just a slash.
    await wide.keyboard.press('/');
    await expect(wide.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search');
    await wide.keyboard.type('kv/cache');
    await expect(wide.locator('#site-search').inputValue()).resolves.toBe('kv/cache');
    await page.context().close();
    await wide.context().close();
    expect(problems).toEqual([]);
  });

  it('can be used with the keyboard: the skip link comes first and moves focus to the content', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.context().close();
  });
});
