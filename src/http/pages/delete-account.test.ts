// Deleting an account from the settings page (and the API), on both dialects: one transaction
// takes back the upvotes as unvoting does (counts and trending exact while others' votes stay),
// removes comments nothing answers and leaves "[deleted]" placeholders under replies (comment
// counts exact), and removes collections, memberships, claims, sessions, tokens and the digest;
// submitted papers lose "submitted by"; the profile is gone, the handle reserved, the address free,
// the audit log intact. The current password and a confirmation are required, nobody deletes
// another's account, and the last administrator is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageClient } from '../../../test/client.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { type Person, person } from '../../../test/signed-in.ts';
import { createUserDirect } from '../../actions/accounts.ts';
import { startDigestForUser } from '../../actions/follow.ts';
import { trendingScore } from '../../core/trending.ts';
import { findSubscriberByEmail } from '../../db/subscribers.ts';
import { recordSubmission } from '../../db/submissions.ts';

const PASSWORD = 'correct horse battery';
const DAY = '2026-08-21';

describe.each(DIALECTS)('deleting an account (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.10001', title: 'Voted and discussed', feedDate: DAY, upvotes: 40, comments: 2 }),
      paperInput({ id: '2608.10002', title: 'Voted too', feedDate: DAY, upvotes: 7 }),
      paperInput({ id: '2608.10003', title: 'Her submission', feedDate: DAY }),
    ]);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const paper = (id: string) => db().selectFrom('papers').select(['upvotes', 'comments', 'trending', 'feed_date', 'submitted_by', 'submitted_by_user']).where('id', '=', id).executeTakeFirstOrThrow();
  const comment = async (p: Person, paperId: string, body: string, parentId?: string): Promise<string> => {
    const res = await p.api('POST', `/api/papers/${paperId}/comments`, { body, ...(parentId ? { parentId } : {}) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const remove = async (p: Person, fields: Record<string, string> = { current: PASSWORD, confirm: 'yes' }) => {
    await p.b.get('/settings');
    return p.b.post('/settings/delete', fields);
  };
  const userRow = (id: string) => db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('takes back the upvotes with exact counts, leaves placeholders only under replies, and removes the rest', async () => {
    const [ada, bob, cy] = [await person(t, 'Ada'), await person(t, 'Bob'), await person(t, 'Cy')];
    for (const p of [ada, bob, cy]) expect((await p.api('POST', '/api/papers/2608.10001/vote')).status).toBe(200);
    for (const p of [ada, bob]) await p.api('POST', '/api/papers/2608.10002/vote');
    // Ada: a comment Bob answers, one nobody answers, one answered only by herself, and a reply to Bob.
    const answered = await comment(ada, '2608.10001', 'Answered by Bob');
    const bobReply = await comment(bob, '2608.10001', 'Bob answers', answered);
    await comment(ada, '2608.10001', 'Alone');
    const own = await comment(ada, '2608.10001', 'Answered by herself');
    await comment(ada, '2608.10001', 'Her own answer', own);
    const bobTop = await comment(bob, '2608.10001', 'Bob on top');
    await comment(ada, '2608.10001', 'Ada answers Bob', bobTop);
    expect(await paper('2608.10001')).toMatchObject({ upvotes: 43, comments: 9 });
    // Her collection, membership, claim, submission and digest.
    expect((await ada.api('POST', '/api/collections', { name: 'Reading' })).status).toBe(201);
    await db().insertInto('organizations').values({ handle: 'lab', name: 'The Lab', created_at: TEST_NOW.toISOString() }).execute();
    await db().insertInto('org_members').values({ org_handle: 'lab', user_id: ada.user.id, created_at: TEST_NOW.toISOString() }).execute();
    await db().insertInto('organizations').values({ handle: 'other', name: 'Other Lab', created_at: TEST_NOW.toISOString() }).execute();
    await db().insertInto('org_invitations').values({ id: 'inv-to-ada', org_handle: 'other', user_id: ada.user.id, role: 'member', invited_by: bob.user.id, created_at: TEST_NOW.toISOString() }).execute();
    await db().insertInto('org_invitations').values({ id: 'inv-from-ada', org_handle: 'lab', user_id: bob.user.id, role: 'member', invited_by: ada.user.id, created_at: TEST_NOW.toISOString() }).execute();
    await db().insertInto('author_claims').values({ id: 'claim-ada', paper_id: '2608.10001', author_name: 'Ada Lovelace', user_id: ada.user.id, status: 'pending', created_at: TEST_NOW.toISOString() }).execute();
    await recordSubmission(db(), { userId: ada.user.id, userName: 'Ada', paperId: '2608.10003', now: TEST_NOW });
    await startDigestForUser(db(), ada.user, TEST_NOW);
    expect(await (await t.app.request('/papers/2608.10003')).text()).toContain(`</time> by <a href="/users/${ada.user.handle}">Ada</a>`);

    const res = await remove(ada);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.getSetCookie().join()).toMatch(/pb_session=;.*Max-Age=0/i);
    const home = await (await ada.b.get('/')).text();
    expect(home).toContain('Your account was deleted, and you are signed out.');
    expect(home).not.toContain('href="/settings"');

    // Votes: Bob's and Cy's stay; counts and trending as unvoting leaves them.
    for (const [id, upvotes] of [['2608.10001', 42], ['2608.10002', 8]] as const) {
      const row = await paper(id);
      expect(row.upvotes).toBe(upvotes);
      expect(row.trending).toBeCloseTo(trendingScore(row.upvotes, row.comments, row.feed_date as string), 9);
    }
    expect(await db().selectFrom('votes').select('paper_id').where('user_id', '=', ada.user.id).execute()).toEqual([]);
    // Comments: 2 from the source, Bob's two, and the placeholder that Bob's reply hangs from.
    const rows = await db().selectFrom('comments').select(['id', 'body', 'deleted_at']).where('user_id', '=', ada.user.id).execute();
    expect(rows).toEqual([{ id: answered, body: '', deleted_at: TEST_NOW.toISOString() }]);
    expect((await paper('2608.10001')).comments).toBe(4);
    const thread = (await (await t.app.request('/api/papers/2608.10001/comments')).json()) as { comments: { id: string; deleted: boolean; author?: unknown; body: string; replies: { id: string }[] }[] };
    const placeholder = thread.comments.find((c) => c.id === answered);
    expect(placeholder).toMatchObject({ deleted: true, body: '' });
    expect(placeholder?.author ?? null).toBeNull();
    expect(placeholder?.replies.map((r) => r.id)).toEqual([bobReply]);
    expect(thread.comments.map((c) => c.id).sort()).toEqual([answered, bobTop].sort());
    const page = await (await t.app.request('/papers/2608.10001')).text();
    expect(page).toContain('[deleted]');
    expect(page).not.toContain('Answered by Bob');
    // Everything else of hers is gone; the submitted paper stays without her name.
    for (const table of ['collections', 'org_members', 'org_invitations', 'author_claims', 'submissions', 'sessions', 'api_tokens'] as const) {
      expect(await db().selectFrom(table).select('user_id').where('user_id', '=', ada.user.id).execute()).toEqual([]);
    }
    // An invitation she sent stays, from no one.
    expect(await db().selectFrom('org_invitations').select(['id', 'invited_by']).execute()).toEqual([{ id: 'inv-from-ada', invited_by: null }]);
    expect(await paper('2608.10003')).toMatchObject({ submitted_by: null, submitted_by_user: null });
    expect(await (await t.app.request('/papers/2608.10003')).text()).not.toContain('</time> by ');
    expect(await findSubscriberByEmail(db(), ada.email)).toBeUndefined();
    expect((await ada.api('GET', '/api/collections')).status).toBe(401);
    // The profile is gone; the handle stays reserved; the address is free for a new account.
    expect((await t.app.request(`/users/${ada.user.handle}`)).status).toBe(404);
    expect((await t.app.request(`/api/users/${ada.user.handle}`)).status).toBe(404);
    const row = await userRow(ada.user.id);
    expect(row).toMatchObject({ handle: ada.user.handle, name: '[deleted]', password_hash: '', deleted_at: TEST_NOW.toISOString() });
    const again = await createUserDirect(db(), { email: ada.email, password: PASSWORD, name: 'Ada', role: 'user' }, TEST_NOW);
    expect(again.handle).not.toBe(ada.user.handle);
    expect((await t.app.request(`/users/${again.handle}`)).status).toBe(200);
  });

  it('keeps the audit log, showing the actor as a deleted account', async () => {
    const mod = await person(t, 'Moderator Mo', 'moderator');
    const admin = await person(t, 'Admin Al', 'admin');
    const target = await person(t, 'Banned Later');
    await mod.b.get('/moderation');
    expect((await mod.api('POST', `/api/moderation/users/${target.user.handle}/ban`, { reason: 'spam' })).status).toBe(200);
    expect((await remove(mod)).status).toBe(303);
    const log = await db().selectFrom('audit_log').select(['action', 'actor_id', 'target_id']).orderBy('created_at').orderBy('action').execute();
    expect(log).toEqual(expect.arrayContaining([
      { action: 'ban_user', actor_id: mod.user.id, target_id: target.user.handle },
      { action: 'delete_user', actor_id: mod.user.id, target_id: mod.user.handle },
    ]));
    const html = await (await admin.b.get('/moderation')).text();
    expect(html).toMatch(/<td role="cell" data-label="Who">a deleted account<\/td>\s*<td role="cell" data-label="Did">banned<\/td>/);
    expect(html).not.toContain(`@${mod.user.handle}</td>`);
  });

  it('needs the current password and the confirmation; a wrong password counts as a failed sign-in', async () => {
    const ada = await person(t, 'Careful Ada');
    const wrong = await remove(ada, { current: 'not the password', confirm: 'yes' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('That is not your current password.');
    expect(html.indexOf('That is not your current password.')).toBeGreaterThan(html.indexOf('id="delete-title"'));
    const unconfirmed = await remove(ada, { current: PASSWORD });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Confirm that you want to delete your account');
    expect((await userRow(ada.user.id)).deleted_at).toBeNull();
    expect((await ada.b.get('/settings')).status).toBe(200);
    const counted = await db().selectFrom('rate_limits').select('count').where('key', '=', `signin-account:${ada.email}`).executeTakeFirst();
    expect(counted?.count).toBe(1);
  });

  it("nobody deletes another's account: the form acts on the session's own account only, and needs the CSRF value", async () => {
    const ada = await person(t, 'Target Ada');
    const eve = await person(t, 'Eve');
    // Naming Ada in the form changes nothing: Eve's session (with Eve's password) deletes Eve's account only.
    const res = await remove(eve, { current: PASSWORD, confirm: 'yes', handle: ada.user.handle, user_id: ada.user.id, email: ada.email });
    expect(res.status).toBe(303);
    expect((await userRow(eve.user.id)).deleted_at).not.toBeNull();
    expect((await userRow(ada.user.id)).deleted_at).toBeNull();
    // A cross-site form riding on Ada's cookies has no CSRF value.
    const forged = await t.app.request('/settings/delete', {
      method: 'POST',
      headers: { cookie: [...ada.b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ current: PASSWORD, confirm: 'yes' }).toString(),
    });
    expect(forged.status).toBe(403);
    // Signed out, the form leads to sign-in.
    const anon = pageClient(t.app);
    await anon.get('/');
    expect((await anon.post('/settings/delete', { current: PASSWORD, confirm: 'yes' })).status).toBe(303);
    expect((await userRow(ada.user.id)).deleted_at).toBeNull();
    expect((await ada.b.get('/settings')).status).toBe(200);
  });

  it('refuses the last administrator, and deletes one who is not the last', async () => {
    const admins = await db().selectFrom('users').select('id').where('role', '=', 'admin').where('deleted_at', 'is', null).execute();
    for (const a of admins) await db().updateTable('users').set({ role: 'user' }).where('id', '=', a.id).execute();
    const root = await person(t, 'Root', 'admin');
    const res = await remove(root);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You are the only administrator');
    expect((await userRow(root.user.id)).deleted_at).toBeNull();
    expect((await root.api('DELETE', '/api/account', { password: PASSWORD, confirm: true })).status).toBe(409);
    const second = await person(t, 'Second Root', 'admin');
    expect((await remove(root)).status).toBe(303);
    expect((await userRow(root.user.id)).deleted_at).not.toBeNull();
    expect((await remove(second)).status).toBe(409);
  });

  it('deletes through the JSON API with the password and confirm: true', async () => {
    const ada = await person(t, 'Api Ada');
    expect((await ada.api('DELETE', '/api/account', { password: PASSWORD })).status).toBe(400);
    expect((await ada.session('DELETE', '/api/account', { password: PASSWORD, confirm: true }, { csrf: false })).status).toBe(403);
    const res = await ada.api('DELETE', '/api/account', { password: PASSWORD, confirm: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true, handle: ada.user.handle });
    expect((await ada.api('DELETE', '/api/account', { password: PASSWORD, confirm: true })).status).toBe(401);
    expect((await ada.b.get('/settings')).status).toBe(303);
  });
});
