// What the API answers a signed-in caller stays out of shared caches, over both dialects: a
// session's private collections, a hidden comment an admin reads, while an anonymous read of the
// daily feed keeps its caching; every answer varies by Cookie and Authorization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member, type Member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { mergeVary } from './private-answers.ts';

const PAPER = '2501.40001';

function expectPrivate(res: Response): void {
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  expect(res.headers.get('vary')).toMatch(/\bCookie\b.*\bAuthorization\b/);
}

describe.each(DIALECTS)('API answers to signed-in callers (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let admin: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: PAPER, title: 'Discussed paper' })]);
    ada = await member(t, 'Ada Lovelace');
    admin = await member(t, 'Grace Admin', 'admin');
  });
  afterAll(async () => t.close());

  it("keeps a session's private collections out of shared caches", async () => {
    const res = await ada.api('POST', '/api/collections', { name: 'Secret reading', public: false });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    for (const path of ['/api/collections', `/api/collections/${id}`]) {
      const read = await ada.b.get(path);
      expect(read.status).toBe(200);
      expect(await read.text()).toContain('Secret reading');
      expectPrivate(read);
    }
    expectPrivate(await ada.api('GET', '/api/collections'));
  });

  it("keeps a hidden comment's text, read by an admin, out of shared caches", async () => {
    const posted = await ada.api('POST', `/api/papers/${PAPER}/comments`, { body: 'A remark to be hidden' });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    expect((await admin.api('POST', `/api/moderation/comments/${id}/hide`)).status).toBe(200);
    const res = await admin.api('GET', `/api/papers/${PAPER}/comments`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('A remark to be hidden');
    expectPrivate(res);
    // The anonymous get another body at the same address, which a cache must tell apart.
    const anon = await t.app.request(`/api/papers/${PAPER}/comments`);
    expect(await anon.text()).not.toContain('A remark to be hidden');
    expect(anon.headers.get('vary')).toMatch(/\bCookie\b.*\bAuthorization\b/);
  });

  it("leaves an anonymous read's caching as it was, and a route's own Cache-Control", async () => {
    const res = await t.app.request('/api/daily_papers');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/private|no-store/);
    expect(res.headers.get('vary')).toMatch(/\bCookie\b.*\bAuthorization\b/);
    // The admin user list says no-store by itself, and keeps exactly that.
    expect((await admin.api('GET', '/api/admin/users')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('mergeVary', () => {
  it('adds to what the answer already varies by, each name once', () => {
    expect(mergeVary('Origin, Accept-Encoding', ['Cookie', 'Authorization'])).toBe('Origin, Accept-Encoding, Cookie, Authorization');
    expect(mergeVary('cookie', ['Cookie', 'Authorization'])).toBe('cookie, Authorization');
    expect(mergeVary(null, ['Cookie'])).toBe('Cookie');
    expect(mergeVary('*', ['Cookie'])).toBe('*');
  });
});
