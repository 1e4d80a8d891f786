// Profiles and settings over both dialects: activity (submissions, comments), private upvotes,
// the author names and organizations a user holds,
// each list a page at a time (pages and API),
// API tokens shown once and revocable, and `paperboy user create --admin` from the command line.
// The settings page itself (PRG for new tokens, password changes) is in settings.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { pageClient } from '../../../test/client.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { createUserDirect, openSession } from '../../actions/accounts.ts';
import { deleteComment, postComment } from '../../actions/comments.ts';
import { moderateComment } from '../../actions/moderation.ts';
import { submitPaper } from '../../actions/submit-paper.ts';
import { vote } from '../../actions/votes.ts';
import { decideClaim, insertClaim } from '../../db/claims.ts';
import { insertComment } from '../../db/comments.ts';
import { insertOrganization, upsertMember } from '../../db/organizations.ts';
import { setPublicUpvotes } from '../../db/profiles.ts';
import { findUserByEmail } from '../../db/users.ts';
import { SESSION_COOKIE } from '../auth.ts';

describe.each(DIALECTS)('profiles (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.00011', title: 'Liked paper', feedDate: '2026-08-21' })]);
  });
  afterAll(async () => t.close());

  it("keeps a new account's upvotes private until its owner makes them public, and back", async () => {
    const user = await createUserDirect(t.database.db, { email: 'grace@example.org', password: 'correct horse battery', name: 'Grace "Amazing" Hopper & Co', role: 'user' }, new Date());
    await vote(t.database.db, user, '2608.00011', true, new Date());
    const fresh = await (await t.app.request(`/users/${user.handle}`)).text();
    expect(fresh).toContain('Grace &quot;Amazing&quot; Hopper &amp; Co');
    expect(fresh).not.toContain('Liked paper');
    const b = pageClient(t.app);
    b.cookies.set(SESSION_COOKIE, (await openSession(t.database.db, user.id, new Date())).token);
    await b.get(`/users/${user.handle}`);
    expect((await b.post('/settings/upvotes', { public: '1' })).status).toBe(303);
    expect(await (await t.app.request(`/users/${user.handle}`)).text()).toContain('Liked paper');
    expect((await b.post('/settings/upvotes', { public: '0' })).status).toBe(303);
    expect(await (await t.app.request(`/users/${user.handle}`)).text()).not.toContain('Liked paper');
    expect(await (await b.get(`/users/${user.handle}`)).text()).toContain('Liked paper');
    expect((await t.app.request('/users/nobody-here')).status).toBe(404);
    // Collections: the owner sees private ones, visitors only public ones.
    const { insertCollection } = await import('../../db/collections.ts');
    await insertCollection(t.database.db, { userId: user.id, name: 'Reading group', description: '', public: true, now: new Date() });
    await insertCollection(t.database.db, { userId: user.id, name: 'Secret drafts', description: '', public: false, now: new Date() });
    const seen = await (await t.app.request(`/users/${user.handle}`)).text();
    expect(seen).toContain('Reading group');
    expect(seen).not.toContain('Secret drafts');
    expect(await (await b.get(`/users/${user.handle}`)).text()).toContain('Secret drafts');
    // The JSON API shows the same: upvotes null while private (to others), the owner's own in full.
    type ApiProfile = { user: { handle: string; name: string }; upvotes: { id: string }[] | null; collections: { name: string }[] };
    const api = (await (await t.app.request(`/api/users/${user.handle}`)).json()) as ApiProfile;
    expect(api.user).toMatchObject({ handle: user.handle, name: 'Grace "Amazing" Hopper & Co' });
    expect(api.upvotes).toBeNull();
    expect(api.collections.map((x) => x.name)).toEqual(['Reading group']);
    const mine = (await (await b.get(`/api/users/${user.handle}`)).json()) as ApiProfile;
    expect(mine.upvotes?.map((p) => p.id)).toEqual(['2608.00011']);
    expect(mine.collections.map((x) => x.name).sort()).toEqual(['Reading group', 'Secret drafts']);
    await b.post('/settings/upvotes', { public: '1' });
    expect(((await (await t.app.request(`/api/users/${user.handle}`)).json()) as ApiProfile).upvotes?.map((p) => p.id)).toEqual(['2608.00011']);
    const missing = await t.app.request('/api/users/nobody-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('shows the papers a user submitted and their comments (not deleted or hidden ones), as text', async () => {
    const now = new Date();
    const author = await createUserDirect(t.database.db, { email: 'lin@example.org', password: 'correct horse battery', name: 'Lin', role: 'user' }, now);
    const mod = await createUserDirect(t.database.db, { email: 'mod@example.org', password: 'correct horse battery', name: 'Mod', role: 'moderator' }, now);
    await t.add([paperInput({ id: '2608.00012', title: 'A harvested paper Lin submits', feedDate: null })]);
    await submitPaper(t.database.db, undefined, { id: '2608.00012', user: author, ip: '192.0.2.60' }, now);
    const kept = await postComment(t.database.db, { user: author, paperId: '2608.00011', body: 'I liked <b>this</b> & that', ip: '192.0.2.60' }, now);
    const gone = await postComment(t.database.db, { user: author, paperId: '2608.00011', body: 'A comment I deleted', ip: '192.0.2.60' }, now);
    await deleteComment(t.database.db, { user: author, commentId: gone.id }, now);
    const hidden = await postComment(t.database.db, { user: author, paperId: '2608.00011', body: 'A comment a moderator hid', ip: '192.0.2.60' }, now);
    await moderateComment(t.database.db, mod, { commentId: hidden.id, hide: true }, now);
    const html = await (await t.app.request(`/users/${author.handle}`)).text();
    const submitted = html.slice(html.indexOf('Submitted papers'), html.indexOf('Comments</h2>'));
    expect(submitted).toContain('A harvested paper Lin submits');
    expect(submitted).toContain('href="/papers/2608.00012"');
    expect(html).toContain(`href="/papers/2608.00011#comment-${kept.id}"`);
    expect(html).toContain('I liked &lt;b&gt;this&lt;/b&gt; &amp; that');
    expect(html).not.toContain('A comment I deleted');
    expect(html).not.toContain('A comment a moderator hid');
    expect(html).not.toContain('No submissions yet.');
    expect(html).not.toContain('No comments yet.');
  });

  it('pages through long lists: the profile shows the latest 30 of each and links to all, a page at a time', async () => {
    const db = t.database.db;
    const start = Date.parse('2026-08-01T00:00:00Z');
    const at = (i: number) => new Date(start + i * 60_000);
    const reader = await createUserDirect(db, { email: 'reader@example.org', password: 'correct horse battery', name: 'Reader', role: 'user' }, at(0));
    const papers = Array.from({ length: 35 }, (_, i) => paperInput({ id: `2608.${String(20100 + i)}`, title: `Long list paper ${i}`, feedDate: '2026-08-20' }));
    await t.add(papers);
    for (const [i, p] of papers.entries()) await vote(db, reader, p.id, true, at(i + 1));
    await setPublicUpvotes(db, reader.id, true);
    for (let i = 0; i < 32; i++) await insertComment(db, { paperId: papers[i]!.id, userId: reader.id, parentId: null, body: `Note number ${i}`, now: at(i + 1) });
    const profile = await (await t.app.request(`/users/${reader.handle}`)).text();
    expect(profile).toContain(`href="/users/${reader.handle}/upvoted"`);
    expect(profile).toContain('All 35 upvoted papers');
    expect(profile).toContain('All 32 comments');
    expect(profile).not.toContain(`/users/${reader.handle}/submitted"`);
    // Page 1: the 30 latest votes, newest first; page 2: the 5 oldest; page 3 does not exist.
    const one = await (await t.app.request(`/users/${reader.handle}/upvoted`)).text();
    expect(one.match(/Long list paper \d+/g)?.slice(0, 2)).toEqual(['Long list paper 34', 'Long list paper 33']);
    expect(one).not.toContain('Long list paper 4<');
    expect(one).toContain(`href="/users/${reader.handle}/upvoted?p=2"`);
    const two = await (await t.app.request(`/users/${reader.handle}/upvoted?p=2`)).text();
    expect([...new Set(two.match(/Long list paper \d+/g))]).toEqual(['Long list paper 4', 'Long list paper 3', 'Long list paper 2', 'Long list paper 1', 'Long list paper 0']);
    expect((await t.app.request(`/users/${reader.handle}/upvoted?p=3`)).status).toBe(404);
    expect((await t.app.request(`/users/${reader.handle}/upvoted?p=0`)).status).toBe(400);
    expect((await t.app.request(`/users/${reader.handle}/secrets`)).status).toBe(404);
    const comments = await (await t.app.request(`/users/${reader.handle}/comments?p=2`)).text();
    expect(comments).toContain('Note number 1<');
    expect(comments).toContain('Note number 0<');
    expect(comments).not.toContain('Note number 2<');
    // The API pages the same lists.
    type ApiList = { total: number; page: number; numPages: number; items: { id: string; body?: string }[] };
    const api = (await (await t.app.request(`/api/users/${reader.handle}/upvoted?p=4&limit=10`)).json()) as ApiList;
    expect(api).toMatchObject({ total: 35, page: 4, numPages: 4 });
    expect(api.items.map((x) => x.id)).toEqual(papers.slice(0, 5).map((p) => p.id).reverse());
    const apiComments = (await (await t.app.request(`/api/users/${reader.handle}/comments?limit=2`)).json()) as ApiList;
    expect(apiComments.items.map((x) => x.body)).toEqual(['Note number 31', 'Note number 30']);
    expect(((await (await t.app.request(`/api/users/${reader.handle}`)).json()) as { numUpvotes: number }).numUpvotes).toBe(35);
    // Private upvotes: no list for visitors, the owner still pages through theirs.
    const b = pageClient(t.app);
    b.cookies.set(SESSION_COOKIE, (await openSession(db, reader.id, new Date())).token);
    await b.get(`/users/${reader.handle}`);
    await b.post('/settings/upvotes', { public: '0' });
    expect((await t.app.request(`/users/${reader.handle}/upvoted`)).status).toBe(404);
    expect((await t.app.request(`/api/users/${reader.handle}/upvoted`)).status).toBe(404);
    expect((await b.get(`/users/${reader.handle}/upvoted?p=2`)).status).toBe(200);
  });

  it('shows the author names a user holds by approved claims and their organizations, each linked, on the page and in the API', async () => {
    const db = t.database.db;
    const now = new Date();
    const user = await createUserDirect(db, { email: 'wei@example.org', password: 'correct horse battery', name: 'Wei', role: 'user' }, now);
    expect(await (await t.app.request(`/users/${user.handle}`)).text()).not.toContain('Author as');
    await t.add([paperInput({ id: '2608.00031', authors: ['Lin Wei', 'Ada Lovelace'] })]);
    const approved = await insertClaim(db, { paperId: '2608.00031', authorName: 'Lin Wei', userId: user.id, now });
    await decideClaim(db, { id: approved.id, status: 'approved', moderatorId: null, now });
    await insertClaim(db, { paperId: '2608.00031', authorName: 'Ada Lovelace', userId: user.id, now });
    for (const [handle, name, role] of [['applied-ml', 'Applied ML <Lab>', 'admin'], ['theory', 'Theory Group', 'member']] as const) {
      await insertOrganization(db, { handle, name, description: '', now });
      await upsertMember(db, { handle, userId: user.id, role, now });
    }
    await insertOrganization(db, { handle: 'elsewhere', name: 'Elsewhere', description: '', now });
    const html = await (await t.app.request(`/users/${user.handle}`)).text();
    expect(html).toContain('<p>Author as <a href="/authors/Lin%20Wei">Lin Wei</a></p>');
    expect(html).toContain('Member of <a href="/orgs/applied-ml">Applied ML &lt;Lab&gt;</a><span class="muted"> (admin)</span>, <a href="/orgs/theory">Theory Group</a></p>');
    expect(html).not.toContain('/authors/Ada%20Lovelace');
    expect(html).not.toContain('Elsewhere');
    // The API says the same.
    const api = (await (await t.app.request(`/api/users/${user.handle}`)).json()) as { authorNames: unknown; organizations: unknown };
    expect(api.authorNames).toEqual([{ name: 'Lin Wei', url: 'http://paperboy.test/authors/Lin%20Wei' }]);
    expect(api.organizations).toEqual([
      { handle: 'applied-ml', name: 'Applied ML <Lab>', role: 'admin', url: 'http://paperboy.test/orgs/applied-ml' },
      { handle: 'theory', name: 'Theory Group', role: 'member', url: 'http://paperboy.test/orgs/theory' },
    ]);
  });

  it('creates an API token shown once, which works until revoked', async () => {
    const found = await findUserByEmail(t.database.db, 'grace@example.org');
    const b = pageClient(t.app);
    b.cookies.set(SESSION_COOKIE, (await openSession(t.database.db, found!.user.id, new Date())).token);
    await b.get('/settings');
    // Made by the form's POST, shown once by the settings page it redirects to (settings.test.ts has the details).
    const made = await b.post('/settings/tokens', { name: 'laptop' });
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/settings');
    const html = await (await b.get('/settings')).text();
    const token = /<input id="new-token" class="token" type="text" readonly="" value="(pb_[^"]+)"/.exec(html)?.[1] as string;
    expect(token).toBeTruthy();
    expect(await (await b.get('/settings')).text()).not.toContain(token);
    expect(await (await b.get(`/users/${found!.user.handle}`)).text()).not.toContain(token);
    const api = (method: string) => t.app.request('/api/papers/2608.00011/vote', { method, headers: { authorization: `Bearer ${token}` } });
    expect((await api('POST')).status).toBe(200);
    // The token speaks for its owner to the API only: it cannot make more tokens or post any page form.
    const asPage = (path: string) => t.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=more' });
    for (const path of ['/settings/tokens', '/settings/upvotes', '/digest']) expect((await asPage(path)).status, path).toBe(403);
    expect(await t.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', found!.user.id).execute()).toHaveLength(1);
    const id = (await t.database.db.selectFrom('api_tokens').select('id').where('name', '=', 'laptop').executeTakeFirstOrThrow()).id;
    // Another user cannot revoke it.
    const other = await createUserDirect(t.database.db, { email: 'mallory@example.org', password: 'correct horse battery', name: 'Mallory', role: 'user' }, new Date());
    const m = pageClient(t.app);
    m.cookies.set(SESSION_COOKIE, (await openSession(t.database.db, other.id, new Date())).token);
    await m.get('/settings');
    expect((await m.post(`/settings/tokens/${id}/revoke`)).status).toBe(404);
    expect((await b.post(`/settings/tokens/${id}/revoke`)).status).toBe(303);
    expect((await api('POST')).status).toBe(401);
  });

  it('creates the first admin from the command line', async () => {
    const r = await runCli(['user', 'create', '--admin', 'boss@example.org'], t.database.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created admin boss@example.org \(@boss\)\.\nPassword: \S{20}/);
    expect((await findUserByEmail(t.database.db, 'boss@example.org'))?.user).toMatchObject({ role: 'admin', verified: true });
    const again = await runCli(['user', 'create', 'boss@example.org'], t.database.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('boss@example.org already has an account.');
  });
});
