// Moderation over both dialects: hiding papers (gone from feeds, search, the page and the API,
// back when unhidden), hiding comments (marked for moderators and the author, gone for others,
// the count kept in step), bans that end sessions and stop tokens, who may do what, CSRF on the
// forms, and the audit log on /moderation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentIdOf, member, type Member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { AUDIT_PAGE } from './moderation-routes.tsx';

const PAPER = '2401.00002';

describe.each(DIALECTS)('moderation (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let bob: Member;
  let mod: Member;
  let admin: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: PAPER, title: 'Quantum Teapots for Large Language Models', feedDate: '2026-08-21', upvotes: 5 }),
      paperInput({ id: '2401.00003', title: 'Spam About Teapots', feedDate: '2026-08-21' }),
    ]);
    ada = await member(t, 'Ada Lovelace');
    bob = await member(t, 'Bob Builder');
    mod = await member(t, 'Meg Moderator', 'moderator');
    admin = await member(t, 'Ann Admin', 'admin');
  });
  afterAll(async () => t.close());

  const form = async (m: Member, path: string, fields: Record<string, string>) => {
    await m.b.get('/');
    return m.b.post(path, fields);
  };
  const searchIds = async () => ((await (await t.app.request('/api/papers/search?q=teapots')).json()) as { paper: { id: string } }[]).map((x) => x.paper.id);

  it('refuses everyone but moderators: page, forms and API', async () => {
    const refused = await ada.b.get('/moderation');
    expect(refused.status).toBe(403);
    // The page says what happened in words, not "Request failed".
    const refusal = await refused.text();
    expect(refusal).toContain('<h1>Not allowed</h1>');
    expect(refusal).toContain('<p>Only moderators can do that.</p>');
    expect(await (await ada.b.get('/')).text()).not.toContain('href="/moderation"');
    expect(await (await mod.b.get('/')).text()).toContain('href="/moderation"');
    expect((await t.app.request('/moderation')).status).toBe(303);
    for (const [path, id] of [
      ['/moderation/paper/hide', PAPER],
      ['/moderation/comment/hide', 'x'],
      ['/moderation/user/ban', 'bob-builder'],
    ] as const) {
      expect((await form(ada, path, { id })).status, path).toBe(403);
    }
    expect((await ada.api('POST', `/api/moderation/papers/${PAPER}/hide`)).status).toBe(403);
    expect((await ada.api('POST', '/api/moderation/users/bob-builder/ban')).status).toBe(403);
    const forbidden = await ada.api('POST', '/api/moderation/comments/x/hide');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: 'forbidden', message: 'Only moderators can do that.' } });
    expect((await t.app.request(`/api/moderation/papers/${PAPER}/hide`, { method: 'POST' })).status).toBe(401);
    const row = await t.database.db.selectFrom('users').select('banned').where('id', '=', bob.user.id).executeTakeFirstOrThrow();
    expect(row.banned).toBe(0);
  });

  it('refuses moderation forms without the CSRF value', async () => {
    await mod.b.get('/moderation');
    expect((await mod.b.post('/moderation/paper/hide', { id: PAPER, _csrf: '' })).status).toBe(403);
    expect((await mod.b.post('/moderation/user/ban', { id: 'bob-builder', _csrf: '' })).status).toBe(403);
    expect((await mod.b.get('/moderation/paper/hide')).status).toBe(404);
    expect(await (await t.app.request(`/papers/${PAPER}`)).text()).toContain('Quantum Teapots');
  });

  it('hides a paper from feeds, search, its page and the API, and brings it back', async () => {
    expect(await searchIds()).toContain('2401.00003');
    const seqBefore = (await t.database.db.selectFrom('papers').select('text_seq').where('id', '=', '2401.00003').executeTakeFirstOrThrow()).text_seq;
    expect(await (await mod.b.get('/papers/2401.00003')).text()).toContain('action="/moderation/paper/hide"');
    expect(await (await ada.b.get('/papers/2401.00003')).text()).not.toContain('action="/moderation/paper/hide"');
    const res = await form(mod, '/moderation/paper/hide', { id: '2401.00003', reason: 'spam' });
    expect(res.status).toBe(303);
    const row = await t.database.db.selectFrom('papers').select(['hidden', 'text_seq']).where('id', '=', '2401.00003').executeTakeFirstOrThrow();
    expect(row.hidden).toBe(1);
    expect(row.text_seq).toBeGreaterThan(seqBefore);
    await t.ctx.search.sync();
    expect(await searchIds()).not.toContain('2401.00003');
    expect((await t.app.request('/papers/2401.00003')).status).toBe(404);
    expect((await t.app.request('/api/papers/2401.00003')).status).toBe(404);
    expect((await ada.b.get('/papers/2401.00003')).status).toBe(404);
    // The staff, whose audit log links it, still open its page, told it is hidden.
    for (const staff of [mod, admin]) {
      const shown = await staff.b.get('/papers/2401.00003');
      expect(shown.status).toBe(200);
      const html = await shown.text();
      expect(html).toContain('A moderator hid this paper: only moderators and administrators see this page.');
      expect(html).toContain('Spam About Teapots');
      expect(html).not.toContain('action="/moderation/paper/hide"');
    }
    expect(await (await t.app.request('/papers/date/2026-08-21')).text()).not.toContain('Spam About Teapots');
    const page = await (await mod.b.get('/moderation')).text();
    expect(page).toContain('Spam About Teapots');
    expect(page).toMatch(/@meg-moderator<\/td><td role="cell" data-label="Did">hid<\/td><td role="cell" data-label="To"><a href="\/papers\/2401.00003">paper 2401.00003<\/a><\/td><td role="cell" data-label="Details">spam<\/td>/);
    // Back again, through the API this time.
    const back = await mod.api('POST', '/api/moderation/papers/2401.00003/unhide', { reason: 'not spam after all' });
    expect(await back.json()).toEqual({ paperId: '2401.00003', hidden: false, changed: true });
    await t.ctx.search.sync();
    expect(await searchIds()).toContain('2401.00003');
    expect((await t.app.request('/papers/2401.00003')).status).toBe(200);
  });

  it('hides a comment from others, marks it for moderators and its author, and keeps the count in step', async () => {
    await ada.b.get(`/papers/${PAPER}`);
    const id = commentIdOf(await ada.b.post('/comments', { paper_id: PAPER, body: 'Buy cheap teapots at spam.example' }));
    const reply = commentIdOf(await bob.b.post('/comments', { paper_id: PAPER, parent_id: id, body: 'Please stop.' }));
    const count = async () => (await t.database.db.selectFrom('papers').select('comments').where('id', '=', PAPER).executeTakeFirstOrThrow()).comments;
    const before = await count();
    const hide = await form(mod, '/moderation/comment/hide', { id });
    expect(hide.status).toBe(303);
    expect(hide.headers.get('location')).toBe(`/papers/${PAPER}#comment-${id}`);
    expect(await count()).toBe(before - 1);
    const anon = await (await t.app.request(`/papers/${PAPER}`)).text();
    expect(anon).not.toContain('spam.example');
    expect(anon).toContain('[hidden by a moderator]');
    expect(anon).toContain('Please stop.');
    const asMod = await (await mod.b.get(`/papers/${PAPER}`)).text();
    expect(asMod).toContain('spam.example');
    expect(asMod).toContain('hidden by a moderator</span>');
    expect(await (await ada.b.get(`/papers/${PAPER}`)).text()).toContain('spam.example');
    const api = (await (await bob.api('GET', `/api/papers/${PAPER}/comments`)).json()) as { comments: { id: string; body: string; author: unknown; replies: { id: string }[] }[] };
    const hidden = api.comments.find((c) => c.id === id);
    expect(hidden).toMatchObject({ body: '', author: null });
    expect(hidden?.replies.map((r) => r.id)).toEqual([reply]);
    // Hiding twice changes nothing; unhiding restores the count.
    await form(mod, '/moderation/comment/hide', { id });
    expect(await count()).toBe(before - 1);
    expect(await (await mod.b.get('/moderation')).text()).toContain('spam.example');
    const unhide = await mod.api('POST', `/api/moderation/comments/${id}/unhide`);
    expect(unhide.status).toBe(200);
    expect(await count()).toBe(before);
  });

  it('refuses edits of a hidden comment within the edit window (form, save and API), so the text a moderator read stays', async () => {
    await ada.b.get(`/papers/${PAPER}`);
    const id = commentIdOf(await ada.b.post('/comments', { paper_id: PAPER, body: 'Teapots are best at 93 degrees.' }));
    expect(await (await ada.b.get(`/papers/${PAPER}`)).text()).toContain(`href="/comments/${id}/edit"`);
    await form(mod, '/moderation/comment/hide', { id });
    expect(await (await ada.b.get(`/papers/${PAPER}`)).text()).not.toContain(`href="/comments/${id}/edit"`);
    const page = await ada.b.get(`/comments/${id}/edit`);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('A moderator hid this comment, so it can no longer be edited.');
    await ada.b.get(`/papers/${PAPER}`);
    expect((await ada.b.post(`/comments/${id}/edit`, { body: 'Something else entirely.' })).status).toBe(403);
    const api = await ada.api('PATCH', `/api/comments/${id}`, { body: 'Something else entirely.' });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('comment_hidden');
    const row = await t.database.db.selectFrom('comments').select(['body', 'edited_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: 'Teapots are best at 93 degrees.', edited_at: null });
    // Shown again, it may be edited again while the window lasts.
    await form(mod, '/moderation/comment/unhide', { id });
    expect((await ada.api('PATCH', `/api/comments/${id}`, { body: 'Teapots are best at 95 degrees.' })).status).toBe(200);
  });

  it('the comment Hide button and the Hide paper form take an optional reason, which the audit log shows', async () => {
    await ada.b.get(`/papers/${PAPER}`);
    const id = commentIdOf(await ada.b.post('/comments', { paper_id: PAPER, body: 'Teapot coupons, today only.' }));
    const page = await (await mod.b.get(`/papers/${PAPER}`)).text();
    const hideComment = new RegExp(`<form method="post" action="/moderation/comment/hide" class="inline">(?:(?!</form>).)*name="id" value="${id}"(?:(?!</form>).)*</form>`, 's').exec(page)?.[0] ?? '';
    expect(hideComment).toContain('name="reason"');
    const hidePaper = /<form method="post" action="\/moderation\/paper\/hide".*?<\/form>/s.exec(page)?.[0] ?? '';
    expect(hidePaper).toContain('name="reason"');
    expect((await mod.b.post('/moderation/comment/hide', { id, reason: 'coupon spam' })).status).toBe(303);
    expect((await mod.b.post('/moderation/paper/hide', { id: '2401.00003', reason: 'not a paper' })).status).toBe(303);
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'target_id', 'detail']).where('action', 'in', ['hide_comment', 'hide_paper']).where('detail', '!=', '').execute();
    expect(rows).toEqual(expect.arrayContaining([{ action: 'hide_comment', target_id: id, detail: 'coupon spam' }, { action: 'hide_paper', target_id: '2401.00003', detail: 'not a paper' }]));
    const log = await (await mod.b.get('/moderation')).text();
    expect(log).toContain('<td role="cell" data-label="Details">coupon spam</td>');
    expect(log).toContain('<td role="cell" data-label="Details">not a paper</td>');
    await mod.api('POST', '/api/moderation/papers/2401.00003/unhide');
  });

  it('answers a malformed JSON body in the API with 400 invalid_json, as the comments API does, and changes nothing', async () => {
    const raw = (path: string, body: string) =>
      t.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${mod.token}`, 'content-type': 'application/json' }, body });
    const audit = async () => Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await audit();
    for (const [path, body] of [
      ['/api/moderation/papers/2401.00003/hide', '{"reason": "spam'],
      ['/api/moderation/papers/2401.00003/hide', '["spam"]'],
      ['/api/moderation/users/bob-builder/ban', '{"reason": "spam'],
    ] as const) {
      const res = await raw(path, body);
      expect(res.status, `${path} ${body}`).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
    }
    expect(await audit()).toBe(before);
    expect((await t.database.db.selectFrom('papers').select('hidden').where('id', '=', '2401.00003').executeTakeFirstOrThrow()).hidden).toBe(0);
    expect((await t.database.db.selectFrom('users').select('banned').where('id', '=', bob.user.id).executeTakeFirstOrThrow()).banned).toBe(0);
    // An empty body still means no reason.
    expect((await raw('/api/moderation/papers/2401.00003/hide', '')).status).toBe(200);
    expect((await raw('/api/moderation/papers/2401.00003/unhide', '{"reason":"by mistake"}')).status).toBe(200);
  });

  it('bans: sessions end, tokens are revoked for good, sign-in is refused; admins are never banned, moderators only by admins', async () => {
    expect((await bob.b.get('/')).headers.get('content-type')).toContain('text/html');
    const res = await form(mod, '/moderation/user/ban', { id: 'bob-builder', reason: 'rude' });
    expect(res.status).toBe(303);
    expect(await t.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', bob.user.id).execute()).toEqual([]);
    expect(await (await bob.b.get('/')).text()).not.toContain('href="/users/bob-builder"');
    expect((await bob.api('POST', `/api/papers/${PAPER}/comments`, { body: 'I am back' })).status).toBe(401);
    expect(await (await mod.b.get('/moderation')).text()).toContain('@bob-builder');
    // A banned profile is gone for others, and open to the staff with a note.
    expect((await t.app.request('/users/bob-builder')).status).toBe(404);
    expect((await ada.b.get('/users/bob-builder')).status).toBe(404);
    const profile = await mod.b.get('/users/bob-builder');
    expect(profile.status).toBe(200);
    expect(await profile.text()).toContain('This account is banned: only its owner and the moderators see this page.');
    // Who may ban whom.
    expect((await form(mod, '/moderation/user/ban', { id: 'ann-admin' })).status).toBe(403);
    expect((await mod.api('POST', '/api/moderation/users/ann-admin/ban')).status).toBe(403);
    const other = await member(t, 'Mo Moderator', 'moderator');
    expect((await mod.api('POST', `/api/moderation/users/${other.user.handle}/ban`)).status).toBe(403);
    expect((await admin.api('POST', `/api/moderation/users/${other.user.handle}/ban`)).status).toBe(200);
    expect((await admin.api('POST', `/api/moderation/users/${admin.user.handle}/ban`)).status).toBe(400);
    // Unban: signing in works again.
    const unban = await mod.api('POST', '/api/moderation/users/bob-builder/unban');
    expect(await unban.json()).toEqual({ handle: 'bob-builder', banned: false, changed: true });
    // The token a ban stopped stays revoked after the unban: the owner makes a new one.
    expect((await bob.api('POST', `/api/papers/${PAPER}/comments`, { body: 'I am back' })).status).toBe(401);
    const actions = (await t.database.db.selectFrom('audit_log').select(['action', 'target_id']).execute()).map((r) => `${r.action} ${r.target_id}`);
    expect(actions).toEqual(expect.arrayContaining(['ban_user bob-builder', 'unban_user bob-builder', `ban_user ${other.user.handle}`]));
    expect(actions).not.toContain('ban_user ann-admin');
  });

  it('bans by handle typed as shown (@handle, spaces around), and asks first', async () => {
    const page = await (await mod.b.get('/moderation')).text();
    expect(page).toMatch(/<form method="post" action="\/moderation\/user\/ban" class="moderation-form" data-confirm="Ban this account\?[^"]*">/);
    const carl = await member(t, 'Carl Cross');
    const res = await form(mod, '/moderation/user/ban', { id: `  @${carl.user.handle} `, reason: 'rude' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/moderation?done=user-ban');
    const row = await t.database.db.selectFrom('users').select('banned').where('id', '=', carl.user.id).executeTakeFirstOrThrow();
    expect(row.banned).toBe(1);
    expect((await form(mod, '/moderation/user/unban', { id: `@${carl.user.handle}` })).status).toBe(303);
  });

  it('shows a ban it cannot do beside the form, keeping what was typed', async () => {
    const banSection = (html: string) => html.slice(html.indexOf('id="ban-title"'), html.indexOf('</section>', html.indexOf('id="ban-title"')));
    const unknown = await form(mod, '/moderation/user/ban', { id: '@nobody-here', reason: 'spam <b>' });
    expect(unknown.status).toBe(404);
    const html = await unknown.text();
    expect(html).toContain('<h1>Moderation</h1>');
    const section = banSection(html);
    expect(section).toContain('<p class="notice error" role="alert" id="ban-error">No account has the handle @nobody-here.</p>');
    expect(section).toContain('value="@nobody-here"');
    expect(section).toContain('aria-invalid="true" aria-describedby="ban-error"');
    expect(section).toContain('value="spam &lt;b&gt;"');
    // Nothing typed but the @; an administrator.
    const empty = await form(mod, '/moderation/user/ban', { id: ' @ ' });
    expect(empty.status).toBe(400);
    expect(banSection(await empty.text())).toContain('Type the handle of the account to ban');
    const adminBan = await form(mod, '/moderation/user/ban', { id: `@${admin.user.handle}` });
    expect(adminBan.status).toBe(403);
    const adminHtml = banSection(await adminBan.text());
    expect(adminHtml).toContain('Administrators cannot be banned.');
    expect(adminHtml).toContain(`value="@${admin.user.handle}"`);
    // The CSRF check still comes first.
    expect((await mod.b.post('/moderation/user/ban', { id: '@nobody-here', _csrf: '' })).status).toBe(403);
  });

  it('lists hidden comments rendered as in the thread, long ones cut', async () => {
    await ada.b.get(`/papers/${PAPER}`);
    const body = `**Strong** words with $$\\sum_i x_i$$ and\n\n\`\`\`\ncode here\n\`\`\`\n\n${'filler words '.repeat(80)}HIDDEN-TAIL`;
    const id = commentIdOf(await ada.b.post('/comments', { paper_id: PAPER, body }));
    await form(mod, '/moderation/comment/hide', { id });
    const html = await (await mod.b.get('/moderation')).text();
    const start = html.indexOf('id="hidden-comments-title"');
    const list = html.slice(start, html.indexOf('</section>', start));
    expect(list).toContain('<strong>Strong</strong> words with');
    expect(list).toContain('class="katex-display"');
    expect(list).toContain('<pre tabindex="0"><code>code here\n</code></pre>');
    expect(list).not.toContain('**Strong**');
    expect(list).not.toContain('HIDDEN-TAIL');
    expect(list).toContain(`<a href="/papers/${PAPER}#comment-${id}">Read the whole comment</a>`);
    expect(list).toContain('action="/moderation/comment/unhide"');
    await mod.api('POST', `/api/moderation/comments/${id}/unhide`);
  });

  it('sets moderator actions apart on the paper page, and lets the audit log scroll in its box', async () => {
    const page = await (await mod.b.get(`/papers/${PAPER}`)).text();
    expect(page).toMatch(
      /<div class="mod-actions" role="group" aria-labelledby="mod-actions-label"><span class="mod-label" id="mod-actions-label">Moderator action<\/span><form method="post" action="\/moderation\/paper\/hide" class="inline moderation-action" data-confirm="[^"]+">[\s\S]*?<button type="submit" class="button mod-danger">Hide paper<\/button>/,
    );
    expect(page).toMatch(/<button type="submit" class="link mod-link" title="Hide this comment[^"]*\(moderator action\)">Hide<\/button>/);
    const moderation = await (await mod.b.get('/moderation')).text();
    expect(moderation).toContain('<div class="table-wrap audit-wrap" tabindex="0" role="region" aria-label="Audit log entries"><table class="audit" role="table">');
  });

  it('pages the audit log, newest first, so older entries stay reachable', async () => {
    const rowsOf = (html: string) => [...html.matchAll(/<td role="cell" data-label="Did">(?:showed again|hid)<\/td><td role="cell" data-label="To"><a href="\/papers\/[^"]+">paper ([^<]+)<\/a><\/td><td role="cell" data-label="Details">([^<]*)<\/td>/g)].map((m) => m[2]);
    await t.database.db.deleteFrom('audit_log').execute();
    expect(await (await mod.b.get('/moderation')).text()).toContain('Nothing recorded yet.');
    const base = Date.parse('2026-08-01T00:00:00Z');
    const entries = Array.from({ length: AUDIT_PAGE + 3 }, (_, i) => ({
      id: `audit-${String(i).padStart(4, '0')}`,
      actor_id: null,
      action: 'hide_paper',
      target_type: 'paper',
      target_id: PAPER,
      detail: `entry ${i}`,
      created_at: new Date(base + i * 60_000).toISOString(),
    }));
    await t.database.db.insertInto('audit_log').values(entries).execute();
    const first = await (await mod.b.get('/moderation')).text();
    const newest = rowsOf(first);
    expect(newest).toHaveLength(AUDIT_PAGE);
    expect(newest[0]).toBe(`entry ${AUDIT_PAGE + 2}`);
    expect(newest.at(-1)).toBe('entry 3');
    expect(first).toContain('<span>Page 1 of 2</span>');
    expect(first).toContain('<a class="nav-btn" rel="next" href="/moderation?p=2#audit-title">');
    const second = await (await mod.b.get('/moderation?p=2')).text();
    expect(rowsOf(second)).toEqual(['entry 2', 'entry 1', 'entry 0']);
    expect(second).toContain('<a class="nav-btn" rel="prev" href="/moderation#audit-title">');
    const past = await mod.b.get('/moderation?p=9');
    expect(past.status).toBe(200);
    expect(await past.text()).toContain('No entries on this page: the log has 2 pages.');
    expect((await mod.b.get('/moderation?p=abc')).status).toBe(400);
  });
});

