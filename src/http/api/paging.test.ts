// Pages past the last one in the JSON API over both dialects: the lists of an author, a named
// organization, an organization, a user and the staff's accounts answer 200 with an empty list and
// their page count, as the daily feed does, while the pages keep their 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member, type Member } from '../../../test/community.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { assignPapers, insertOrganization } from '../../db/organizations.ts';

describe.each(DIALECTS)('API pages past the end (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let admin: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2501.50001', title: 'One', authors: ['Grace Hopper'], organization: 'Big Lab' }),
      paperInput({ id: '2501.50002', title: 'Two', authors: ['Grace Hopper'], organization: 'Big Lab' }),
    ]);
    ada = await member(t, 'Ada Lovelace');
    admin = await member(t, 'Ad Min', 'admin');
    await insertOrganization(t.database.db, { handle: 'lab', name: 'The Lab', description: '', now: TEST_NOW });
    await assignPapers(t.database.db, 'lab', ['2501.50001']);
    expect((await ada.api('POST', '/api/papers/2501.50001/comments', { body: 'a comment' })).status).toBe(201);
  });
  afterAll(async () => t.close());

  const json = async (res: Response) => {
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  it('answers an empty page with the page count', async () => {
    const author = await json(await t.app.request('/api/authors/grace%20hopper?p=3&limit=1'));
    expect(author).toMatchObject({ author: { name: 'Grace Hopper', numPapers: 2 }, page: 3, numPages: 2, papers: [] });
    const named = await json(await t.app.request('/api/orgs/named/Big%20Lab?p=5'));
    expect(named).toMatchObject({ organization: { name: 'Big Lab', numPapers: 2 }, page: 5, numPages: 1, papers: [] });
    const org = await json(await t.app.request('/api/orgs/lab?p=2'));
    expect(org).toMatchObject({ organization: { handle: 'lab', numPapers: 1 }, page: 2, numPages: 1, papers: [] });
    const list = await json(await t.app.request(`/api/users/${ada.user.handle}/comments?p=2`));
    expect(list).toMatchObject({ list: 'comments', page: 2, numPages: 1, total: 1, items: [] });
    const accounts = await json(await admin.api('GET', '/api/admin/users?p=9'));
    expect(accounts).toMatchObject({ page: 9, numPages: 1, total: 2, users: [] });
    // The first pages still hold what they did.
    expect((await json(await t.app.request('/api/authors/Grace%20Hopper?p=2&limit=1')))['papers']).toHaveLength(1);
    expect((await json(await admin.api('GET', '/api/admin/users')))['users']).toHaveLength(2);
  });

  it('keeps a 404 for what does not exist, and on the pages', async () => {
    expect((await t.app.request('/api/authors/Nobody%20Here?p=2')).status).toBe(404);
    expect((await t.app.request('/api/orgs/nolab?p=2')).status).toBe(404);
    expect((await t.app.request('/api/users/nobody-here/comments?p=2')).status).toBe(404);
    expect((await t.app.request('/authors/Grace%20Hopper?p=3&limit=1')).status).toBe(404);
    expect((await t.app.request('/orgs/lab?p=2')).status).toBe(404);
  });
});
