// Follow buttons over both dialects: on a search, a category's feed and an organization's page;
// a signed-in user's click adds the item to the digest of their account's address (active at
// once, re-activated if stopped, never twice) and lands on its preferences; visitors are sent
// to sign in; bad input and unconfirmed accounts are refused. "Your email digest" in the menu
// leads to the account's digest, or starts one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageClient } from '../../../test/client.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person } from '../../../test/signed-in.ts';
import { insertOrganization } from '../../db/organizations.ts';
import { findSubscriberByEmail, insertSubscriber, listFollows, updateSubscriber } from '../../db/subscribers.ts';

const followForm = (html: string): { kind: string; value: string } | undefined => {
  const m = /<form class="follow-form"[^>]*>.*?name="kind" value="([^"]*)".*?name="value" value="([^"]*)"/s.exec(html);
  return m ? { kind: m[1]!, value: m[2]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&') } : undefined;
};

describe.each(DIALECTS)('follow buttons (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00501', title: 'Speculative decoding for everyone', feedDate: '2026-08-21', categories: ['cs.CL'], organization: 'Deep Lab' }),
    ]);
    await insertOrganization(t.database.db, { handle: 'deep-lab', name: 'Deep Lab', description: '', now: new Date('2026-08-01T00:00:00Z') });
  });
  afterAll(async () => t.close());

  it('offers the button on a search, a category feed and an organization page, and only there', async () => {
    const search = await (await t.app.request('/papers?q=speculative+decoding')).text();
    expect(followForm(search)).toEqual({ kind: 'topic', value: 'speculative decoding' });
    // The form comes back to the page it is on.
    expect(search).toMatch(/<form class="follow-form"[^>]*><input type="hidden" name="_csrf" value="[^"]*"\/><input type="hidden" name="_back" value="\/papers\?q=speculative\+decoding"\/>/);
    expect(followForm(await (await t.app.request('/papers/date/2026-08-21?cat=cs.CL')).text())).toEqual({ kind: 'category', value: 'cs.CL' });
    expect(followForm(await (await t.app.request('/orgs/deep-lab')).text())).toEqual({ kind: 'organization', value: 'Deep Lab' });
    expect(followForm(await (await t.app.request('/papers/date/2026-08-21')).text())).toBeUndefined();
    // A query too long to be a topic gets no button.
    expect(followForm(await (await t.app.request(`/papers?q=${'speculative '.repeat(30)}`)).text())).toBeUndefined();
  });

  it('sends a visitor to sign in, then asks once to follow that very item, and goes back to the page', async () => {
    const b = pageClient(t.app, { ip: '198.51.100.150' });
    await b.get('/papers?q=speculative+decoding');
    const res = await b.post('/follow', { kind: 'topic', value: 'speculative decoding', _back: '/papers?q=speculative+decoding' });
    expect(res.status).toBe(303);
    const confirm = '/follow?kind=topic&value=speculative+decoding&back=%2Fpapers%3Fq%3Dspeculative%2Bdecoding';
    expect(res.headers.get('location')).toBe(confirm);
    // Signed out, the page offers sign-in (coming back here) or the digest by email alone.
    const choice = await (await b.get(confirm)).text();
    expect(choice).toContain(`href="/signin?next=${encodeURIComponent(confirm).replaceAll('&', '&amp;')}"`);
    expect(choice).toMatch(/<form method="post" action="\/subscribe">.*name="kind" value="topic".*name="value" value="speculative decoding"/s);
    const cy = await person(t, 'Cy');
    await b.get('/signin');
    const signedIn = await b.post(`/signin?next=${encodeURIComponent(confirm)}`, { email: cy.email, password: 'correct horse battery' });
    expect(signedIn.headers.get('location')).toBe(confirm);
    const page = await (await b.get(confirm)).text();
    expect(page).toContain('Add a section for <strong>the topic “speculative decoding”</strong> to your digest?');
    expect(page).toContain('name="_back" value="/papers?q=speculative+decoding"');
    // Nothing is followed until the button is pressed.
    expect(await findSubscriberByEmail(t.database.db, cy.email)).toBeUndefined();
    const followed = await b.post('/follow', { kind: 'topic', value: 'speculative decoding', _back: '/papers?q=speculative+decoding' });
    expect(followed.headers.get('location')).toMatch(/^\/subscription\/[^?]+\?followed=new&back=%2Fpapers%3Fq%3Dspeculative%2Bdecoding$/);
    const sub = (await findSubscriberByEmail(t.database.db, cy.email))!;
    expect((await listFollows(t.database.db, sub.id)).map((f) => [f.kind, f.value])).toEqual([['topic', 'speculative decoding']]);
    expect((await b.get('/follow?kind=nonsense&value=x')).status).toBe(400);
  });

  it("adds the item to the account's digest, active at once, once, and shows its preferences", async () => {
    const ada = await person(t, 'Ada');
    await ada.b.get('/papers?q=speculative+decoding');
    const res = await ada.b.post('/follow', { kind: 'topic', value: '  speculative   decoding ', timezone: 'Asia/Tokyo' });
    expect(res.status).toBe(303);
    const prefs = res.headers.get('location')!;
    expect(prefs).toMatch(/^\/subscription\/[^?]+\?followed=new$/);
    const page = await (await ada.b.get(prefs)).text();
    expect(page).toContain('Followed: your digest now has a section for it.');
    // The button now says it is followed, for this account only.
    const followed = await (await ada.b.get('/papers?q=speculative+decoding')).text();
    expect(followForm(followed)).toBeUndefined();
    expect(followed).toContain('In your email digest · <a href="/digest">Manage</a>');
    expect(followForm(await (await t.app.request('/papers?q=speculative+decoding')).text())).toEqual({ kind: 'topic', value: 'speculative decoding' });
    expect(page).toContain('speculative decoding</textarea>');
    const sub = (await findSubscriberByEmail(t.database.db, ada.email))!;
    expect(sub.status).toBe('active');
    // A new digest starts at the browser's hour; the follow button carries its time zone.
    expect(sub.timezone).toBe('Asia/Tokyo');
    expect(await (await t.app.request('/papers?q=speculative+decoding')).text()).toMatch(/<form class="follow-form"[^>]*>.*?<input type="hidden" name="timezone" value="" data-timezone=""\/>/s);
    expect(await listFollows(t.database.db, sub.id)).toEqual([{ kind: 'topic', value: 'speculative decoding' }]);
    // Again: no second row; another kind adds to the same subscriber.
    expect((await ada.b.post('/follow', { kind: 'topic', value: 'speculative decoding' })).headers.get('location')).toMatch(/\?followed=again$/);
    await ada.b.post('/follow', { kind: 'category', value: 'cs.CL' });
    expect(await listFollows(t.database.db, sub.id)).toEqual([
      { kind: 'category', value: 'cs.CL' },
      { kind: 'topic', value: 'speculative decoding' },
    ]);
  });

  it('links from the preferences back to the page the button was on (a same-site path only)', async () => {
    const dee = await person(t, 'Dee');
    await dee.b.get('/papers?q=speculative+decoding');
    const res = await dee.b.post('/follow', { kind: 'topic', value: 'robots', _back: '/papers?q=robots' });
    const prefs = res.headers.get('location')!;
    expect(prefs).toMatch(/\?followed=new&back=%2Fpapers%3Fq%3Drobots$/);
    expect(await (await dee.b.get(prefs)).text()).toContain('<a href="/papers?q=robots">Back to where you were</a>');
    const evil = await dee.b.post('/follow', { kind: 'topic', value: 'drones', _back: '//evil.example/x' });
    expect(evil.headers.get('location')).toMatch(/\?followed=new$/);
    const forged = await (await dee.b.get(`${prefs.split('?')[0]}?followed=new&back=${encodeURIComponent('https://evil.example/')}`)).text();
    // (The page's own address, with that query, may travel in a form's hidden return field.)
    expect(forged).not.toMatch(/href="[^"]*evil\.example/);
    expect(forged).toContain('<a href="/">Back to where you were</a>');
  });

  it('re-activates a stopped subscription of the same address', async () => {
    const bob = await person(t, 'Bob');
    await insertSubscriber(t.database.db, { id: 'bobsubscription0000001', email: bob.email, created_at: '2026-08-01T00:00:00Z' });
    await updateSubscriber(t.database.db, 'bobsubscription0000001', { status: 'unsubscribed', unsubscribed_at: '2026-08-02T00:00:00Z' });
    await bob.b.get('/orgs/deep-lab');
    expect((await bob.b.post('/follow', { kind: 'organization', value: 'Deep Lab' })).status).toBe(303);
    expect(await findSubscriberByEmail(t.database.db, bob.email)).toMatchObject({ id: 'bobsubscription0000001', status: 'active', unsubscribed_at: null });
  });

  it('refuses bad input, a missing CSRF value and accounts whose address is not confirmed', async () => {
    const eve = await person(t, 'Eve');
    await eve.b.get('/');
    expect((await eve.b.post('/follow', { kind: 'everything', value: 'x' })).status).toBe(400);
    expect((await eve.b.post('/follow', { kind: 'category', value: 'not a category!' })).status).toBe(400);
    expect((await eve.b.post('/follow', { kind: 'topic', value: 'x', _csrf: 'forged' })).status).toBe(403);
    await t.database.db.updateTable('users').set({ verified_at: null }).where('id', '=', eve.user.id).execute();
    const unverified = await eve.b.post('/follow', { kind: 'topic', value: 'robots' });
    expect(unverified.status).toBe(403);
    expect(await unverified.text()).toContain('Confirm your email address first');
    expect(await findSubscriberByEmail(t.database.db, eve.email)).toBeUndefined();
  });

  it('subscribes a visitor by email with the followed item, added only by the confirmation link that carries it', async () => {
    const b = pageClient(t.app, { ip: '198.51.100.151' });
    await b.get('/follow?kind=author&value=Ada+Lovelace');
    const sent = await b.post('/subscribe', { email: 'reader@example.org', kind: 'author', value: 'Ada Lovelace', timezone: 'Europe/Paris' });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Once you confirm from it, your digest has a section for the author “Ada Lovelace”');
    const sub = (await findSubscriberByEmail(t.database.db, 'reader@example.org'))!;
    expect(sub).toMatchObject({ status: 'pending', timezone: 'Europe/Paris' });
    // Nothing is followed before the mailbox's owner confirms: the confirmation link carries it.
    expect(await listFollows(t.database.db, sub.id)).toEqual([]);
    await t.ctx.mailLater.idle();
    const confirmation = t.mailer.sent.at(-1)!;
    expect(confirmation.text).toContain('with a section for the author “Ada Lovelace”');
    const confirm = /http:\/\/paperboy\.test(\/subscribe\/confirm\/\S+\?follow=\S+)/.exec(confirmation.text)![1]!;
    const asked = await (await t.app.request(confirm)).text();
    expect(asked).toContain('with a section for <strong>the author “Ada Lovelace”</strong>');
    expect(await listFollows(t.database.db, sub.id)).toEqual([]);
    // The follow token of another subscription does not ride on this one's link.
    const elsewhere = await b.post('/subscribe', { email: 'someone.else@example.org', kind: 'topic', value: 'spam' });
    expect(elsewhere.status).toBe(200);
    await t.ctx.mailLater.idle();
    const foreign = /\?follow=(\S+)/.exec(t.mailer.sent.at(-1)!.text)![1]!;
    expect((await t.app.request(confirm.replace(/\?follow=\S+/, `?follow=${foreign}`), { method: 'POST' })).status).toBe(200);
    expect(await listFollows(t.database.db, sub.id)).toEqual([]);
    // An address whose digest is active gets a link that adds the follow once its owner presses the
    // button of its page: nobody adds to it by knowing the address, and the page says the same.
    await updateSubscriber(t.database.db, sub.id, { status: 'pending', confirmed_at: null });
    expect((await t.app.request(confirm, { method: 'POST' })).status).toBe(200);
    expect(await findSubscriberByEmail(t.database.db, 'reader@example.org')).toMatchObject({ status: 'active' });
    expect(await listFollows(t.database.db, sub.id)).toEqual([{ kind: 'author', value: 'Ada Lovelace' }]);
    const active = await b.post('/subscribe', { email: 'reader@example.org', kind: 'topic', value: 'diffusion' });
    expect(await active.text()).toContain('Once you confirm from it, your digest has a section for the topic “diffusion”');
    await t.ctx.mailLater.idle();
    const mail = t.mailer.sent.at(-1)!;
    expect(mail.to).toBe('reader@example.org');
    // The subject carries none of what a visitor typed: the address's owner reads it in the body.
    expect(mail.subject).toBe('Add a section to your Paperboy digest?');
    expect(mail.text).toContain('the topic “diffusion”');
    const link = /http:\/\/paperboy\.test(\/subscribe\/follow\/\S+)/.exec(mail.text)![1]!;
    expect(mail.html).toContain(`href="http://paperboy.test${link}"`);
    expect(await listFollows(t.database.db, sub.id)).toEqual([{ kind: 'author', value: 'Ada Lovelace' }]);
    // Opening the link (as a mail scanner does) shows a button and changes nothing.
    const page = await t.app.request(link);
    expect(await page.text()).toContain('Add a section for <strong>the topic “diffusion”</strong> to the digest sent to <strong>reader@example.org</strong>?');
    expect(await listFollows(t.database.db, sub.id)).toEqual([{ kind: 'author', value: 'Ada Lovelace' }]);
    // The button's POST, with no cookie (the signed link is the credential), adds it once.
    const added = await t.app.request(link, { method: 'POST' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toMatch(/^\/subscription\/[^?]+\?followed=new$/);
    expect(await (await t.app.request(added.headers.get('location')!)).text()).toContain('Followed: your digest now has a section for it.');
    expect(await listFollows(t.database.db, sub.id)).toEqual([{ kind: 'author', value: 'Ada Lovelace' }, { kind: 'topic', value: 'diffusion' }]);
    expect((await t.app.request(link, { method: 'POST' })).headers.get('location')).toMatch(/\?followed=again$/);
    expect(await listFollows(t.database.db, sub.id)).toHaveLength(2);
    // A link altered to another follow or another address is refused.
    expect((await t.app.request(link.replace(/\/follow\/(.)/, '/follow/x$1'), { method: 'POST' })).status).toBe(404);
    // A follow that is not one is refused, and nothing is stored for the address.
    expect((await b.post('/subscribe', { email: 'other@example.org', kind: 'everything', value: 'x' })).status).toBe(400);
    expect(await findSubscriberByEmail(t.database.db, 'other@example.org')).toBeUndefined();
  });

  it('"Your email digest" leads to the preferences of the account\'s digest, or starts one with a button', async () => {
    const cy = await person(t, 'Cy');
    const home = await (await cy.b.get('/')).text();
    expect(home).toContain('<a href="/digest">Your email digest</a>');
    // The footer does not ask a signed-in reader for an address again: it leads to the same page.
    expect(home).not.toContain('id="subscribe-email"');
    expect(home).toMatch(/<p class="subscribe-box">[^<]*<a href="\/digest">your email digest<\/a><\/p>/);
    expect(await (await t.app.request('/')).text()).toContain('id="subscribe-email"');
    const start = await cy.b.get('/digest');
    expect(start.status).toBe(200);
    const html = await start.text();
    expect(html).toContain('Start my digest');
    expect(html).toContain(cy.email);
    expect(await findSubscriberByEmail(t.database.db, cy.email)).toBeUndefined();
    expect(html).toMatch(/<form method="post" action="\/digest">.*?data-timezone=""/s);
    const started = await cy.b.post('/digest', { timezone: 'Not/AZone' });
    expect(started.status).toBe(303);
    const prefs = started.headers.get('location')!;
    expect(prefs).toMatch(/^\/subscription\/[^?]+\?started=1$/);
    expect(await (await cy.b.get(prefs)).text()).toContain('Your digest is on.');
    // A time zone that is not one leaves the default.
    expect(await findSubscriberByEmail(t.database.db, cy.email)).toMatchObject({ status: 'active', timezone: 'UTC' });
    // From now on the menu link goes straight to the preferences.
    const again = await cy.b.get('/digest');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(prefs.replace('?started=1', ''));
    // Visitors are sent to sign in.
    expect((await t.app.request('/digest')).status).toBe(303);
  });
});
