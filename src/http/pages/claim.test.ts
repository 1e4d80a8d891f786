// Authorship claims over both dialects: a user claims an author name from the paper page, only
// moderators see the queue and decide, decisions are audited (and read in words on /moderation),
// an approved name links to the user's profile (beside the name on the paper page, and on the author's page), and each account files a limited number an hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';
import { LIMITS } from '../../actions/rate-limit.ts';

describe.each(DIALECTS)('authorship claims (%s)', (dialect) => {
  let t: TestApp;
  let ada: Person;
  let eve: Person;
  let mod: Person;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2501.30001', authors: ['Ada Lovelace', 'Charles Babbage'] }),
      paperInput({ id: '2501.30002', authors: Array.from({ length: LIMITS.claimPerUser.max + 2 }, (_, i) => `Coauthor ${i}`) }),
    ]);
    ada = await person(t, 'Ada');
    eve = await person(t, 'Eve');
    mod = await person(t, 'Mod', 'moderator');
  });
  afterAll(async () => t.close());

  const claimId = async (userId: string) => (await t.database.db.selectFrom('author_claims').select('id').where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow()).id;

  it('files a claim from the paper page; only moderators see the queue', async () => {
    const page = await (await ada.b.get('/papers/2501.30001')).text();
    expect(page).toContain('action="/claims"');
    const res = await ada.b.post('/claims', { paperId: '2501.30001', authorName: 'Ada Lovelace' });
    expect(res.headers.get('location')).toBe('/papers/2501.30001?claimed=1');
    expect(await (await ada.b.get('/papers/2501.30001')).text()).toContain('Your claim to be Ada Lovelace is waiting for a moderator.');
    expect((await ada.b.post('/claims', { paperId: '2501.30001', authorName: 'Nobody' })).status).toBe(400);
    expect((await ada.b.post('/claims', { paperId: '2501.30001', authorName: 'Ada Lovelace' })).status).toBe(409);
    expect((await eve.b.get('/claims')).status).toBe(403);
    const queue = await (await mod.b.get('/claims')).text();
    expect(queue).toContain('claims to be <strong>Ada Lovelace</strong>');
    // Addresses are for administrators only, as on /admin/users: moderators see the handle.
    expect(queue).toContain(`(@${ada.user.handle}) claims to be`);
    expect(queue).not.toContain(ada.user.email);
    const admin = await person(t, 'Admin', 'admin');
    expect(await (await admin.b.get('/claims')).text()).toContain(`(@${ada.user.handle}, ${ada.user.email}) claims to be`);
  });

  it('refuses decisions by non-moderators and forged forms', async () => {
    const id = await claimId(ada.user.id);
    await eve.b.get('/');
    expect((await eve.b.post(`/claims/${id}/approve`)).status).toBe(403);
    expect((await ada.b.post(`/claims/${id}/approve`)).status).toBe(403);
    expect((await mod.b.post(`/claims/${id}/approve`, { _csrf: 'forged' })).status).toBe(403);
    const row = await t.database.db.selectFrom('author_claims').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  it('approves: the author name links to the profile, and the audit log records it', async () => {
    const id = await claimId(ada.user.id);
    await mod.b.get('/claims');
    expect((await mod.b.post(`/claims/${id}/approve`)).status).toBe(303);
    expect((await mod.b.post(`/claims/${id}/reject`)).status).toBe(409);
    const page = await (await t.app.request('/papers/2501.30001')).text();
    // Every name links to the author's page; a claimed one also to the claimant's profile.
    expect(page).toMatch(/<a class="author-name" href="\/authors\/Ada%20Lovelace"[^>]*>Ada Lovelace<\/a>/);
    expect(page).toContain(`<a class="author-profile" href="/users/${ada.user.handle}" title="Ada Lovelace on this site: their profile">@${ada.user.handle}</a>`);
    expect(page).toMatch(/<a class="author-name" href="\/authors\/Charles%20Babbage"[^>]*>Charles Babbage<\/a>/);
    expect(page.match(/class="author-profile"/g)).toHaveLength(1);
    // The author's page links the profile too.
    expect(await (await t.app.request('/authors/Ada%20Lovelace')).text()).toContain(`<a href="/users/${ada.user.handle}">Ada (@${ada.user.handle})</a>`);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: mod.user.id, action: 'claim.approve', target_type: 'author_claim' });
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ paperId: '2501.30001', authorName: 'Ada Lovelace', userId: ada.user.id });
  });

  it('rejects: no link, audited, and the user may claim again', async () => {
    await eve.b.get('/papers/2501.30001');
    await eve.b.post('/claims', { paperId: '2501.30001', authorName: 'Charles Babbage' });
    const id = await claimId(eve.user.id);
    await mod.b.get('/claims');
    await mod.b.post(`/claims/${id}/reject`);
    expect(await (await t.app.request('/papers/2501.30001')).text()).not.toContain('title="Charles Babbage on this site: their profile"');
    expect(await (await t.app.request('/authors/Charles%20Babbage')).text()).not.toContain('class="claimants"');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'claim.reject' }]);
    expect(await (await eve.b.get('/papers/2501.30001')).text()).toContain('action="/claims"');
  });

  it('labels claim decisions on /moderation in words, naming the claimant, the author name and the paper', async () => {
    const html = await (await mod.b.get('/moderation')).text();
    const rows = [...html.matchAll(/<tr role="row"><td role="cell" data-label="When"><time[^>]*>[^<]*<\/time><\/td>(.*?)<\/tr>/gs)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
    expect(rows).toContain(`@${mod.user.handle}approved the authorship claim@${ada.user.handle} as “Ada Lovelace” on paper 2501.30001`);
    expect(rows).toContain(`@${mod.user.handle}rejected the authorship claim@${eve.user.handle} as “Charles Babbage” on paper 2501.30001`);
    expect(html).toContain(`<a href="/users/${ada.user.handle}">@${ada.user.handle}</a> as “Ada Lovelace” on <a href="/papers/2501.30001">paper 2501.30001</a>`);
    expect(html).not.toContain('paperId');
    expect(html).not.toContain('claim.approve');
    expect(html).not.toMatch(/comment [0-9a-f]{8}/);
  });
  it(`limits each account to ${LIMITS.claimPerUser.max} claims an hour, then lets it claim again`, async () => {
    const busy = await person(t, 'Busy');
    const claim = (i: number) => busy.b.post('/claims', { paperId: '2501.30002', authorName: `Coauthor ${i}` });
    for (let i = 0; i < LIMITS.claimPerUser.max; i++) expect((await claim(i)).status, `claim #${i + 1}`).toBe(303);
    const limited = await claim(LIMITS.claimPerUser.max);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Someone else is not affected.
    expect((await eve.b.post('/claims', { paperId: '2501.30002', authorName: `Coauthor ${LIMITS.claimPerUser.max + 1}` })).status).toBe(303);
    try {
      t.ctx.now = () => new Date(TEST_NOW.getTime() + LIMITS.claimPerUser.windowMs + 60_000);
      expect((await claim(LIMITS.claimPerUser.max)).status).toBe(303);
    } finally {
      t.ctx.now = () => TEST_NOW;
    }
  });
});
