// Account pages saying where the visitor stands, over both dialects: a dead reset link says so
// before anyone types a password; a reset and a confirmation land on the home page with a notice,
// once; signed-in visitors opening /signin or /signup (or their confirmation link again) are told
// they are signed in; "Forgot your password?" carries the address typed.
import { describe, expect, it } from 'vitest';
import { linkIn, pageClient } from '../../../test/client.ts';
import { suiteApp, TEST_NOW } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { askReset, person } from '../../../test/signed-in.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { NOTICE_COOKIE } from './flash-notice.tsx';

const BASE = 'http://paperboy.test';
const DEAD = 'This reset link has expired or was already used. Ask for a new one.';

describe.each(DIALECTS)('account notices (%s)', (dialect) => {
  const t = suiteApp(dialect);

  const expectDead = async (res: Response) => {
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(DEAD);
    expect(html).toContain('href="/reset"');
    expect(html).not.toContain('name="password"');
  };

  it('says a reset link is dead when it is opened, without using a live one', async () => {
    await createUserDirect(t.database.db, { email: 'dead@example.org', password: 'correct horse battery', name: 'Dee', role: 'user' }, TEST_NOW);
    const b = pageClient(t.app);
    await expectDead(await b.get('/reset/made-up-token'));
    const link = await askReset(t, 'dead@example.org', '198.51.100.120');
    // Opening a live link twice shows the form twice: looking does not use it.
    for (let i = 0; i < 2; i++) expect(await (await b.get(link)).text()).toContain(`action="${link}"`);
    expect((await b.post(link, { password: 'the chosen new password' })).status).toBe(303);
    await expectDead(await pageClient(t.app).get(link));
    // Posting to a dead link answers with the same page, not the form again.
    const other = pageClient(t.app);
    await other.get('/reset');
    await expectDead(await other.post(link, { password: 'an attacker password' }));
    // An expired link, too.
    const late = await askReset(t, 'dead@example.org', '198.51.100.120');
    t.ctx.now = () => new Date(TEST_NOW.getTime() + 31 * 60_000);
    await expectDead(await pageClient(t.app).get(late));
  });

  it('lands on the home page with a notice after a reset, once', async () => {
    await createUserDirect(t.database.db, { email: 'notice@example.org', password: 'correct horse battery', name: 'Noa Tice', role: 'user' }, TEST_NOW);
    const link = await askReset(t, 'notice@example.org', '198.51.100.121');
    const b = pageClient(t.app);
    await b.get(link);
    const done = await b.post(link, { password: 'the chosen new password' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    expect(done.headers.getSetCookie().join()).toMatch(new RegExp(`${NOTICE_COOKIE}=password-reset;.*HttpOnly`, 'i'));
    const home = await b.get('/');
    expect(await home.text()).toContain('Your password was changed, and you are signed in as Noa Tice. Every other session was signed out and your API tokens were revoked.');
    expect(home.headers.getSetCookie().join()).toMatch(new RegExp(`${NOTICE_COOKIE}=;.*Max-Age=0`, 'i'));
    expect(await (await b.get('/')).text()).not.toContain('Your password was changed');
    // A cookie naming no notice shows nothing (and goes).
    b.cookies.set(NOTICE_COOKIE, 'anything-else');
    expect(await (await b.get('/')).text()).not.toContain('class="notice flash"');
    expect(b.cookies.has(NOTICE_COOKIE)).toBe(false);
  });

  it('lands on the home page with a notice after confirming; the link again says the address is confirmed', async () => {
    const before = t.mailer.sent.length;
    const b = pageClient(t.app, { ip: '198.51.100.122' });
    await b.get('/signup');
    await b.post('/signup', { name: 'Con Firmed', email: 'confirmed@example.org', password: 'correct horse battery' });
    const link = linkIn(t.mailer.sent[before]?.text ?? '', BASE);
    await b.get(link);
    const res = await b.post(link);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(await (await b.get('/')).text()).toContain('Your address is confirmed, and you are signed in as Con Firmed.');
    expect(await (await b.get('/')).text()).not.toContain('Your address is confirmed');
    // Opened again while signed in to that account: confirmed, go on; no sign-in button.
    for (const again of [await b.get(link), await b.post(link)]) {
      const html = await again.text();
      expect(html).toContain('Your address is confirmed, and you are signed in.');
      expect(html).toContain('href="/">Go to today');
      expect(html).not.toContain('does not sign you in again');
    }
    // Anyone else (signed out, or signed in to another account) is asked to sign in.
    const eve = await person(t, 'Eve');
    for (const c of [pageClient(t.app), eve.b]) {
      const html = await (await c.get(link)).text();
      expect(html).toContain('This address is already confirmed, so the link does not sign you in again.');
      expect(html).toContain('class="button primary" href="/signin"');
    }
  });

  it('tells a signed-in visitor opening /signin or /signup who they are, with ways on and out', async () => {
    const ada = await person(t, 'Ada Signed');
    const page = await ada.b.get('/signin?next=%2Fpapers%3Fq%3Dx');
    const html = await page.text();
    expect(html).toContain('You are signed in as Ada Signed.');
    expect(html).toContain('href="/papers?q=x">Continue');
    expect(html).not.toContain('action="/signin');
    expect(html).toContain(`action="/signout?next=${encodeURIComponent('/signin?next=%2Fpapers%3Fq%3Dx')}"`);
    // Signing out there comes back to the form asked for.
    const out = await ada.b.post(`/signout?next=${encodeURIComponent('/signin?next=%2Fpapers%3Fq%3Dx')}`);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/signin?next=%2Fpapers%3Fq%3Dx');
    expect(await (await ada.b.get('/signin?next=%2Fpapers%3Fq%3Dx')).text()).toContain('action="/signin?next=%2Fpapers%3Fq%3Dx"');

    const bob = await person(t, 'Bob Signed');
    const signup = await (await bob.b.get('/signup')).text();
    expect(signup).toContain('You are signed in as Bob Signed.');
    expect(signup).toContain('href="/">Continue');
    expect(signup).toContain('action="/signout?next=%2Fsignup"');
    expect(signup).not.toContain('action="/signup"');
    // Neither `next` leaves the site.
    expect(await (await bob.b.get('/signin?next=%2F%2Fevil.example')).text()).toContain('href="/">Continue');
    const away = await bob.b.post('/signout?next=https%3A%2F%2Fevil.example%2F');
    expect(away.headers.get('location')).toBe('/');
  });

  it('signs out from the account menu back to the page it was on', async () => {
    const cy = await person(t, 'Cy');
    const page = await (await cy.b.get('/papers?q=speculative')).text();
    expect(page).toMatch(/<form method="post" action="\/signout" class="inline"><input type="hidden" name="_csrf" value="[^"]+"\/><input type="hidden" name="_back" value="\/papers\?q=speculative"\/>/);
    const out = await cy.b.post('/signout', { _back: '/papers?q=speculative' });
    expect(out.headers.get('location')).toBe('/papers?q=speculative');
    expect(await (await cy.b.get('/papers?q=speculative')).text()).not.toContain('action="/signout"');
  });

  it('carries the address typed to "Forgot your password?"', async () => {
    const b = pageClient(t.app, { ip: '198.51.100.123' });
    const page = await (await b.get('/signin')).text();
    expect(page).toContain('href="/reset" data-carry-email="email"');
    expect(page).toMatch(/<script src="\/assets\/carry-email\.js\?v=\w+" defer/);
    // A form shown again after a failure carries it without JavaScript.
    const failed = await (await b.post('/signin', { email: ' Someone@Example.org ', password: 'not the password' })).text();
    expect(failed).toContain('href="/reset?email=Someone%40Example.org" data-carry-email="email"');
    const reset = await (await b.get('/reset?email=Someone%40Example.org')).text();
    expect(reset).toContain('name="email" type="email" autocomplete="email" required="" value="Someone@Example.org"');
    expect(await (await t.app.request('/assets/carry-email.js')).text()).toContain('data-carry-email');
  });
});
