// Discussion on paper pages over both dialects: threads with replies, the comment count and
// trending score kept in step, edit window, soft delete, authorization, CSRF, length and rate
// limits, and hostile comments that must render as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendingScore } from '../../core/trending.ts';
import { commentIdOf, member, type Member } from '../../../test/community.ts';
import { TEST_NOW, createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { escapeHtml } from './math.ts';

const PAPER = '2401.00001';
const PAGE = `/papers/${PAPER}`;

export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '"><svg onload=alert(1)>',
  '<b><i>unclosed',
  '$<img src=x onerror=alert(1)>$',
];

describe.each(DIALECTS)('comments on paper pages (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let bob: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: PAPER, title: 'Discussed Paper', feedDate: '2026-08-21', upvotes: 3 }), paperInput({ id: 'hep-th/9901001', title: 'Old Style Id' })]);
    ada = await member(t, 'Ada Lovelace');
    bob = await member(t, 'Bob Builder');
  });
  afterAll(async () => t.close());

  const paperRow = () => t.database.db.selectFrom('papers').select(['comments', 'upvotes', 'trending', 'feed_date']).where('id', '=', PAPER).executeTakeFirstOrThrow();
  const post = async (m: Member, body: string, parentId = '', paperId = PAPER) => {
    await m.b.get(PAGE);
    return m.b.post('/comments', { paper_id: paperId, parent_id: parentId, body });
  };

  it('posts a comment and a nested reply, redirecting to them, and counts them on the paper', async () => {
    const before = await paperRow();
    const res = await post(ada, 'Nice result on **sparse** attention, see [code](https://example.org/x) and $O(n^2)$.');
    expect(res.status).toBe(303);
    const first = commentIdOf(res);
    expect(res.headers.get('location')).toBe(`${PAGE}#comment-${first}`);
    const reply = await post(bob, 'Agreed.', first);
    const second = commentIdOf(reply);
    const html = await (await bob.b.get(PAGE)).text();
    expect(html).toContain(`id="comment-${first}"`);
    expect(html).toMatch(new RegExp(`id="comment-${first}"[\\s\\S]*<ol class="thread"><li class="comment" id="comment-${second}"`));
    expect(html).toContain('<strong>sparse</strong>');
    expect(html).toContain('<a href="https://example.org/x" rel="nofollow ugc noopener noreferrer"');
    expect(html).toContain('class="katex"');
    const after = await paperRow();
    expect(after.comments).toBe(before.comments + 2);
    expect(after.trending).toBeCloseTo(trendingScore(after.upvotes, after.comments, '2026-08-21'), 6);
    expect(after.trending).toBeGreaterThan(before.trending);
    const feed = await (await t.app.request('/papers/date/2026-08-21')).text();
    expect(feed).toContain(`${after.comments} comments`);
  });

  it('works for papers whose id holds a slash', async () => {
    const res = await post(ada, 'Old but gold.', '', 'hep-th/9901001');
    expect(res.headers.get('location')).toMatch(/^\/papers\/hep-th\/9901001#comment-/);
    expect(await (await ada.b.get('/papers/hep-th/9901001')).text()).toContain('Old but gold.');
  });

  it('renders hostile comments as text', async () => {
    for (const payload of XSS_PAYLOADS) expect((await post(ada, payload)).status).toBe(303);
    const page = await (await bob.b.get(PAGE)).text();
    const start = page.indexOf('<section class="discussion"');
    const html = page.slice(start, page.indexOf('</section>', start));
    for (const payload of XSS_PAYLOADS) {
      if (payload.includes('<')) expect(html).not.toContain(payload);
      expect(html).toContain(escapeHtml(payload.replace(/^\$|\$$/g, '')));
    }
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<(img|svg|b|i)[\s>]/i);
    expect(html).not.toContain('<script>alert');
    // No tag carries an event handler (the words may appear as escaped text).
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it('refuses empty and too long comments, keeping the text in the form', async () => {
    const empty = await post(ada, '   ');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write a comment first');
    const long = await post(ada, `keep me ${'x'.repeat(10_001)}`);
    expect(long.status).toBe(400);
    const text = await long.text();
    expect(text).toContain('Keep comments under 10,000 characters');
    expect(text).toContain('keep me xxx');
    expect((await post(ada, 'y'.repeat(10_000))).status).toBe(303);
  });

  it('lets the author edit within 15 minutes, and nobody else', async () => {
    const id = commentIdOf(await post(ada, 'Frist'));
    expect(await (await ada.b.get(PAGE)).text()).toContain(`href="/comments/${id}/edit"`);
    expect(await (await bob.b.get(PAGE)).text()).not.toContain(`href="/comments/${id}/edit"`);
    expect((await ada.b.get(`/comments/${id}/edit`)).status).toBe(200);
    const saved = await ada.b.post(`/comments/${id}/edit`, { body: 'First' });
    expect(saved.status).toBe(303);
    const html = await (await ada.b.get(PAGE)).text();
    expect(html).toContain('<p>First</p>');
    expect(html).toContain('(edited)');
    // Someone else: refused, through the page and the API.
    expect((await bob.b.get(`/comments/${id}/edit`)).status).toBe(403);
    await bob.b.get(PAGE);
    expect((await bob.b.post(`/comments/${id}/edit`, { body: 'pwned' })).status).toBe(403);
    expect((await bob.b.post(`/comments/${id}/delete`)).status).toBe(403);
    expect((await bob.api('PATCH', `/api/comments/${id}`, { body: 'pwned' })).status).toBe(403);
    expect((await bob.api('DELETE', `/api/comments/${id}`)).status).toBe(403);
    // After the window, not even the author.
    const now = t.ctx.now;
    t.ctx.now = () => new Date(TEST_NOW.getTime() + 16 * 60_000);
    try {
      await ada.b.get(PAGE);
      // The edit link opened late says why, and leads back to the comment.
      const closed = await ada.b.get(`/comments/${id}/edit`);
      expect(closed.status).toBe(403);
      const closedHtml = await closed.text();
      expect(closedHtml).toContain('<h1>This comment can no longer be edited</h1>');
      expect(closedHtml).toContain('Comments can be edited for 15 minutes after posting.');
      expect(closedHtml).toContain(`<a href="/papers/${PAPER}#comment-${id}">Back to the comment</a>`);
      expect(closedHtml).not.toContain('<textarea');
      const late = await ada.b.post(`/comments/${id}/edit`, { body: 'Too late' });
      expect(late.status).toBe(403);
      // The refusal comes in the edit form, the rewritten text kept in its box.
      const lateHtml = await late.text();
      expect(lateHtml).toContain('Comments can be edited for 15 minutes');
      expect(lateHtml).toMatch(/<textarea id="comment-body" name="body"[^>]*>Too late<\/textarea>/);
      const api = await ada.api('PATCH', `/api/comments/${id}`, { body: 'Too late' });
      expect(api.status).toBe(403);
      expect(await api.json()).toEqual({ error: { code: 'edit_window_closed', message: expect.any(String) } });
    } finally {
      t.ctx.now = now;
    }
    const stored = await t.database.db.selectFrom('comments').select('body').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.body).toBe('First');
  });

  it('deletes softly: "[deleted]" keeps the replies in place, the count drops', async () => {
    const parent = commentIdOf(await post(ada, 'Soon gone'));
    const child = commentIdOf(await post(bob, 'Still here', parent));
    const before = (await paperRow()).comments;
    await ada.b.get(PAGE);
    const del = await ada.b.post(`/comments/${parent}/delete`);
    expect(del.status).toBe(303);
    const html = await (await bob.b.get(PAGE)).text();
    expect(html).not.toContain('Soon gone');
    expect(html).toMatch(new RegExp(`id="comment-${parent}"[\\s\\S]*\\[deleted\\][\\s\\S]*id="comment-${child}"`));
    expect((await paperRow()).comments).toBe(before - 1);
    // Deleting twice changes nothing.
    await ada.b.get(PAGE);
    expect((await ada.b.post(`/comments/${parent}/delete`)).status).toBe(404);
    expect((await paperRow()).comments).toBe(before - 1);
  });

  it('renders $$display math$$ centred on its own line in the thread and the API, prices staying text', async () => {
    const dee = await member(t, 'Dee Display');
    const id = commentIdOf(await post(dee, '**Strong** claim: the loss is\n$$\\sum_i x_i$$\nwhich costs $5 and $10.'));
    const page = await (await bob.b.get(PAGE)).text();
    const start = page.indexOf(`id="comment-${id}"`);
    const item = page.slice(start, page.indexOf('</article>', start));
    expect(item).toMatch(/<p><strong>Strong<\/strong> claim: the loss is<\/p>\n<div class="math-block"><span class="math math-display" tabindex="0"><span class="sr-only">\\sum_i x_i<\/span><span class="katex-display">/);
    expect(item).toContain('<p>which costs $5 and $10.</p>');
    expect(item).not.toMatch(/\sstyle=/);
    const api = (await (await t.app.request(`/api/papers/${PAPER}/comments`)).json()) as { comments: { id: string; html: string }[] };
    expect(api.comments.find((c) => c.id === id)?.html).toContain('class="katex-display"');
  });

  it("renders comments on the author's profile as in the thread, long ones cut with a link to the whole", async () => {
    const pat = await member(t, 'Pat Profile');
    const short = commentIdOf(await post(pat, '**Strong** words, $$\\sum_i x_i$$ and\n\n```\nconst x = 1;\n```'));
    const long = commentIdOf(await post(pat, `Opening words ${'and many more words '.repeat(60)}THE-VERY-END`));
    for (const path of [`/users/${pat.user.handle}`, `/users/${pat.user.handle}/comments`]) {
      const html = await (await t.app.request(path)).text();
      const list = html.slice(html.indexOf('<ul class="comment-list">'), html.indexOf('</ul>', html.indexOf('<ul class="comment-list">')));
      expect(list, path).toContain('<strong>Strong</strong>');
      expect(list).toContain('class="katex-display"');
      expect(list).toContain('<pre tabindex="0"><code>const x = 1;\n</code></pre>');
      expect(list).not.toContain('**Strong**');
      expect(list).not.toContain('$$');
      expect(list).toContain('Opening words and many more words');
      expect(list).not.toContain('THE-VERY-END');
      expect(list).toContain(`<a href="/papers/${PAPER}#comment-${long}">Read the whole comment</a>`);
      expect(list).not.toContain(`<a href="/papers/${PAPER}#comment-${short}">Read the whole comment</a>`);
    }
  });

  it('edits in a box as large as the comment, with the formatting help and the edit window', async () => {
    const eve = await member(t, 'Eve Editor');
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const big = commentIdOf(await post(eve, lines));
    const small = commentIdOf(await post(eve, 'one line'));
    const html = await (await eve.b.get(`/comments/${big}/edit`)).text();
    expect(html).toMatch(/<textarea id="comment-body" name="body" rows="13"/);
    expect(html).toContain('line 12</textarea>');
    expect(html).toContain('Markdown: *emphasis*, `code`, [links](https://…), $math$ and $$display math$$. No images or HTML.');
    expect(html).toContain('aria-describedby="comment-body-hint"');
    const row = await t.database.db.selectFrom('comments').select('created_at').where('id', '=', big).executeTakeFirstOrThrow();
    const until = new Date(Date.parse(row.created_at) + 15 * 60_000).toISOString();
    expect(html).toContain(`You can edit a comment for 15 minutes after posting: this one until <time datetime="${until}" data-local-time="">${until.slice(11, 16)} UTC</time>.`);
    // At least six rows, also when the form comes back with an error.
    expect(await (await eve.b.get(`/comments/${small}/edit`)).text()).toMatch(/<textarea id="comment-body" name="body" rows="6"/);
    const refused = await eve.b.post(`/comments/${big}/edit`, { body: '  ' });
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toMatch(/rows="6"/);
    expect(again).toContain('You can edit a comment for 15 minutes after posting');
    // The new-comment form keeps its small box.
    expect(await (await eve.b.get(PAGE)).text()).toMatch(/<textarea id="new-comment" name="body" rows="4"/);
  });

  it('goes back to the comment above a deleted reply, or to the discussion', async () => {
    const ann = await member(t, 'Ann Anchor');
    const ben = await member(t, 'Ben Branch');
    const top = commentIdOf(await post(ann, 'Top'));
    const middle = commentIdOf(await post(ben, 'Middle', top));
    const leaf = commentIdOf(await post(ann, 'Leaf', middle));
    await ben.b.get(PAGE);
    // A reply: to its parent.
    expect((await ben.b.post(`/comments/${middle}/delete`)).headers.get('location')).toBe(`${PAGE}#comment-${top}`);
    // A reply whose deleted parent leaves the thread with it: to the next comment up.
    await ann.b.get(PAGE);
    expect((await ann.b.post(`/comments/${leaf}/delete`)).headers.get('location')).toBe(`${PAGE}#comment-${top}`);
    expect(await (await ann.b.get(PAGE)).text()).not.toContain(`id="comment-${middle}"`);
    // A top-level comment: to the discussion.
    expect((await ann.b.post(`/comments/${top}/delete`)).headers.get('location')).toBe(`${PAGE}#discussion`);
  });

  it('refuses every form without the CSRF value, and changes nothing on GET', async () => {
    const id = commentIdOf(await post(ada, 'csrf target'));
    await ada.b.get(PAGE);
    for (const [path, fields] of [
      ['/comments', { paper_id: PAPER, body: 'forged' }],
      [`/comments/${id}/edit`, { body: 'forged' }],
      [`/comments/${id}/delete`, {}],
    ] as const) {
      const res = await ada.b.post(path, { ...fields, _csrf: '' });
      expect(res.status, path).toBe(403);
    }
    expect((await ada.b.get(`/comments/${id}/delete`)).status).toBe(404);
    const row = await t.database.db.selectFrom('comments').select(['body', 'deleted_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: 'csrf target', deleted_at: null });
  });

  it('sends visitors who are not signed in to sign in, and shows them no form', async () => {
    const anon = await t.app.request(PAGE);
    const html = await anon.text();
    expect(html).toContain('to join the discussion');
    expect(html).not.toContain('action="/comments"');
  });

  it('limits comments per account with a 429 and Retry-After', async () => {
    const carl = await member(t, 'Carl Chatty');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await post(carl, `comment ${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    const limited = await post(carl, 'one more');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const api = await carl.api('POST', `/api/papers/${PAPER}/comments`, { body: 'and via the API' });
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
