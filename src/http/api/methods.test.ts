// Wrong methods on API paths over both dialects: a path that exists answers 405 with an Allow
// header listing its methods, the greedy paper id (ids like hep-th/9901001) does not take the
// /vote, /comments and /bibtex paths for other methods, and a path that does not exist stays 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member, type Member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const PAPER = '2608.19880';
const OLD = 'hep-th/9901001';

describe.each(DIALECTS)('API methods (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: PAPER, feedDate: '2026-08-21' }), paperInput({ id: OLD, title: 'Old Style Id' })]);
    ada = await member(t, 'Ada Lovelace');
  });
  afterAll(async () => t.close());

  const expect405 = async (res: Response, allow: string) => {
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.message).toContain(allow);
  };

  it('answers 405 with Allow for a method a path does not take', async () => {
    await expect405(await ada.api('PUT', `/api/papers/${PAPER}/vote`), 'POST, DELETE');
    await expect405(await ada.api('DELETE', '/api/daily_papers'), 'GET, HEAD');
    await expect405(await ada.api('POST', '/api/papers/search?q=x'), 'GET, HEAD');
    await expect405(await t.app.request('/api/comments/some-id'), 'PATCH, DELETE');
    await expect405(await ada.api('PUT', '/api/collections'), 'GET, HEAD, POST');
    await expect405(await ada.api('GET', '/api/moderation/users/ada/ban'), 'POST');
  });

  it("keeps a paper's subpaths from the greedy paper id under other methods", async () => {
    await expect405(await t.app.request(`/api/papers/${PAPER}/vote`), 'POST, DELETE');
    await expect405(await t.app.request(`/api/papers/${OLD}/vote`), 'POST, DELETE');
    await expect405(await ada.api('DELETE', `/api/papers/${PAPER}/comments`), 'GET, HEAD, POST');
    await expect405(await ada.api('PUT', `/api/papers/${OLD}/bibtex`), 'GET, HEAD');
    await expect405(await ada.api('POST', `/api/papers/${OLD}`), 'GET, HEAD');
    // The methods they take still reach them.
    expect((await t.app.request(`/api/papers/${OLD}`)).status).toBe(200);
    expect((await t.app.request(`/api/papers/${OLD}`, { method: 'HEAD' })).status).toBe(200);
    expect((await t.app.request(`/api/papers/${PAPER}/bibtex`)).status).toBe(200);
    expect((await t.app.request(`/api/papers/${OLD}/comments`)).status).toBe(200);
    expect((await ada.api('POST', `/api/papers/${OLD}/vote`)).status).toBe(200);
    expect((await ada.api('DELETE', `/api/papers/${PAPER}/vote`)).status).toBe(200);
    expect((await t.app.request('/api/papers/nope')).status).toBe(404);
  });

  it('keeps 404 for paths no route has', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope/deeper'],
      ['GET', '/api/collections/x/y/z'],
    ] as const) {
      const res = await ada.api(method, path);
      expect(res.status).toBe(404);
      expect(res.headers.get('allow')).toBeNull();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
