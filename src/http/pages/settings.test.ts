// The settings page over both dialects: signed in only, in the account menu; the name shown (page
// and API); upvote privacy; a new
// API token made by POST and shown once by the page it redirects to (a reload shows and makes
// nothing); revoking; changing the password (other sessions end, this one and the API tokens
// stay; a wrong current password spends the sign-in failure budgets).
import { describe, expect, it } from 'vitest';
import { pageClient } from '../../../test/client.ts';
import { suiteApp, TEST_NOW } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { person } from '../../../test/signed-in.ts';
import { openSession } from '../../actions/accounts.ts';
import { LIMITS } from '../../actions/rate-limit.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { NEW_TOKEN_COOKIE } from './token-flash.ts';

const PASSWORD = 'correct horse battery';
const newTokenIn = (html: string): string | undefined => /<input id="new-token" class="token" type="text" readonly="" value="(pb_[^"]+)"/.exec(html)?.[1];

describe.each(DIALECTS)('settings (%s)', (dialect) => {
  const t = suiteApp(dialect);

  const tokensOf = (userId: string) => t.database.db.selectFrom('api_tokens').select(['id', 'name']).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();

  it('is for signed-in users, in the account menu; the profile keeps public things and links to it', async () => {
    const anon = await t.app.request('/settings');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/signin?next=%2Fsettings');
    const ada = await person(t, 'Ada');
    const home = await (await ada.b.get('/')).text();
    expect(home).toContain('<a href="/settings">Settings</a>');
    const page = await ada.b.get('/settings');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    for (const part of ['<h1>Settings</h1>', 'action="/settings/upvotes"', 'action="/settings/password"', 'action="/settings/tokens"', 'Change password']) expect(html).toContain(part);
    // The profile shows no settings, to its owner only a link to them.
    const own = await (await ada.b.get(`/users/${ada.user.handle}`)).text();
    expect(own).toContain('href="/settings"');
    for (const form of ['/settings/upvotes', '/settings/tokens', '/settings/password']) expect(own).not.toContain(`action="${form}"`);
    expect(await (await t.app.request(`/users/${ada.user.handle}`)).text()).not.toContain('href="/settings"');
  });

  it('switches upvote privacy from the settings, with a notice', async () => {
    const ada = await person(t, 'Private Ada');
    await ada.b.get('/settings');
    const off = await ada.b.post('/settings/upvotes', {});
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe('/settings?saved=upvotes');
    const page = await (await ada.b.get('/settings?saved=upvotes')).text();
    expect(page).toContain('Saved: your upvotes are private.');
    expect(page).not.toMatch(/name="public" value="1" checked/);
    expect(await (await ada.b.get(`/users/${ada.user.handle}`)).text()).toContain('your upvotes are private');
    await ada.b.post('/settings/upvotes', { public: '1' });
    expect(await (await ada.b.get('/settings?saved=upvotes')).text()).toMatch(/name="public" value="1" checked/);
  });

  it('makes a token by POST and redirect: the page shows it once, at the top, with a Copy button; a reload shows and makes nothing', async () => {
    const ada = await person(t, 'Token Ada');
    await ada.b.get('/settings');
    const before = (await tokensOf(ada.user.id)).length;
    const made = await ada.b.post('/settings/tokens', { name: 'laptop' });
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/settings');
    expect(await made.text()).not.toContain('pb_');
    const cookie = made.headers.getSetCookie().find((l) => l.startsWith(`${NEW_TOKEN_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=300/i);
    expect(cookie).toMatch(/Path=\/settings/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const shown = await ada.b.get('/settings');
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.headers.getSetCookie().join()).toMatch(new RegExp(`${NEW_TOKEN_COOKIE}=;.*Max-Age=0`, 'i'));
    const html = await shown.text();
    const token = newTokenIn(html) as string;
    expect(token).toMatch(/^pb_[\w-]{40,}$/);
    // Sealed: the browser held the secret for a moment without being able to read it.
    expect(cookie).not.toContain(token.slice(3, 20));
    // At the top: before the page's first form, with the copy script and its button.
    expect(html.indexOf(token)).toBeLessThan(html.indexOf('action="/settings/upvotes"'));
    expect(html).toContain('Your new API token “laptop”');
    expect(html).toContain('you will not see it again');
    expect(html).toContain('data-copy="new-token"');
    expect(html).toMatch(/<script src="\/assets\/copy\.js\?v=\w+" defer/);
    expect((await t.app.request('/api/orgs', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // Reloading shows it no more and makes no other token.
    const again = await (await ada.b.get('/settings')).text();
    expect(again).not.toContain(token);
    expect(again).not.toContain('id="new-token"');
    expect(await tokensOf(ada.user.id)).toHaveLength(before + 1);
    // The list reads as words: "never used" (or when last used), then the Revoke button, which names its token.
    const text = again.replace(/<[^>]+>/g, '');
    expect(text).toMatch(/tests · created Aug 21, 2026 · never used Revoke the token “tests”/);
    expect(text).toMatch(/laptop · created Aug 21, 2026 · last used Aug 21, 2026 Revoke the token “laptop”/);
  });

  it('shows a flashed token only to its account, within five minutes, while it is live', async () => {
    const ada = await person(t, 'Flash Ada');
    const eve = await person(t, 'Flash Eve');
    await ada.b.get('/settings');
    // Another account presenting Ada's cookie sees nothing.
    await ada.b.post('/settings/tokens', { name: 'stolen cookie' });
    eve.b.cookies.set(NEW_TOKEN_COOKIE, ada.b.cookies.get(NEW_TOKEN_COOKIE) as string);
    expect(newTokenIn(await (await eve.b.get('/settings')).text())).toBeUndefined();
    // An altered cookie shows nothing.
    ada.b.cookies.set(NEW_TOKEN_COOKIE, `${(ada.b.cookies.get(NEW_TOKEN_COOKIE) as string).slice(0, -2)}AA`);
    expect(newTokenIn(await (await ada.b.get('/settings')).text())).toBeUndefined();
    // Past five minutes, nothing (the browser would have dropped it too).
    await ada.b.post('/settings/tokens', { name: 'slow' });
    t.ctx.now = () => new Date(TEST_NOW.getTime() + 301_000);
    expect(newTokenIn(await (await ada.b.get('/settings')).text())).toBeUndefined();
    t.ctx.now = () => TEST_NOW;
    // Revoked before the page showed it (in another tab): nothing to copy.
    await ada.b.post('/settings/tokens', { name: 'gone' });
    const gone = (await tokensOf(ada.user.id)).find((x) => x.name === 'gone');
    const pending = ada.b.cookies.get(NEW_TOKEN_COOKIE) as string;
    await ada.b.post(`/settings/tokens/${gone?.id}/revoke`);
    ada.b.cookies.set(NEW_TOKEN_COOKIE, pending);
    expect(newTokenIn(await (await ada.b.get('/settings')).text())).toBeUndefined();
    // A token without a name is refused on the page, with its message.
    const unnamed = await ada.b.post('/settings/tokens', { name: '  ' });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain('Name the token');
  });

  it('revokes a token with a redirect and a notice', async () => {
    const ada = await person(t, 'Revoke Ada');
    const [token] = await tokensOf(ada.user.id);
    await ada.b.get('/settings');
    const res = await ada.b.post(`/settings/tokens/${token?.id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings?saved=revoked');
    expect(await (await ada.b.get('/settings?saved=revoked')).text()).toContain('The token was revoked');
    expect((await ada.api('GET', '/api/orgs')).status).toBe(401);
  });

  it('changes the password: other sessions end, this one and the API tokens stay', async () => {
    const ada = await person(t, 'Change Ada');
    const elsewhere = pageClient(t.app, { ip: '192.0.2.200' });
    elsewhere.cookies.set(SESSION_COOKIE, (await openSession(t.database.db, ada.user.id, TEST_NOW)).token);
    expect(await (await elsewhere.get('/settings')).text()).toContain('<h1>Settings</h1>');
    await ada.b.get('/settings');
    const res = await ada.b.post('/settings/password', { current: PASSWORD, password: 'a much newer password' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings?saved=password');
    // This browser gets a device cookie under the new password.
    expect(res.headers.getSetCookie().join()).toMatch(/pb_device=[^;]+;.*Path=\/signin/i);
    expect(await (await ada.b.get('/settings?saved=password')).text()).toContain('Your password was changed.');
    expect((await elsewhere.get('/settings')).headers.get('location')).toBe('/signin?next=%2Fsettings');
    expect((await ada.api('GET', '/api/orgs')).status).toBe(200);
    const row = await t.database.db.selectFrom('users').select('password_hash').where('id', '=', ada.user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const other = pageClient(t.app, { ip: '192.0.2.201' });
    await other.get('/signin');
    expect((await other.post('/signin', { email: ada.email, password: PASSWORD })).status).toBe(401);
    expect((await other.post('/signin', { email: ada.email, password: 'a much newer password' })).status).toBe(303);
  });

  it('refuses a wrong current password, and counts it as a failed sign-in', async () => {
    const ada = await person(t, 'Guess Ada');
    await ada.b.get('/settings');
    // A new password that would be refused says so, and costs no attempt.
    const short = await ada.b.post('/settings/password', { current: 'anything', password: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Use at least 10 characters');
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++) {
      const wrong = await ada.b.post('/settings/password', { current: `guess number ${i}`, password: 'a much newer password' });
      expect(wrong.status, `guess #${i + 1}`).toBe(400);
      if (i === 0) expect(await wrong.text()).toContain('That is not your current password.');
    }
    const limited = await ada.b.post('/settings/password', { current: PASSWORD, password: 'a much newer password' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same budget as sign-in: a browser new to the account waits too.
    const fresh = pageClient(t.app, { ip: '192.0.2.210' });
    await fresh.get('/signin');
    expect((await fresh.post('/signin', { email: ada.email, password: PASSWORD })).status).toBe(429);
    // Nothing changed; once the window passes, the right password works.
    t.ctx.now = () => new Date(TEST_NOW.getTime() + LIMITS.signInPerAccount.windowMs + 1000);
    await ada.b.get('/settings');
    expect((await ada.b.post('/settings/password', { current: PASSWORD, password: 'a much newer password' })).status).toBe(303);
  });

  it('signs out every other browser, keeping this one and the API tokens', async () => {
    const ada = await person(t, 'Roaming Ada');
    expect(await (await ada.b.get('/settings')).text()).toContain('Only in this browser.');
    const elsewhere = [0, 1].map((i) => pageClient(t.app, { ip: `192.0.2.${220 + i}` }));
    for (const b of elsewhere) b.cookies.set(SESSION_COOKIE, (await openSession(t.database.db, ada.user.id, TEST_NOW)).token);
    const page = await (await ada.b.get('/settings')).text();
    expect(page).toContain('In this browser and 2 others.');
    const res = await ada.b.post('/settings/sessions/others', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings?saved=signed-out');
    const after = await (await ada.b.get('/settings?saved=signed-out')).text();
    expect(after).toContain('You were signed out everywhere else.');
    expect(after).toContain('Only in this browser.');
    for (const b of elsewhere) expect((await b.get('/settings')).headers.get('location')).toBe('/signin?next=%2Fsettings');
    expect((await ada.api('GET', '/api/orgs')).status).toBe(200);
    // Another account's sessions are untouched.
    const bob = await person(t, 'Bystander Bob');
    await ada.b.post('/settings/sessions/others', {});
    expect((await bob.b.get('/settings')).status).toBe(200);
  });

  it('changes the name shown on the profile, comments and submissions; the handle stays', async () => {
    const ada = await person(t, 'Ada Byron');
    await storePapers(t.database.db, [paperInput({ id: '2608.70001', title: 'A paper Ada submitted' })]);
    await t.database.db.updateTable('papers').set({ submitted_by: ada.user.name, submitted_by_user: ada.user.id }).where('id', '=', '2608.70001').execute();
    expect(await (await ada.b.get('/settings')).text()).toContain('value="Ada Byron"');
    const saved = await ada.b.post('/settings/name', { name: '  Ada Lovelace ' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/settings?saved=name');
    expect(await (await ada.b.get('/settings?saved=name')).text()).toContain('Saved: you are shown as Ada Lovelace.');
    const profile = await (await t.app.request(`/users/${ada.user.handle}`)).text();
    expect(profile).toContain('Ada Lovelace');
    expect(profile).not.toContain('Ada Byron');
    expect(await (await t.app.request('/papers/2608.70001')).text()).toContain('Ada Lovelace');
    // Refused with the reason, in its section; nothing changes.
    for (const bad of ['', '   ', '<b>Ada</b>', 'x'.repeat(81)]) {
      const r = await ada.b.post('/settings/name', { name: bad });
      expect(r.status, bad).toBe(400);
    }
    // The API, by token.
    const api = await ada.api('PUT', '/api/account/name', { name: 'Countess of Lovelace' });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ name: 'Countess of Lovelace', handle: ada.user.handle });
    expect((await ada.api('PUT', '/api/account/name', { name: 42 })).status).toBe(400);
    const row = await t.database.db.selectFrom('users').select(['name', 'handle']).where('id', '=', ada.user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Countess of Lovelace', handle: ada.user.handle });
    const paper = await t.database.db.selectFrom('papers').select('submitted_by').where('id', '=', '2608.70001').executeTakeFirstOrThrow();
    expect(paper.submitted_by).toBe('Countess of Lovelace');
  });

  it('keeps the forms to the browser session: an API token cannot post them', async () => {
    const ada = await person(t, 'Bearer Ada');
    for (const path of ['/settings/password', '/settings/tokens', '/settings/upvotes', '/settings/name', '/settings/sessions/others']) {
      expect((await ada.api('POST', path, { current: PASSWORD, password: 'another long password', name: 'more' })).status, path).toBe(403);
    }
    expect(await tokensOf(ada.user.id)).toHaveLength(1);
  });
});
