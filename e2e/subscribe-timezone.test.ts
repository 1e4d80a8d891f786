// Subscribing from the footer box in a real browser (Debian's chromium through playwright-core):
// the box carries the browser's time zone, so the new subscription starts at the reader's own
// hour; without JavaScript it starts in UTC.
import { describe, expect, it } from 'vitest';
import { findSubscriberByEmail } from '../src/db/subscribers.ts';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

describe.skipIf(!HAS_CHROMIUM)("the footer's subscribe box", () => {
  const suite = browserSuite();

  const subscribeFrom = async (options: { timezoneId?: string; javaScriptEnabled?: boolean }, email: string) => {
    const context = await suite.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(suite.server.url + '/');
    await page.locator('#subscribe-email').fill(email);
    await page.locator('form.subscribe-box').getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await context.close();
    return (await findSubscriberByEmail(suite.server.database.db, email))?.timezone;
  };

  it("starts the subscription in the browser's time zone", async () => {
    expect(await subscribeFrom({ timezoneId: 'Asia/Tokyo' }, 'tokyo@example.org')).toBe('Asia/Tokyo');
    expect(await subscribeFrom({ timezoneId: 'America/Los_Angeles' }, 'la@example.org')).toBe('America/Los_Angeles');
  });

  it('starts it in UTC without JavaScript', async () => {
    expect(await subscribeFrom({ timezoneId: 'Asia/Tokyo', javaScriptEnabled: false }, 'plain@example.org')).toBe('UTC');
  });
});
