// The submit form while arXiv answers, in a real browser (Debian's chromium through
// playwright-core): the button is disabled and reads "Fetching from arXiv…" until the answer
// comes, and the form is not sent twice; the look-up is held by the test, so nothing is timed.
// Without JavaScript the form still posts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture } from '../test/arxiv-fixtures.ts';
import { type ReplayServer, startReplayServer } from '../test/replay-server.ts';
import { replayArxiv } from '../test/signed-in.ts';
import { createUserDirect } from '../src/actions/accounts.ts';
import type { ArxivLookup } from '../src/actions/submit-paper.ts';
import { signInPage } from './browser-suite.ts';
import { type E2eServer, HAS_CHROMIUM, launchChromium, startE2eServer } from './server.ts';

describe.skipIf(!HAS_CHROMIUM)('submitting a paper in the browser', () => {
  let server: E2eServer;
  let arxiv: ReplayServer;
  let browser: Browser;
  let lookups = 0;
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });

  beforeAll(async () => {
    arxiv = await startReplayServer([{ path: '/api/query', query: { id_list: '2104.12255', start: '0', max_results: '1' }, respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } }]);
    const real = replayArxiv(arxiv.url);
    // arXiv "takes its time": each look-up waits until the test lets it through.
    const held: ArxivLookup = {
      lookup: async (ids) => {
        lookups++;
        await answered;
        return real.lookup(ids);
      },
    };
    server = await startE2eServer({}, { arxiv: held });
    await createUserDirect(server.database.db, { email: 'submitter@example.org', password: 'a long enough password', name: 'Sub Mitter', role: 'user' }, new Date('2026-08-01T00:00:00Z'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    release();
    await browser?.close();
    await server?.close();
    await arxiv?.close();
  });

  it('says it is fetching from arXiv and cannot be sent twice while it waits', async () => {
    const page = await (await browser.newContext()).newPage();
    await signInPage(page, server.url, 'submitter@example.org', 'a long enough password');
    await page.goto(`${server.url}/submit?id=2104.12255`);
    const button = page.locator('form[action="/submit"] button[type="submit"]');
    await expect.poll(() => button.textContent()).toBe('Submit');
    // Clicked and read in one go inside the page: while the post waits on arXiv, the test's calls
    // into the page wait too. The click runs busy.js's submit handler at once; the page then shows
    // what is read here until the answer comes.
    const after = await button.evaluate((b: HTMLButtonElement) => {
      b.click();
      const state = { text: b.textContent, disabled: b.disabled };
      // Another attempt to send it (Enter in the field, a script) is stopped.
      const again = new SubmitEvent('submit', { bubbles: true, cancelable: true });
      b.form?.dispatchEvent(again);
      return { ...state, resent: !again.defaultPrevented };
    });
    expect(after).toEqual({ text: 'Fetching from arXiv…', disabled: true, resent: false });
    await expect.poll(() => lookups).toBe(1);
    release();
    await page.waitForURL(`${server.url}/papers/2104.12255?submitted=1`);
    expect(lookups).toBe(1);
  });

  it('posts without JavaScript', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signInPage(page, server.url, 'submitter@example.org', 'a long enough password');
    await page.goto(`${server.url}/submit`);
    await page.locator('form[action="/submit"] input[name="id"]').fill('2608.19880');
    await page.locator('form[action="/submit"] button[type="submit"]').click();
    await page.waitForURL(`${server.url}/papers/2608.19880?already=1`);
  });
});
