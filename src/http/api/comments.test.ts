// The comments API over both dialects: threads (nested, depth-capped), writes with a token or a
// session plus X-CSRF-Token, errors as {error:{code,message}}, and routes that share the
// /api/papers/:id prefix with the papers module (ids may hold a slash).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../actions/comments.ts';
import { trendingScore } from '../../core/trending.ts';
import { member, type Member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

interface Node {
  id: string;
  depth: number;
  body: string;
  html: string;
  replyTo: string | null;
  author: { handle: string } | null;
  replies: Node[];
}

const PAPER = '2401.00001';

describe.each(DIALECTS)('comments API (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let bob: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: PAPER, feedDate: '2026-08-21' }), paperInput({ id: 'hep-th/9901001', title: 'Old Style Id' }), paperInput({ id: '2401.00009' })]);
    ada = await member(t, 'Ada Lovelace');
    bob = await member(t, 'Bob Builder');
  });
  afterAll(async () => t.close());

  const thread = async (paper = PAPER) => ((await (await t.app.request(`/api/papers/${paper}/comments`)).json()) as { comments: Node[] }).comments;

  it('posts, replies and reads a thread; deep replies are listed at the deepest level', async () => {
    const first = await ada.api('POST', `/api/papers/${PAPER}/comments`, { body: 'Root with `code`' });
    expect(first.status).toBe(201);
    const root = (await first.json()) as { id: string; html: string };
    expect(root.html).toBe('<p>Root with <code>code</code></p>\n');
    let parent = root.id;
    for (let i = 1; i <= MAX_DEPTH + 2; i++) {
      const who = i % 2 ? bob : ada;
      const res = await who.api('POST', `/api/papers/${PAPER}/comments`, { body: `level ${i}`, parentId: parent });
      expect(res.status).toBe(201);
      parent = ((await res.json()) as { id: string }).id;
    }
    const all: Node[] = [];
    const walk = (list: Node[]) => list.forEach((n) => (all.push(n), walk(n.replies)));
    walk(await thread());
    expect(all).toHaveLength(MAX_DEPTH + 3);
    expect(Math.max(...all.map((n) => n.depth))).toBe(MAX_DEPTH - 1);
    const deep = all.filter((n) => n.body.startsWith('level') && Number(n.body.slice(6)) >= MAX_DEPTH);
    expect(deep.map((n) => n.depth)).toEqual([MAX_DEPTH - 1, MAX_DEPTH - 1, MAX_DEPTH - 1]);
    expect(deep.every((n) => n.replyTo !== null)).toBe(true);
  });

  it('keeps the papers module reachable for ids with a slash', async () => {
    const res = await bob.api('POST', '/api/papers/hep-th/9901001/comments', { body: 'old id' });
    expect(res.status).toBe(201);
    expect((await res.json()) as object).toMatchObject({ paperId: 'hep-th/9901001' });
    expect((await thread('hep-th/9901001')).map((n) => n.body)).toEqual(['old id']);
    const paper = await t.app.request('/api/papers/hep-th/9901001');
    expect(paper.status).toBe(200);
    expect((await paper.json()) as object).toMatchObject({ id: 'hep-th/9901001', title: 'Old Style Id', numComments: 1 });
    expect((await t.app.request('/api/papers/nope/comments')).status).toBe(404);
  });

  it('edits and deletes own comments', async () => {
    const id = ((await (await ada.api('POST', `/api/papers/2401.00009/comments`, { body: 'draft' })).json()) as { id: string }).id;
    const edited = await ada.api('PATCH', `/api/comments/${id}`, { body: 'final *text*' });
    expect(edited.status).toBe(200);
    expect((await edited.json()) as object).toMatchObject({ body: 'final *text*', html: '<p>final <em>text</em></p>\n' });
    expect((await ada.api('DELETE', `/api/comments/${id}`)).status).toBe(200);
    expect(await thread('2401.00009')).toEqual([]);
    expect((await ada.api('PATCH', `/api/comments/${id}`, { body: 'zombie' })).status).toBe(404);
    const row = await t.database.db.selectFrom('papers').select('comments').where('id', '=', '2401.00009').executeTakeFirstOrThrow();
    expect(row.comments).toBe(0);
  });

  it('answers a post and an edit with the comment as the thread shows it, plus its paper', async () => {
    const paper = '2401.00009';
    const root = await ada.api('POST', `/api/papers/${paper}/comments`, { body: 'shape root' });
    const rootBody = (await root.json()) as Node & { paperId: string };
    const reply = await bob.api('POST', `/api/papers/${paper}/comments`, { body: 'shape reply', parentId: rootBody.id });
    expect(reply.status).toBe(201);
    const replyBody = (await reply.json()) as Record<string, unknown>;
    const edited = (await (await bob.api('PATCH', `/api/comments/${replyBody['id'] as string}`, { body: 'shape reply, edited' })).json()) as Record<string, unknown>;
    // Bob reads the thread as the author of the reply he just wrote and edited.
    const read = (await (await bob.api('GET', `/api/papers/${paper}/comments`)).json()) as { comments: Node[] };
    const item = read.comments.find((n) => n.id === rootBody.id)?.replies[0];
    expect(item).toBeDefined();
    expect(edited).toEqual({ ...item, paperId: paper });
    expect(Object.keys(replyBody).sort()).toEqual(Object.keys(edited).sort());
    expect(replyBody).toMatchObject({ paperId: paper, parentId: rootBody.id, author: { handle: bob.user.handle, name: 'Bob Builder' }, deleted: false, depth: 1, replies: [], canEdit: true });
    expect(rootBody).toMatchObject({ paperId: paper, parentId: null, author: { handle: ada.user.handle }, deleted: false, depth: 0, replies: [] });
    for (const id of [replyBody['id'] as string, rootBody.id]) expect((await (id === rootBody.id ? ada : bob).api('DELETE', `/api/comments/${id}`)).status).toBe(200);
  });

  it('counts simultaneous comments exactly, with the trending score to match', async () => {
    const people = [await member(t, 'Cleo Concurrent'), await member(t, 'Dan Concurrent'), await member(t, 'Eve Concurrent')];
    const before = await t.database.db.selectFrom('papers').select('comments').where('id', '=', '2401.00009').executeTakeFirstOrThrow();
    const results = await Promise.all(people.flatMap((m) => Array.from({ length: 10 }, (_, i) => m.api('POST', '/api/papers/2401.00009/comments', { body: `at once ${i}` }))));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const after = await t.database.db.selectFrom('papers').select(['comments', 'upvotes', 'trending', 'feed_date']).where('id', '=', '2401.00009').executeTakeFirstOrThrow();
    expect(after.comments).toBe(before.comments + 30);
    expect(after.trending).toBeCloseTo(trendingScore(after.upvotes, after.comments, after.feed_date as string), 6);
  });

  it('answers errors as {error:{code,message}}', async () => {
    const cases: [Response | Promise<Response>, number, string][] = [
      [t.app.request(`/api/papers/${PAPER}/comments`, { method: 'POST', body: '{"body":"x"}', headers: { 'content-type': 'application/json' } }), 401, 'sign_in_required'],
      [ada.api('POST', `/api/papers/${PAPER}/comments`, { body: '' }), 400, 'invalid_input'],
      [ada.api('POST', `/api/papers/${PAPER}/comments`, { body: 'x'.repeat(10_001) }), 400, 'invalid_input'],
      [ada.api('POST', `/api/papers/${PAPER}/comments`, ['not', 'an', 'object']), 400, 'invalid_json'],
      [ada.api('POST', '/api/papers/2499.99999/comments', { body: 'hi' }), 404, 'not_found'],
      [ada.api('POST', '/api/papers/2401.00009/comments', { body: 'hi', parentId: (await thread())[0]?.id }), 404, 'not_found'],
      [ada.api('PATCH', '/api/comments/missing', { body: 'hi' }), 404, 'not_found'],
    ];
    for (const [res, status, code] of cases) {
      const r = await res;
      expect(r.status, code).toBe(status);
      expect(await r.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('accepts a browser session only with X-CSRF-Token', async () => {
    await ada.b.get('/');
    const cookie = [...ada.b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const call = (headers: Record<string, string>) =>
      t.app.request(`/api/papers/${PAPER}/comments`, { method: 'POST', body: JSON.stringify({ body: 'from a script' }), headers: { cookie, 'content-type': 'application/json', ...headers } });
    const refused = await call({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await call({ 'x-csrf-token': ada.b.csrf })).status).toBe(201);
  });
});
