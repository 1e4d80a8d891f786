// Discussion in a real browser: sign up through the mailed link, comment on a paper with hostile
// payloads and Markdown, reply in a nested thread without JavaScript-only controls, and check that
// nothing ran (no dialog, no flag set by a payload, no injected element) while the text shows.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser-suite.ts';
import { HAS_CHROMIUM } from './server.ts';

const PAPER = '/papers/2608.00105';

const PAYLOADS = [
  '<script>window.__xss = 1; alert(1)</script>',
  '<img src=x onerror="window.__xss=2;alert(1)">',
  '[click me](javascript:window.__xss=3)',
  '<a href="javascript:alert(1)">x</a>',
  '"><svg onload="window.__xss=4">',
  '<b><i>unclosed',
  '$<img src=x onerror=alert(1)>$',
];

describe.skipIf(!HAS_CHROMIUM)('discussing a paper in the browser', () => {
  const suite = browserSuite();

  const signUp = async (page: Page, name: string, email: string) => {
    await page.goto(`${suite.server.url}/signup`);
    const form = page.locator('form[action="/signup"]');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('a long enough password');
    await form.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('.notice').waitFor();
    const mail = suite.server.mailer.sent.find((m) => m.to === email);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/verify\/\S+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeTruthy();
    await page.goto(link as string);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.waitForURL(`${suite.server.url}/`);
  };

  it('posts hostile comments that render as text and run nothing, and replies in a thread', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signUp(page, 'Marie Curie', 'marie@example.org');
    await page.goto(suite.server.url + PAPER);
    for (const payload of [...PAYLOADS, 'Plain **bold** and $E=mc^2$']) {
      await page.locator('#new-comment').fill(payload);
      await page.locator('form.comment-form').first().getByRole('button', { name: 'Comment' }).click();
      await page.waitForURL(/#comment-[\w-]+$/);
    }
    const discussion = page.locator('#discussion');
    const text = (await discussion.textContent()) ?? '';
    for (const payload of PAYLOADS.slice(0, 6)) expect(text).toContain(payload);
    expect(await discussion.locator('.comment-body strong').textContent()).toBe('bold');
    expect(await discussion.locator('.comment-body .katex').count()).toBe(2);
    expect(await discussion.locator('script, img, svg, iframe, [onerror], [onload]').count()).toBe(0);
    expect(await discussion.locator('a[href^="javascript:" i]').count()).toBe(0);
    await page.getByText('[click me](javascript:window.__xss=3)').click();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // Reply to the first comment through its <details> form.
    const first = discussion.locator('.thread > li.comment').first();
    await first.locator('summary', { hasText: 'Reply' }).first().click();
    await first.getByLabel('Your reply').first().fill('A reply, nested.');
    await first.getByRole('button', { name: 'Reply' }).first().click();
    await page.waitForURL(/#comment-[\w-]+$/);
    const id = new URL(page.url()).hash.slice(1);
    await expect(page.locator(`.thread .thread > li#${id} .comment-body`).textContent()).resolves.toContain('A reply, nested.');
    // With JavaScript, Ctrl+Enter sends a comment too.
    await page.locator('#new-comment').fill('Sent with the keyboard');
    await page.locator('#new-comment').press('Control+Enter');
    await page.waitForURL((url) => url.hash !== `#${id}`);
    await expect(page.locator(`${new URL(page.url()).hash} .comment-body`).textContent()).resolves.toContain('Sent with the keyboard');
    await expect(page.locator('.paper-meta .count').textContent()).resolves.toMatch(/\b10 comments/);
    await page.screenshot({ path: 'test-results/discussion.png', fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps huge math in a comment from drawing a huge box or widening the paper page or the profile on a phone', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
    await signUp(page, 'Emmy Noether', 'emmy@example.org');
    await page.goto(suite.server.url + PAPER);
    // Earlier tests' comments on this paper hold formulas too: count only the new ones.
    const before = await page.locator('.comment-body .katex').count();
    // Formulas KaTeX cannot break, wider than the phone: they scroll within the comment.
    const wide = [`$$${'\\kern{2em}x'.repeat(60)}$$`, `Inline: $${'\\kern{1em}y'.repeat(20)}$`];
    for (const body of ['A block: $\\rule{100000em}{100000em}$', ...wide]) {
      await page.locator('#new-comment').fill(body);
      await page.locator('form.comment-form').first().getByRole('button', { name: 'Comment' }).click();
      await page.waitForURL(/#comment-[\w-]+$/);
    }
    await page.waitForLoadState('load');
    const rule = page.locator('.comment-body .katex [class*="rule"]').first();
    const box = await rule.boundingBox();
    expect(box).not.toBeNull();
    // Capped at 2em of the comment's text, not 20em (or 100000em).
    expect(box!.width).toBeLessThan(60);
    expect(box!.height).toBeLessThan(60);
    expect(await page.locator('.comment-body .katex').count()).toBe(before + 3);
    expect(await page.locator('.comment-body .katex-error').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The wide formula scrolls in a box the keyboard can reach (and then scroll with arrow keys).
    const scrollers = await page
      .locator('.comment-body *')
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'auto').map((el) => [el.className, el.tabIndex]));
    expect(scrollers.length).toBeGreaterThan(0);
    for (const [name, tabIndex] of scrollers) expect({ name, tabIndex }).toEqual({ name, tabIndex: 0 });
    await page.screenshot({ path: 'test-results/discussion-huge-math-phone.png', fullPage: true });
    // The profile lists the same comments, and scrolls the formula within its card as well.
    const profile = await page.locator('a', { hasText: 'Your profile' }).first().getAttribute('href');
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(suite.server.url + profile);
      await page.waitForLoadState('load');
      expect(await page.locator('.comment-list .katex-display').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  });

  it('shows a comment with a list and code on the profile as one card, its items as a list', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signUp(page, 'Lise Meitner', 'lise@example.org');
    await page.goto(suite.server.url + PAPER);
    await page.locator('#new-comment').fill('Two notes:\n\n- item one\n- item `code`');
    await page.locator('form.comment-form').first().getByRole('button', { name: 'Comment' }).click();
    await page.waitForURL(/#comment-[\w-]+$/);
    const profile = await page.getByText('Your profile').first().getAttribute('href');
    await page.goto(suite.server.url + profile);
    const card = page.locator('.comment-list > li').first();
    const items = card.locator('.comment-body li');
    await expect(items.count()).resolves.toBe(2);
    const style = (el: Element) => {
      const s = getComputedStyle(el);
      return { border: s.borderTopWidth, background: s.backgroundColor, list: s.display };
    };
    // The card has the border; the list items inside it do not.
    expect((await card.evaluate(style)).border).toBe('1px');
    expect(await items.first().evaluate(style)).toMatchObject({ border: '0px', list: 'list-item' });
    const code = card.locator('.comment-body code');
    expect(await code.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    expect(await code.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  });

  it("shows the end of a comment's edit window in the reader's own time", async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'en-GB' })).newPage();
    await signUp(page, 'Chien-Shiung Wu', 'wu@example.org');
    await page.goto(suite.server.url + PAPER);
    await page.locator('#new-comment').fill('A comment to edit');
    await page.locator('form.comment-form').first().getByRole('button', { name: 'Comment' }).click();
    await page.waitForURL(/#comment-[\w-]+$/);
    await page.locator(`${new URL(page.url()).hash}`).getByRole('link', { name: 'Edit' }).click();
    const until = page.locator('time[data-local-time]');
    const iso = (await until.getAttribute('datetime'))!;
    // With the zone's name, so that nobody reads it as UTC.
    const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
    expect(tokyo).toMatch(/^\d\d:\d\d (JST|GMT\+9)$/);
    await expect(until.textContent()).resolves.toBe(tokyo);
  });

  it('asks before deleting a comment, and deletes it only on yes', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signUp(page, 'Rosalind Franklin', 'rosalind@example.org');
    await page.goto(suite.server.url + PAPER);
    await page.locator('#new-comment').fill('A comment I will regret');
    await page.locator('form.comment-form').first().getByRole('button', { name: 'Comment' }).click();
    await page.waitForURL(/#comment-[\w-]+$/);
    const mine = page.locator(`${new URL(page.url()).hash}`);
    const asked: string[] = [];
    let answer = false;
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });
    await mine.getByRole('button', { name: 'Delete' }).click();
    expect(asked).toEqual(['Delete this comment? Its text is removed for good.']);
    await expect(mine.locator('.comment-body').textContent()).resolves.toContain('A comment I will regret');
    answer = true;
    await mine.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByText('A comment I will regret').count()).toBe(0);
    expect(asked).toHaveLength(2);
  });
  it('posts a comment once however often it is sent, and gives the button back to a page brought back', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signUp(page, 'Ada Yonath', 'yonath@example.org');
    await page.goto(suite.server.url + PAPER);
    const before = await page.locator('.comment-body', { hasText: 'Pressed twice' }).count();
    await page.locator('#new-comment').fill('Pressed twice');
    const button = page.locator('form.comment-form').first().getByRole('button', { name: 'Comment' });
    // Clicked, then sent again at once (a second click, Enter, a script): the second is stopped.
    const after = await button.evaluate((b: HTMLButtonElement) => {
      b.click();
      const state = { text: b.textContent?.trim(), disabled: b.disabled };
      const again = new SubmitEvent('submit', { bubbles: true, cancelable: true });
      b.form?.dispatchEvent(again);
      return { ...state, resent: !again.defaultPrevented };
    });
    expect(after).toEqual({ text: 'Posting…', disabled: true, resent: false });
    await page.waitForURL(/#comment-[\w-]+$/);
    await expect(page.locator('.comment-body', { hasText: 'Pressed twice' }).count()).resolves.toBe(before + 1);

    // A page the browser keeps in its back/forward cache comes back as it was left, the button
    // still "Posting…"; busy.js gives it back so the form can be sent again.
    await page.goto(suite.server.url + PAPER);
    const restored = await page.evaluate(() => {
      const form = document.querySelector('form.comment-form') as HTMLFormElement;
      const b = form.querySelector('button[type=submit]') as HTMLButtonElement;
      (form.querySelector('textarea') as HTMLTextAreaElement).value = 'Never sent';
      // Nothing leaves the page here: after busy.js has seen each sending (on the document), the
      // window notes whether busy.js stopped it and then stops it itself.
      const stoppedByPage: boolean[] = [];
      window.addEventListener('submit', (e) => {
        stoppedByPage.push(e.defaultPrevented);
        e.preventDefault();
      });
      b.click();
      // Busy, the button stays readable: it is not faded as far as a disabled one.
      const sent = { text: b.textContent?.trim(), disabled: b.disabled, readable: Number(getComputedStyle(b).opacity) >= 0.7 };
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      const back = { text: b.textContent?.trim(), disabled: b.disabled };
      form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
      return { sent, back, stoppedByPage };
    });
    expect(restored).toEqual({ sent: { text: 'Posting…', disabled: true, readable: true }, back: { text: 'Comment', disabled: false }, stoppedByPage: [false, false] });
  });
});
