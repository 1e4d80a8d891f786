// Contested and revoked authorship claims over both dialects: a claim on a name linked to someone
// else is filed and marked in the queue, moderators revoke an approved claim (page form with CSRF
// and JSON API, audited, the link goes), approving a contesting claim takes the name over, and no
// moderator or admin decides on their own claim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';

describe.each(DIALECTS)('contested and revoked claims (%s)', (dialect) => {
  let t: TestApp;
  let alice: Person;
  let chengsong: Person;
  let mod: Person;
  let admin: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2501.40001', authors: ['Chengsong Huang', 'Jiaxin Huang'] }),
      paperInput({ id: '2501.40002', authors: ['Moddy Moderator', 'Ann Admin'] }),
      paperInput({ id: '2501.40003', authors: ['Grace Hopper'] }),
    ]);
    alice = await person(t, 'Alice');
    chengsong = await person(t, 'Chengsong');
    mod = await person(t, 'Moddy', 'moderator');
    admin = await person(t, 'Ann', 'admin');
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const claimOf = async (userId: string, paperId: string) =>
    db().selectFrom('author_claims').selectAll().where('user_id', '=', userId).where('paper_id', '=', paperId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const profileLinks = async (paperId: string) => [...(await (await t.app.request(`/papers/${paperId}`)).text()).matchAll(/class="author-profile" href="\/users\/([^"]+)"/g)].map((m) => m[1]);
  const auditOf = async (claimId: string) => (await db().selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', claimId).orderBy('created_at').execute()).map((r) => r.action);

  it('files a claim on a name linked to someone else, marked as contesting the link, and tells the claimant so', async () => {
    await alice.b.get('/papers/2501.40001');
    await alice.b.post('/claims', { paperId: '2501.40001', authorName: 'Chengsong Huang' });
    await mod.b.get('/claims');
    expect((await mod.b.post(`/claims/${(await claimOf(alice.user.id, '2501.40001')).id}/approve`)).status).toBe(303);
    expect(await profileLinks('2501.40001')).toEqual([alice.user.handle]);

    const form = await (await chengsong.b.get('/papers/2501.40001')).text();
    expect(form).toContain(`Chengsong Huang (linked to @${alice.user.handle}: a moderator will decide)`);
    expect((await chengsong.b.post('/claims', { paperId: '2501.40001', authorName: 'Chengsong Huang' })).status).toBe(303);
    expect((await claimOf(chengsong.user.id, '2501.40001')).status).toBe('pending');
    expect(await (await chengsong.b.get('/papers/2501.40001')).text()).toContain(
      `Your claim to be Chengsong Huang is waiting for a moderator. The name is linked to @${alice.user.handle} for now; a moderator will decide between your claims.`,
    );
    const queue = await (await mod.b.get('/claims')).text();
    expect(queue).toContain('claims to be <strong>Chengsong Huang</strong>');
    expect(queue).toContain(`This contests the name&#39;s link to <a href="/users/${alice.user.handle}">@${alice.user.handle}</a>`);
    expect(queue).toContain(`Approve (replaces @${alice.user.handle})`);
    expect(queue).toContain(`action="/claims/${(await claimOf(alice.user.id, '2501.40001')).id}/revoke"`);
  });

  it('revokes an approved claim from /claims: CSRF checked, audited, the paper page stops linking the profile', async () => {
    const id = (await claimOf(alice.user.id, '2501.40001')).id;
    expect((await mod.b.post(`/claims/${id}/revoke`, { _csrf: 'forged' })).status).toBe(403);
    await alice.b.get('/');
    expect((await alice.b.post(`/claims/${id}/revoke`)).status).toBe(403);
    expect((await claimOf(alice.user.id, '2501.40001')).status).toBe('approved');

    await mod.b.get('/claims');
    expect((await mod.b.post(`/claims/${id}/revoke`)).status).toBe(303);
    expect((await claimOf(alice.user.id, '2501.40001')).status).toBe('revoked');
    expect(await profileLinks('2501.40001')).toEqual([]);
    expect(await (await t.app.request('/authors/Chengsong%20Huang')).text()).not.toContain('class="claimants"');
    expect(await auditOf(id)).toEqual(['claim.approve', 'claim.revoke']);
    const log = await (await mod.b.get('/moderation')).text();
    expect(log.replace(/<[^>]+>/g, '')).toContain(`@${mod.user.handle}revoked the authorship claim@${alice.user.handle} as “Chengsong Huang” on paper 2501.40001`);
    // The queue no longer calls the waiting claim a contest.
    expect(await (await mod.b.get('/claims')).text()).not.toContain('This contests');
    expect((await mod.b.post(`/claims/${id}/revoke`)).status).toBe(409);
  });

  it('approving a contesting claim takes the name from whoever held it (both audited)', async () => {
    await alice.b.get('/papers/2501.40001');
    expect((await alice.b.post('/claims', { paperId: '2501.40001', authorName: 'Chengsong Huang' })).status).toBe(303);
    // Two pending claims on one name: each is filed; approving one, then the other, moves the link.
    const first = (await claimOf(chengsong.user.id, '2501.40001')).id;
    const second = (await claimOf(alice.user.id, '2501.40001')).id;
    await mod.b.get('/claims');
    expect((await mod.b.post(`/claims/${first}/approve`)).status).toBe(303);
    expect(await profileLinks('2501.40001')).toEqual([chengsong.user.handle]);
    expect((await mod.b.post(`/claims/${second}/approve`)).status).toBe(303);
    expect(await profileLinks('2501.40001')).toEqual([alice.user.handle]);
    expect((await claimOf(chengsong.user.id, '2501.40001')).status).toBe('revoked');
    expect(await auditOf(first)).toEqual(['claim.approve', 'claim.revoke']);
  });

  it('revokes through the JSON API (staff only; only approved claims)', async () => {
    const id = (await claimOf(alice.user.id, '2501.40001')).id;
    expect((await alice.api('POST', `/api/claims/${id}/revoke`)).status).toBe(403);
    const res = await mod.api('POST', `/api/claims/${id}/revoke`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ claim: { id, paperId: '2501.40001', authorName: 'Chengsong Huang', status: 'revoked' } });
    expect(await profileLinks('2501.40001')).toEqual([]);
    const again = await mod.api('POST', `/api/claims/${id}/revoke`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('not_approved');
    expect((await mod.api('POST', '/api/claims/no-such-claim/revoke')).status).toBe(404);
    // A revoked claimant may claim the name again; it waits for a moderator.
    await alice.b.get('/papers/2501.40001');
    expect((await alice.b.post('/claims', { paperId: '2501.40001', authorName: 'Chengsong Huang' })).status).toBe(303);
    const fresh = await claimOf(alice.user.id, '2501.40001');
    expect(fresh.status).toBe('pending');
    expect((await mod.api('POST', `/api/claims/${fresh.id}/approve`)).status).toBe(200);
  });

  it('refuses a moderator or an admin deciding on their own claim; another member of staff may', async () => {
    await mod.b.get('/papers/2501.40002');
    await mod.b.post('/claims', { paperId: '2501.40002', authorName: 'Moddy Moderator' });
    const own = (await claimOf(mod.user.id, '2501.40002')).id;
    await mod.b.get('/claims');
    expect((await mod.b.post(`/claims/${own}/approve`)).status).toBe(403);
    const api = await mod.api('POST', `/api/claims/${own}/approve`);
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({ error: { code: 'own_claim', message: 'Another moderator or an administrator must decide on your own claim.' } });
    expect((await mod.api('POST', `/api/claims/${own}/reject`)).status).toBe(403);
    expect((await claimOf(mod.user.id, '2501.40002')).status).toBe('pending');
    expect(await auditOf(own)).toEqual([]);

    await admin.b.get('/papers/2501.40002');
    await admin.b.post('/claims', { paperId: '2501.40002', authorName: 'Ann Admin' });
    const adminOwn = (await claimOf(admin.user.id, '2501.40002')).id;
    expect((await admin.api('POST', `/api/claims/${adminOwn}/approve`)).status).toBe(403);

    expect((await admin.api('POST', `/api/claims/${own}/approve`)).status).toBe(200);
    expect((await mod.api('POST', `/api/claims/${adminOwn}/approve`)).status).toBe(200);
    expect(await profileLinks('2501.40002')).toEqual([mod.user.handle, admin.user.handle]);
  });
});
