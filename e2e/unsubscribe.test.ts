// The visible unsubscribe link of a digest, in a real browser (Debian's chromium through
// playwright-core): one click from the mail unsubscribes (the page submits its form on load), and
// "Subscribe again" undoes it; without JavaScript the page waits for its button, and its GET
// alone, as a mail scanner fetches it, changes nothing.
import { describe, expect, it } from 'vitest';
import { subscriptionLink } from '../src/actions/subscription-links.ts';
import { siteSecret } from '../src/db/settings.ts';
import { getSubscriber } from '../src/db/subscribers.ts';
import { addSubscriber } from '../test/subscribers.ts';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const NOW = new Date('2026-08-21T12:00:00Z');

describe.skipIf(!HAS_CHROMIUM)('unsubscribing from a digest', () => {
  const suite = browserSuite();

  const link = async (email: string) => {
    const id = await addSubscriber(suite.server.database.db, { email });
    return { id, url: subscriptionLink(suite.server.url, await siteSecret(suite.server.database.db), 'digest-unsubscribe', id, NOW) };
  };
  const status = async (id: string) => (await getSubscriber(suite.server.database.db, id))?.status;

  it('takes one click from the mail, and can be undone', async () => {
    const { id, url } = await link('one-click@example.org');
    // A scanner's GET changes nothing.
    expect((await fetch(url)).status).toBe(200);
    expect(await status(id)).toBe('active');
    const page = await suite.browser.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await status(id)).toBe('unsubscribed');
    await page.getByRole('button', { name: 'Subscribe again' }).click();
    await page.getByRole('heading', { name: 'You are subscribed again' }).waitFor();
    expect(await status(id)).toBe('active');
    await page.close();
  });

  it('without JavaScript, waits for the button', async () => {
    const { id, url } = await link('no-script@example.org');
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.getByRole('heading', { name: 'Unsubscribe' }).isVisible()).toBe(true);
    expect(await status(id)).toBe('active');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await status(id)).toBe('unsubscribed');
    await context.close();
  });
});
