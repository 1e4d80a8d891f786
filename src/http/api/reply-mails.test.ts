// The reply-mail setting in the JSON API on both dialects: read and saved by token or by session
// with its CSRF header, the same choice the settings checkbox shows and saves; turning them on
// forgets a bounce; anything but `{enabled: true|false}` is a 400 that says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { person, type Person } from '../../../test/signed-in.ts';
import { markReplyMailsBounced } from '../../db/reply-mail-settings.ts';

describe.each(DIALECTS)('reply mails API (%s)', (dialect) => {
  let t: TestApp;
  let ada: Person;
  let bob: Person;
  const setting = async (who: Person) => {
    const res = await who.api('GET', '/api/account/reply-mails');
    expect(res.status).toBe(200);
    return res.json();
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ada = await person(t, 'Ada');
    bob = await person(t, 'Bob');
  });
  afterAll(async () => t.close());

  it('reads and saves the choice by token, as the settings page shows it', async () => {
    expect(await setting(ada)).toEqual({ enabled: true, bouncedAt: null });
    const off = await ada.api('PUT', '/api/account/reply-mails', { enabled: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ enabled: false, bouncedAt: null });
    expect(await (await ada.b.get('/settings')).text()).not.toMatch(/name="on" value="1" checked/);
    expect(await setting(bob)).toEqual({ enabled: true, bouncedAt: null });
    // The checkbox and the API save the same choice.
    await ada.b.get('/settings');
    expect((await ada.b.post('/settings/reply-mails', { on: '1' })).status).toBe(303);
    expect(await setting(ada)).toEqual({ enabled: true, bouncedAt: null });
  });

  it('says when the address bounced, and forgets it once they are turned on', async () => {
    await markReplyMailsBounced(t.database.db, bob.user.id, '550 no such user', TEST_NOW);
    expect(await setting(bob)).toEqual({ enabled: false, bouncedAt: TEST_NOW.toISOString() });
    expect(await (await bob.api('PUT', '/api/account/reply-mails', { enabled: true })).json()).toEqual({ enabled: true, bouncedAt: null });
  });

  it('takes a session only with its CSRF header, and nothing without an account', async () => {
    const noCsrf = await ada.session('PUT', '/api/account/reply-mails', { enabled: false }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect(await setting(ada)).toEqual({ enabled: true, bouncedAt: null });
    expect((await ada.session('PUT', '/api/account/reply-mails', { enabled: false })).status).toBe(200);
    expect(await (await ada.session('GET', '/api/account/reply-mails')).json()).toEqual({ enabled: false, bouncedAt: null });
    expect((await t.app.request('/api/account/reply-mails')).status).toBe(401);
    const anonymous = await t.app.request('/api/account/reply-mails', { method: 'PUT', body: '{"enabled":true}', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    const madeUp = await t.app.request('/api/account/reply-mails', { method: 'PUT', body: '{"enabled":true}', headers: { authorization: 'Bearer pb_made_up', 'content-type': 'application/json' } });
    expect(((await madeUp.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });

  it('refuses anything but {enabled: true|false} with a 400 that says so', async () => {
    for (const body of [{}, { enabled: 'true' }, { enabled: 1 }, { enabled: null }, { on: true }]) {
      const res = await ada.api('PUT', '/api/account/reply-mails', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_input', message: '"enabled" must be true or false.' } });
    }
    expect((await ada.api('PUT', '/api/account/reply-mails', [true])).status).toBe(400);
    expect(await setting(ada)).toEqual({ enabled: false, bouncedAt: null });
  });
});
