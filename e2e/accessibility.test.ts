// Accessibility in a real browser: axe-core (the WCAG 2.x A and AA rules) run in Debian's chromium
// on every kind of page, signed out and signed in as an admin, in the light and the dark theme
// and on a phone. Any violation fails the test, listed with the elements it concerns.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { browserSuite, signInPage } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const SIGNED_OUT = [
  '/',
  '/?sort=trending',
  '/papers/week/2026-W34',
  '/papers/month/2026-08',
  '/papers',
  '/papers?q=agent+environments',
  '/papers?q=zzzqqqxxx',
  '/papers/2608.19880',
  '/papers/2608.00105',
  '/orgs',
  '/orgs/named/Ant%20Research',
  '/authors/Chengsong%20Huang',
  '/signin',
  '/signup',
  '/reset',
  '/follow?kind=topic&value=agent+environments',
  '/papers?q=agent+environments&cat=cs.CL',
];
const SIGNED_IN = ['/', '/papers/2608.19880', '/submit', '/collections', '/admin', '/admin/ingest', '/admin/users', '/moderation', '/claims'];

describe.skipIf(!HAS_CHROMIUM)('accessibility (axe-core, WCAG 2 A and AA)', () => {
  const suite = browserSuite({ PAGE_SIZE: '12' });
  beforeAll(async () => {
    // A paper with its submitter on Hugging Face: "Submitted to the daily feed on … by NAME" links there.
    await suite.server.database.db.updateTable('papers').set({ submitted_by: 'Tao Xie', submitted_by_hf_user: 'taoxie' }).where('id', '=', '2608.19880').execute();
  });

  /** The violations on a page, as "rule (impact): help: elements" lines. */
  const audit = async (page: Page, path: string): Promise<string[]> => {
    await page.goto(suite.server.url + path);
    // Evaluated through the DevTools protocol, so the site's Content-Security-Policy stays as it is.
    await page.evaluate(AXE);
    const violations = await page.evaluate(
      () =>
        (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe
          .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
          .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))),
    );
    return violations.map((v) => `${path}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`);
  };

  it.each([
    ['light', false],
    ['dark', true],
  ])('finds nothing on the public pages (%s theme)', async (_name, dark) => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of SIGNED_OUT) found.push(...(await audit(page, path)));
    expect(found).toEqual([]);
    await context.close();
  });

  it('finds nothing on a phone', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of ['/', '/papers?q=agent+environments', '/papers/2608.19880']) found.push(...(await audit(page, path)));
    expect(found).toEqual([]);
    await context.close();
  });

  it.each([
    ['light', false],
    ['dark', true],
  ])('finds nothing on the pages of a signed-in admin who has voted (%s theme)', async (name, dark) => {
    const email = `ada.${name}@example.org`;
    const user = await createUserDirect(suite.server.database.db, { email, password: 'analytical engine one', name: 'Ada Lovelace', role: 'admin' }, new Date('2026-08-01T00:00:00Z'));
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
    const page = await context.newPage();
    await signInPage(page, suite.server.url, email, 'analytical engine one');
    // A pressed vote button is on the pages too.
    const vote = page.locator('.cards > li.card').first().locator('button.votes');
    await vote.click();
    await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('true');
    // And a comment whose code block is wider than the page (it scrolls sideways).
    await page.goto(`${suite.server.url}/papers/2608.19880`);
    await page.locator('#new-comment').fill(`\`\`\`\nconst environments = [${'"harness", '.repeat(20)}];\n\`\`\``);
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.waitForURL(/#comment-/);
    const found: string[] = [];
    for (const path of [...SIGNED_IN, `/users/${user.handle}`, `/users/${user.handle}/upvoted`]) found.push(...(await audit(page, path)));
    expect(found).toEqual([]);
    await context.close();
  });
});
