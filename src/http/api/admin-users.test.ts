// The accounts API on both dialects: the list as the admin page has it (addresses for
// administrators only, filters, odd search text, pages), role changes by token or by session with
// its CSRF header, audited, and refused to moderators, users, nobody, and for odd input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { type Person, person } from '../../../test/signed-in.ts';

interface ListBody {
  page: number;
  numPages: number;
  total: number;
  users: { handle: string; name: string; email?: string; role: string; banned: boolean; confirmed: boolean; numComments: number; numUpvotes: number; url: string }[];
}

describe.each(DIALECTS)('accounts API (%s)', (dialect) => {
  let t: TestApp;
  let admin: Person;
  let mod: Person;
  let ada: Person;
  let bob: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await person(t, 'Ann Admin', 'admin');
    mod = await person(t, 'Meg Moderator', 'moderator');
    ada = await person(t, 'Ada Lovelace');
    bob = await person(t, 'Bob Builder');
  });
  afterAll(async () => t.close());

  const list = async (who: Person, query: string) => {
    const res = await who.api('GET', `/api/admin/users${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ListBody;
  };

  it('lists accounts for staff, with addresses for administrators only', async () => {
    const all = await list(admin, '');
    expect(all).toMatchObject({ page: 1, numPages: 1, total: 4 });
    expect(all.users.map((u) => u.handle).sort()).toEqual([admin.user.handle, mod.user.handle, ada.user.handle, bob.user.handle].sort());
    expect(all.users.find((u) => u.handle === ada.user.handle)).toEqual({
      handle: ada.user.handle,
      name: 'Ada Lovelace',
      email: ada.email,
      role: 'user',
      banned: false,
      confirmed: true,
      createdAt: expect.any(String) as string,
      numComments: 0,
      numUpvotes: 0,
      url: `http://paperboy.test/users/${ada.user.handle}`,
    });
    const byMod = await list(mod, '?q=ADA');
    expect(byMod.users.map((u) => u.handle)).toEqual([ada.user.handle]);
    expect(byMod.users[0]).not.toHaveProperty('email');
    expect((await list(admin, '?role=moderator')).users.map((u) => u.handle)).toEqual([mod.user.handle]);
    expect((await list(admin, '?status=banned')).total).toBe(0);
    for (const q of ['%', '_', "'", '"', '\\', '🚀', 'x'.repeat(10_000)]) expect((await list(admin, `?q=${encodeURIComponent(q)}`)).total, q.slice(0, 10)).toBe(0);
    // Past the end, an empty page, as every list of the API answers.
    expect(await list(admin, '?p=7')).toMatchObject({ page: 7, numPages: 1, users: [] });
  });

  it('refuses the list to users and to nobody, and odd filters', async () => {
    expect((await ada.api('GET', '/api/admin/users')).status).toBe(403);
    expect((await t.app.request('/api/admin/users')).status).toBe(401);
    for (const q of ['?role=root', '?status=gone', '?p=0', '?p=x']) {
      const res = await admin.api('GET', `/api/admin/users${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^invalid_/);
    }
  });

  it('changes a role by token, audited; the same role again changes nothing', async () => {
    const res = await admin.api('POST', `/api/admin/users/${ada.user.handle}/role`, { role: 'moderator' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ handle: ada.user.handle, role: 'moderator', was: 'user', changed: true, url: `http://paperboy.test/users/${ada.user.handle}` });
    const again = await admin.api('POST', `/api/admin/users/${ada.user.handle}/role`, { role: 'moderator' });
    expect(await again.json()).toMatchObject({ role: 'moderator', was: 'moderator', changed: false });
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'detail']).where('target_id', '=', ada.user.handle).execute();
    expect(audit).toEqual([{ actor_id: admin.user.id, action: 'change_role', detail: 'user → moderator' }]);
  });

  it('takes a session only with its CSRF header', async () => {
    expect((await admin.session('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'moderator' }, { csrf: false })).status).toBe(403);
    const ok = await admin.session('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'moderator' });
    expect(ok.status).toBe(200);
    expect(await admin.api('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'user' }).then((r) => r.status)).toBe(200);
  });

  it('refuses role changes to anyone but administrators, and odd input', async () => {
    const byMod = await mod.api('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'admin' });
    expect(byMod.status).toBe(403);
    expect(await byMod.json()).toEqual({ error: { code: 'forbidden', message: 'Only administrators can change roles.' } });
    expect((await bob.api('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'admin' })).status).toBe(403);
    expect((await t.app.request(`/api/admin/users/${bob.user.handle}/role`, { method: 'POST', body: '{"role":"admin"}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await admin.api('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'root' })).status).toBe(400);
    expect((await admin.api('POST', `/api/admin/users/${bob.user.handle}/role`, ['admin'])).status).toBe(400);
    expect((await admin.api('POST', `/api/admin/users/${bob.user.handle}/role`, {})).status).toBe(400);
    expect((await admin.api('POST', '/api/admin/users/nobody-here/role', { role: 'admin' })).status).toBe(404);
    const row = await t.database.db.selectFrom('users').select('role').where('id', '=', bob.user.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('user');
  });

  it('does not make a banned account an administrator', async () => {
    expect((await mod.api('POST', `/api/moderation/users/${bob.user.handle}/ban`)).status).toBe(200);
    const res = await admin.api('POST', `/api/admin/users/${bob.user.handle}/role`, { role: 'admin' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('banned');
    expect((await list(admin, '?status=banned')).users.map((u) => u.handle)).toEqual([bob.user.handle]);
  });
});
