// The accounts pages on both dialects: who may open them (administrators in full, moderators to
// read and ban, nobody else), the list (newest first, 50 a page, counts, deleted accounts left
// out, names as text), search with any input, the filters, and the row actions (role, ban, delete)
// going back to the list as it was, recorded in the audit log, refused inline when they cannot be
// done (the last administrator), and refused without the CSRF value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, suiteApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { type Person, person } from '../../../test/signed-in.ts';
import { insertUser } from '../../db/users.ts';

const PAPER = '2608.00777';

describe.each(DIALECTS)('admin users pages (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let mod: Person;
  let plain: Person;
  const db = () => t.database.db;
  const account = (handle: string, over: { name?: string; email?: string; role?: 'user' | 'moderator' | 'admin'; verified?: boolean; createdAt?: string } = {}) =>
    insertUser(db(), {
      email: over.email ?? `${handle}@example.org`,
      handle,
      name: over.name ?? handle,
      passwordHash: 'not-a-hash',
      role: over.role ?? 'user',
      verified: over.verified ?? true,
      now: new Date(over.createdAt ?? '2026-01-01T00:00:00Z'),
    });
  const roleOf = async (handle: string) => (await db().selectFrom('users').select('role').where('handle', '=', handle).executeTakeFirstOrThrow()).role;
  const rows = (html: string) => [...html.matchAll(/<tr id="user-([^"]+)"/g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: PAPER, feedDate: '2026-08-21' })]);
    admin = await person(t, 'Ann Admin', 'admin');
    mod = await person(t, 'Meg Moderator', 'moderator');
    plain = await person(t, 'Pat Plain');
    // 60 filler accounts, older than everyone else, the oldest first.
    for (let i = 0; i < 60; i++) await account(`filler-${String(i).padStart(2, '0')}`, { createdAt: new Date(Date.parse('2025-01-01T00:00:00Z') + i * 60_000).toISOString() });
    await account('lukasz', { name: 'Łukasz Kaiser', email: 'lk@example.org', createdAt: '2026-03-01T00:00:00Z' });
    await account('percent', { name: '100% Real_Name', email: 'pc@example.org', createdAt: '2026-03-02T00:00:00Z' });
    await account('quote', { name: `O'Brien "Q" \\ back`, email: 'ob@example.org', createdAt: '2026-03-03T00:00:00Z' });
    await account('emoji', { name: 'Rocket 🚀 Person', email: 'rocket@example.org', createdAt: '2026-03-04T00:00:00Z', verified: false });
    const hostile = await account('hostile', { name: 'Mallory', email: 'mallory@example.org', createdAt: '2026-03-05T00:00:00Z' });
    await db().updateTable('users').set({ name: '<script>window.__xss=1</script><img src=x onerror=alert(1)>' }).where('id', '=', hostile.id).execute();
    const busy = await account('busy', { name: 'Busy Bee', createdAt: '2026-03-06T00:00:00Z' });
    await db().insertInto('votes').values({ user_id: busy.id, paper_id: PAPER, created_at: TEST_NOW.toISOString() }).execute();
    for (const [i, deleted] of [[1, null], [2, null], [3, TEST_NOW.toISOString()]] as const) {
      await db().insertInto('comments').values({ id: `c-${dialect}-${i}`, paper_id: PAPER, user_id: busy.id, parent_id: null, body: `comment ${i}`, created_at: TEST_NOW.toISOString(), edited_at: null, deleted_at: deleted }).execute();
    }
    await account('gone', { name: 'Gone Person', createdAt: '2026-03-07T00:00:00Z' });
    await db().updateTable('users').set({ deleted_at: TEST_NOW.toISOString() }).where('handle', '=', 'gone').execute();
    await account('banned-bob', { name: 'Banned Bob', createdAt: '2026-03-08T00:00:00Z' });
    await db().updateTable('users').set({ banned: 1 }).where('handle', '=', 'banned-bob').execute();
  });
  afterAll(async () => t.close());

  it('opens to administrators and moderators only, and the menus lead there', async () => {
    const anonymous = await t.app.request('/admin/users');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/signin/);
    expect((await plain.b.get('/admin/users')).status).toBe(403);
    expect((await plain.b.get('/admin')).status).toBe(404);
    expect((await mod.b.get('/admin')).status).toBe(404);
    const page = await admin.b.get('/admin/users');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');

    const adminHome = await (await admin.b.get('/')).text();
    expect(adminHome.split('<a href="/admin">Admin</a>')).toHaveLength(3);
    expect(adminHome).not.toContain('href="/admin/ingest"');
    const modHome = await (await mod.b.get('/')).text();
    expect(modHome.split('<a href="/admin/users">Users</a>')).toHaveLength(3);
    expect(modHome).not.toContain('href="/admin"');
    expect(await (await plain.b.get('/')).text()).not.toContain('href="/admin');

    const index = await (await admin.b.get('/admin')).text();
    for (const href of ['/admin/ingest', '/admin/users', '/moderation', '/claims', '/orgs']) expect(index).toContain(`<a href="${href}">`);
  });

  it('lists live accounts newest first, 50 a page, with counts, addresses for administrators only', async () => {
    const html = await (await admin.b.get('/admin/users')).text();
    const first = rows(html);
    expect(first).toHaveLength(50);
    // The signed-in staff were made at the test clock, after every filler account.
    expect(first.slice(0, 3).sort()).toEqual([admin.user.handle, mod.user.handle, plain.user.handle].sort());
    expect(first.slice(3, 9)).toEqual(['banned-bob', 'busy', 'hostile', 'emoji', 'quote', 'percent']);
    expect(first).not.toContain('gone');
    expect(html).toContain('70 accounts.');
    expect(html).toContain('busy@example.org');
    expect(html).toMatch(/<tr id="user-busy"[^]*?<td data-label="Comments">2<\/td><td data-label="Upvotes">1<\/td>/);
    expect(html).toMatch(/<tr id="user-emoji"[^]*?<td data-label="Confirmed">No<\/td>/);
    expect(html).toMatch(/<tr id="user-banned-bob" class="banned"[^]*?<td data-label="Banned">Banned<\/td>/);
    expect(html).toContain('href="/admin/users?p=2"');

    const second = rows(await (await admin.b.get('/admin/users?p=2')).text());
    expect(second).toHaveLength(20);
    expect(second.at(-1)).toBe('filler-00');
    expect(new Set([...first, ...second]).size).toBe(70);
    // Past the last page: the last page.
    expect(rows(await (await admin.b.get('/admin/users?p=99')).text())).toEqual(second);
    expect((await admin.b.get('/admin/users?p=abc')).status).toBe(400);

    const modHtml = await (await mod.b.get('/admin/users')).text();
    expect(modHtml).not.toContain('busy@example.org');
    expect(modHtml).not.toContain('/role"');
    expect(modHtml).not.toContain('/delete');
    expect(modHtml).toContain('action="/admin/users/busy/ban"');
    expect(modHtml).toContain('action="/admin/users/banned-bob/unban"');
    // Moderators ban users only; nobody bans an administrator or themselves.
    expect(modHtml).not.toContain(`action="/admin/users/${admin.user.handle}/ban"`);
    expect(modHtml).not.toContain(`action="/admin/users/${mod.user.handle}/ban"`);
  });

  it('renders names as text', async () => {
    const html = await (await admin.b.get('/admin/users?q=hostile')).text();
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toContain('<img src=x');
  });

  it('searches handles, names and addresses in any case, and takes any input literally', async () => {
    const found = async (q: string) => rows(await (await admin.b.get(`/admin/users?q=${encodeURIComponent(q)}`)).text());
    expect(await found('ŁUKASZ')).toEqual(['lukasz']);
    expect(await found('kaiser')).toEqual(['lukasz']);
    expect(await found('PC@EXAMPLE')).toEqual(['percent']);
    expect(await found('filler-5')).toHaveLength(10);
    expect(await found('%')).toEqual(['percent']);
    // The hostile name's window.__xss has underscores too.
    expect(await found('_')).toEqual(['hostile', 'percent']);
    expect(await found("O'Brien")).toEqual(['quote']);
    expect(await found('"Q"')).toEqual(['quote']);
    expect(await found('\\')).toEqual(['quote']);
    expect(await found('🚀')).toEqual(['emoji']);
    expect(await found('  busy  ')).toEqual(['busy']);
    // (The NUL is dropped, as everywhere: "~~" is in no handle, name or address; letters would
    // be, sooner or later, in the random parts of the test accounts' addresses.)
    const odd = ['x'.repeat(10_000), "'; drop table users; --", '~\u0000~', '[a-z]*', '%_%'].map(encodeURIComponent);
    // Half a UTF-16 surrogate pair, and bytes that are not UTF-8.
    for (const q of [...odd, '%ED%A0%80', '%FF%FE']) {
      const res = await admin.b.get(`/admin/users?q=${q}`);
      expect(res.status, q.slice(0, 20)).toBe(200);
      expect(await res.text()).toContain('No account matches.');
    }
    expect(await found('gone')).toEqual([]);
  });

  it("searches moderators' lists by handle and name only: an address they may not see finds nothing", async () => {
    const byMod = async (q: string) => rows(await (await mod.b.get(`/admin/users?q=${encodeURIComponent(q)}`)).text());
    expect(await byMod('mallory@example.org')).toEqual([]);
    expect(await byMod('pc@')).toEqual([]);
    expect(await byMod('Kaiser')).toEqual(['lukasz']);
    expect(await byMod('percent')).toEqual(['percent']);
    const api = (await (await mod.api('GET', `/api/admin/users?q=${encodeURIComponent(plain.email)}`)).json()) as { total: number };
    expect(api.total).toBe(0);
  });

  it('filters by role and status, keeping the filters across pages', async () => {
    expect(rows(await (await admin.b.get('/admin/users?role=moderator')).text())).toEqual([mod.user.handle]);
    expect(rows(await (await admin.b.get('/admin/users?role=admin')).text())).toEqual([admin.user.handle]);
    expect(rows(await (await admin.b.get('/admin/users?status=banned')).text())).toEqual(['banned-bob']);
    expect(rows(await (await admin.b.get('/admin/users?status=unconfirmed')).text())).toEqual(['emoji']);
    expect(rows(await (await admin.b.get('/admin/users?role=user&status=unconfirmed&q=rocket')).text())).toEqual(['emoji']);
    const users = await (await admin.b.get('/admin/users?role=user&q=e')).text();
    expect(users).toContain('href="/admin/users?q=e&amp;role=user&amp;p=2"');
    expect(users).toContain('<option value="user" selected="">Users</option>');
    expect((await admin.b.get('/admin/users?role=root')).status).toBe(400);
    expect((await admin.b.get('/admin/users?status=sleeping')).status).toBe(400);
  });

  it('changes a role, back to the same list with a notice, recorded in the audit log', async () => {
    const back = '/admin/users?q=filler-1&role=user&p=1';
    await admin.b.get(back);
    const res = await admin.b.post('/admin/users/filler-10/role', { role: 'moderator', _back: back });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(back);
    expect(await roleOf('filler-10')).toBe('moderator');
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'change_role').where('target_id', '=', 'filler-10').execute();
    expect(audit).toMatchObject([{ actor_id: admin.user.id, target_type: 'user', detail: 'user → moderator' }]);
    const after = await (await admin.b.get(back)).text();
    expect(after).toContain('The role was changed: @filler-10 is now a moderator.');
    expect(rows(after)).not.toContain('filler-10');
    expect(await (await admin.b.get('/moderation')).text()).toContain('changed the role of');

    // The same role again changes and records nothing.
    await admin.b.post('/admin/users/filler-10/role', { role: 'moderator', _back: back });
    expect(await (await admin.b.get(back)).text()).toContain('already had that role');
    expect(await db().selectFrom('audit_log').select('id').where('target_id', '=', 'filler-10').execute()).toHaveLength(1);

    // Another site's page, or an odd role, is not where a form goes back to.
    expect((await admin.b.post('/admin/users/filler-11/role', { role: 'moderator', _back: '//evil.example/admin/users' })).headers.get('location')).toBe('/admin/users');
    const odd = await admin.b.post('/admin/users/filler-12/role', { role: 'root', _back: back });
    expect(odd.status).toBe(400);
    expect(await odd.text()).toMatch(/<tr id="user-filler-12"[^]*?role="alert" id="error-filler-12">role must be one of user, moderator, admin/);
  });

  it('refuses forms without the CSRF value, and role changes by anyone but administrators', async () => {
    await admin.b.get('/admin/users');
    expect((await admin.b.post('/admin/users/filler-20/role', { role: 'admin', _csrf: '' })).status).toBe(403);
    expect((await admin.b.post('/admin/users/filler-20/delete', { confirm: 'yes', _csrf: 'forged' })).status).toBe(403);
    await mod.b.get('/admin/users');
    const byMod = await mod.b.post('/admin/users/filler-20/role', { role: 'admin', _back: '/admin/users' });
    expect(byMod.status).toBe(403);
    expect(await byMod.text()).toContain('Only administrators can change roles.');
    await plain.b.get('/');
    expect((await plain.b.post('/admin/users/filler-20/role', { role: 'admin' })).status).toBe(403);
    expect((await plain.b.post('/admin/users/filler-20/ban', {})).status).toBe(403);
    expect(await roleOf('filler-20')).toBe('user');
    expect((await mod.b.get('/admin/users/filler-20/delete')).status).toBe(403);
    await mod.b.get('/admin/users');
    expect((await mod.b.post('/admin/users/filler-20/delete', { confirm: 'yes' })).status).toBe(403);
  });

  it('bans and unbans from the list through the moderation rules', async () => {
    await mod.b.get('/admin/users?status=banned');
    const unban = await mod.b.post('/admin/users/banned-bob/unban', { _back: '/admin/users?status=banned' });
    expect(unban.status).toBe(303);
    expect(unban.headers.get('location')).toBe('/admin/users?status=banned');
    const after = await (await mod.b.get('/admin/users?status=banned')).text();
    expect(after).toContain('The account is no longer banned.');
    expect(rows(after)).toEqual([]);
    await mod.b.post('/admin/users/banned-bob/ban', { _back: '/admin/users' });
    expect((await db().selectFrom('users').select('banned').where('handle', '=', 'banned-bob').executeTakeFirstOrThrow()).banned).toBe(1);
    expect(await db().selectFrom('audit_log').select('action').where('target_id', '=', 'banned-bob').orderBy('created_at').execute()).toHaveLength(2);
    // A moderator may not ban another moderator: said on that row.
    await mod.b.get('/admin/users');
    const refused = await mod.b.post('/admin/users/filler-10/ban', { _back: '/admin/users?role=moderator' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/<tr id="user-filler-10"[^]*?Only administrators can ban moderators\./);
  });

  it('deletes an account after its confirmation page, and never one\'s own', async () => {
    const confirm = await admin.b.get('/admin/users/filler-30/delete?back=%2Fadmin%2Fusers%3Fq%3Dfiller-3');
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('<h1>Delete @filler-30</h1>');
    expect(html).toContain('value="/admin/users?q=filler-3"');
    const unticked = await admin.b.post('/admin/users/filler-30/delete', { _back: '/admin/users?q=filler-3' });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Tick the box');
    const done = await admin.b.post('/admin/users/filler-30/delete', { confirm: 'yes', _back: '/admin/users?q=filler-3' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/users?q=filler-3');
    const list = await (await admin.b.get('/admin/users?q=filler-3')).text();
    expect(list).toContain('The account was deleted');
    expect(rows(list)).not.toContain('filler-30');
    expect(await db().selectFrom('audit_log').select('actor_id').where('action', '=', 'delete_user').where('target_id', '=', 'filler-30').execute()).toEqual([{ actor_id: admin.user.id }]);
    expect((await admin.b.get('/admin/users/filler-30/delete')).status).toBe(404);

    await admin.b.get(`/admin/users/${admin.user.handle}/delete`);
    const self = await admin.b.post(`/admin/users/${admin.user.handle}/delete`, { confirm: 'yes' });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('Delete your own account from your settings');
  });
});

describe.each(DIALECTS)('the last administrator on the admin pages (%s)', (dialect) => {
  const t = suiteApp(dialect);

  it('keeps the role until another account is an administrator, and then lets it go', async () => {
    const only = await person(t, 'Only Admin', 'admin');
    const other = await person(t, 'Other Person');
    await only.b.get('/admin/users');
    const refused = await only.b.post(`/admin/users/${only.user.handle}/role`, { role: 'moderator', _back: '/admin/users' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(new RegExp(`<tr id="user-${only.user.handle}"[^]*?You are the only administrator`));
    expect(await t.database.db.selectFrom('audit_log').select('id').execute()).toEqual([]);

    expect((await only.b.post(`/admin/users/${other.user.handle}/role`, { role: 'admin' })).status).toBe(303);
    // Made a user, the former administrator is sent home: the list is staff's.
    const demoted = await only.b.post(`/admin/users/${only.user.handle}/role`, { role: 'user', _back: '/admin/users' });
    expect(demoted.status).toBe(303);
    expect(demoted.headers.get('location')).toBe('/');
    expect((await only.b.get('/admin/users')).status).toBe(403);

    // The new last administrator cannot be made a moderator by the API either.
    const api = await other.api('POST', `/api/admin/users/${other.user.handle}/role`, { role: 'moderator' });
    expect(api.status).toBe(409);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('last_admin');
  });
});
