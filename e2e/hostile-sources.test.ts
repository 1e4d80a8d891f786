// Hostile text arriving through the two ways papers come in besides comments, checked in a real
// browser (Debian's chromium through playwright-core): a JSONL import and a submission whose arXiv
// answer (replayed from a local server) carries script in its title and abstract. The pages show
// the payloads as text; no script runs, no dialog opens, no element is injected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture } from '../test/arxiv-fixtures.ts';
import { type ReplayServer, startReplayServer } from '../test/replay-server.ts';
import { replayArxiv } from '../test/signed-in.ts';
import { createUserDirect } from '../src/actions/accounts.ts';
import { importFiles } from '../src/actions/import-papers.ts';
import { signInPage } from './browser-suite.ts';
import { type E2eServer, HAS_CHROMIUM, launchChromium, startE2eServer } from './server.ts';


const PAYLOADS = ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=2">', '<svg onload="window.__xss=3">', '"><iframe src="javascript:window.__xss=4">', '<a href="javascript:alert(5)">x</a>'];
const hostile = (label: string) => `${label} ${PAYLOADS.join(' ')}`;
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe.skipIf(!HAS_CHROMIUM)('hostile imports and submissions in the browser', () => {
  let server: E2eServer;
  let arxiv: ReplayServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    // A real arXiv answer whose title and abstract were replaced with payloads (XML-escaped, as arXiv would send them).
    const answer = apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1')
      .replace('<title>0</title>', `<title>${xml(hostile('Submitted title'))}</title>`)
      .replace(/<summary>[^<]*<\/summary>/, `<summary>${xml(hostile('Submitted abstract'))}</summary>`);
    arxiv = await startReplayServer([{ path: '/api/query', query: { id_list: '2104.12255', start: '0', max_results: '1' }, respond: { body: answer } }]);
    server = await startE2eServer({}, { arxiv: replayArxiv(arxiv.url) });
    dir = mkdtempSync(path.join(tmpdir(), 'paperboy-e2e-hostile-'));
    const file = path.join(dir, 'hostile.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: '2608.09901', title: hostile('Imported title'), abstract: hostile('Imported abstract'), authors: [hostile('Imported author')], organization: hostile('Imported org'), feedDate: '2026-08-21', upvotes: 1 })}\n`);
    const report = await importFiles(server.database.db, [file]);
    expect(report.inserted).toBe(1);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await arxiv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page that records dialogs and script errors. */
  const watched = async (): Promise<{ page: Page; dialogs: string[]; errors: string[] }> => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, dialogs, errors };
  };
  /** Nothing of a payload ran or became an element; its text is on the page. */
  const expectInert = async (page: Page, label: string) => {
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), label).toBeUndefined();
    expect(await page.locator('main img, main iframe, main [onerror], main [onload], main a[href^="javascript:" i]').count(), label).toBe(0);
    expect(await page.locator('main script').count(), label).toBe(0);
    expect(await page.locator('main').textContent(), label).toContain('<script>window.__xss=1</script>');
  };

  it('an imported paper shows its payloads as text on the feed and its page', async () => {
    const { page, dialogs, errors } = await watched();
    for (const p of ['/papers/date/2026-08-21', '/papers/2608.09901']) {
      await page.goto(server.url + p);
      await expectInert(page, p);
    }
    expect(await page.locator('main').textContent()).toContain('Imported org');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a submitted paper whose arXiv answer carries payloads shows them as text', async () => {
    await createUserDirect(server.database.db, { email: 'submitter@example.org', password: 'a long enough password', name: 'Sub Mitter', role: 'user' }, new Date('2026-08-01T00:00:00Z'));
    const { page, dialogs, errors } = await watched();
    await signInPage(page, server.url, 'submitter@example.org', 'a long enough password');
    await page.goto(`${server.url}/submit`);
    await page.locator('form[action="/submit"] input[name="id"]').fill('https://arxiv.org/abs/2104.12255');
    await page.locator('form[action="/submit"]').getByRole('button').click();
    await page.waitForURL(/\/papers\/2104\.12255/);
    await expectInert(page, 'submitted paper');
    expect(await page.locator('h1').textContent()).toContain('Submitted title <script>');
    expect(await page.locator('main').textContent()).toContain('Submitted abstract');
    await page.goto(`${server.url}/`);
    await expectInert(page, 'home with the submission');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
