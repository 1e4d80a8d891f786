// Accounts and votes in a real browser: sign up through the form and the mailed confirmation
// link (its page confirms with a button), then upvote a paper without the page reloading, and
// take it back (by keyboard too, the focus staying on the button and a vote on its way sent once);
// signed out, with JavaScript or without, an Upvote asks to sign in, and the sign-in casts that
// vote and returns to the page.
import { describe, expect, it } from 'vitest';
import { browserSuite, signInPage } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

describe.skipIf(!HAS_CHROMIUM)('signing up and upvoting in the browser', () => {
  const suite = browserSuite();

  it('signs up, confirms by mail, and upvotes without a reload', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${suite.server.url}/`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    const form = page.locator('form[action="/signup"]');
    await form.getByLabel('Name').fill('Rosalind Franklin');
    await form.getByLabel('Email').fill('rosalind@example.org');
    await form.getByLabel('Password').fill('photograph fifty one');
    await form.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.locator('.notice').textContent()).resolves.toContain('We sent a mail to rosalind@example.org');
    const mail = suite.server.mailer.sent.find((m) => m.to === 'rosalind@example.org');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/verify\/\S+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeTruthy();
    await page.goto(link as string);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.waitForURL(`${suite.server.url}/`);
    await expect(page.locator('.account').textContent()).resolves.toContain('Rosalind Franklin');

    const card = page.locator('.cards > li.card').first();
    const button = card.locator('button.votes');
    const before = Number(await button.locator('.vote-count').textContent());
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    await expect(button.locator('.vote-count').textContent()).resolves.toBe(String(before + 1));
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await page.screenshot({ path: 'test-results/upvoted.png' });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    await expect(button.locator('.vote-count').textContent()).resolves.toBe(String(before));
    // The count survives a reload: it is stored, not just drawn.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await expect(page.locator('.cards > li.card').first().locator('button.votes .vote-count').textContent()).resolves.toBe(String(before + 1));
    expect(problems).toEqual([]);
  });

  it('keeps the focus on an upvote button pressed with Enter, and sends the vote once while it is on its way', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInPage(page, suite.server.url, 'rosalind@example.org', 'photograph fifty one');
    const button = page.locator('.cards > li.card').nth(1).locator('button.votes');
    const pressed = await button.getAttribute('aria-pressed');
    const action = await page.locator('.cards > li.card').nth(1).locator('form.vote-form').getAttribute('action');
    // The vote is held back until the button has been pressed twice.
    let sent = 0;
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${action}`, async (route) => {
      sent += 1;
      await held;
      await route.continue();
    });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => sent).toBe(1);
    await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // It looks busy while the vote is on its way, and as before once answered.
    await expect(button.evaluate((el) => getComputedStyle(el).opacity)).resolves.toBe('0.7');
    await page.keyboard.press('Enter');
    release();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe(pressed === 'true' ? 'false' : 'true');
    await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(sent).toBe(1);
    await expect.poll(() => button.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    // Once answered, Enter votes again, from the same button.
    await page.keyboard.press('Enter');
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe(pressed);
    await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(sent).toBe(2);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('votes without JavaScript: the sign-in an Upvote asks for casts that vote and comes back to the paper page', async () => {
    const page = await (await suite.browser.newContext({ javaScriptEnabled: false })).newPage();
    const paper = `${suite.server.url}/papers/2608.00105`;
    await page.goto(paper);
    const button = page.locator('form[action="/papers/2608.00105/vote"] button.votes').first();
    const before = Number(await button.locator('.vote-count').textContent());
    await button.click();
    await page.waitForURL(/\/signin\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/papers/2608.00105');
    expect(new URL(page.url()).searchParams.get('vote')).toBe('2608.00105');
    await expect(page.locator('.form-page .notice').first().textContent()).resolves.toMatch(/^Sign in to upvote “.+”\. You will be back where you were, with your upvote counted\.$/s);
    const form = page.locator('form[action^="/signin"]');
    await form.getByLabel('Email').fill('rosalind@example.org');
    await form.getByLabel('Password').fill('photograph fifty one');
    await form.getByRole('button', { name: 'Sign in' }).click();
    // Back on the paper, the vote already there: no second press.
    await page.waitForURL(`${paper}#paper-2608.00105`);
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(button.locator('.vote-count').textContent()).resolves.toBe(String(before + 1));
    await page.context().close();
  });

  it('with JavaScript too: a signed-out Upvote on a feed card leads to the sign-in, which casts it and comes back to the card', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${suite.server.url}/`);
    const card = page.locator('.cards > li.card').nth(2);
    const action = (await card.locator('form.vote-form').getAttribute('action')) as string;
    const id = /^\/papers\/(.+)\/vote$/.exec(action)?.[1] as string;
    expect(id).not.toBe('2608.00105');
    const before = Number(await card.locator('button.votes .vote-count').textContent());
    await card.locator('button.votes').click();
    await page.waitForURL(/\/signin\?next=/);
    expect(new URL(page.url()).searchParams.get('vote')).toBe(id);
    await expect(page.locator('.form-page .notice').first().textContent()).resolves.toContain('Sign in to upvote');
    const form = page.locator('form[action^="/signin"]');
    await form.getByLabel('Email').fill('rosalind@example.org');
    await form.getByLabel('Password').fill('photograph fifty one');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.server.url}/#paper-${id}`);
    const button = page.locator(`form[action="${action}"] button.votes`).first();
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(button.locator('.vote-count').textContent()).resolves.toBe(String(before + 1));
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
