// Every state-changing form and API call sent twice at once (a double click: same browser, same
// CSRF value), on both dialects: no 500, both answers sensible (the same page, a redirect, or a
// clear 4xx), and the store ends with the rows one request makes, whatever the interleaving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture } from '../../test/arxiv-fixtures.ts';
import { linkIn } from '../../test/client.ts';
import { createTestApp, type TestApp } from '../../test/context.ts';
import { DIALECTS } from '../../test/databases.ts';
import { paperInput } from '../../test/papers.ts';
import { type ReplayServer, startReplayServer } from '../../test/replay-server.ts';
import { person, replayArxiv } from '../../test/signed-in.ts';
import { subscriptionLink } from '../actions/subscription-links.ts';

const PASSWORD = 'correct horse battery';

/** Sends a request twice at once and returns both answers' statuses (none may be a 500). */
async function twice(send: () => Promise<Response>): Promise<Response[]> {
  const both = await Promise.all([send(), send()]);
  for (const res of both) expect(res.status).toBeLessThan(500);
  return both;
}

const statuses = (both: Response[]): number[] => both.map((r) => r.status).sort();

describe.each(DIALECTS)('requests sent twice at once (%s)', (dialect) => {
  let t: TestApp;
  let arxiv: ReplayServer;
  const db = () => t.database.db;
  const count = async (table: 'subscribers' | 'subscriber_follows' | 'collections' | 'collection_items' | 'author_claims' | 'submissions' | 'comments' | 'organizations' | 'org_invitations' | 'org_members' | 'votes' | 'audit_log', where: Record<string, string>) => {
    let q = db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    arxiv = await startReplayServer([{ path: '/api/query', query: { id_list: '2104.12255', start: '0', max_results: '1' }, respond: { body: apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1') } }]);
    t = await createTestApp(dialect, [
      paperInput({ id: '2501.60001', title: 'Twice clicked', authors: ['Ada Lovelace', 'Alan Turing'] }),
      paperInput({ id: '2501.60002', title: 'Harvested, in no feed yet', feedDate: null }),
      paperInput({ id: '2501.60003', title: 'To be hidden' }),
    ]);
    t.ctx.arxiv = replayArxiv(arxiv.url);
  });
  afterAll(async () => {
    await t.close();
    await arxiv.close();
  });

  it('subscribing the same address: the same page twice, one subscriber', async () => {
    const b = (await person(t, 'Sub Scriber')).b;
    await b.get('/subscribe');
    const both = await twice(() => b.post('/subscribe', { email: 'twice@example.org' }));
    expect(statuses(both)).toEqual([200, 200]);
    expect(await count('subscribers', { email: 'twice@example.org' })).toBe(1);
  });

  it('following twice, with and without a digest yet: two redirects, one subscriber, one follow', async () => {
    const ada = await person(t, 'Fol Lower');
    await ada.b.get('/follow?kind=author&value=Ada%20Lovelace');
    const first = await twice(() => ada.b.post('/follow', { kind: 'author', value: 'Ada Lovelace' }));
    expect(statuses(first)).toEqual([303, 303]);
    const second = await twice(() => ada.b.post('/follow', { kind: 'category', value: 'cs.LG' }));
    expect(statuses(second)).toEqual([303, 303]);
    const sub = await db().selectFrom('subscribers').select('id').where('email', '=', ada.email).execute();
    expect(sub).toHaveLength(1);
    const follows = await db().selectFrom('subscriber_follows').select(['kind', 'value']).where('subscriber_id', '=', sub[0]?.id as string).orderBy('kind').execute();
    expect(follows).toEqual([
      { kind: 'author', value: 'Ada Lovelace' },
      { kind: 'category', value: 'cs.LG' },
    ]);
  });

  it('creating a collection: both answers lead to one collection', async () => {
    const ada = await person(t, 'Col Lector');
    await ada.b.get('/collections');
    const both = await twice(() => ada.b.post('/collections', { name: 'Reading list' }));
    expect(statuses(both)).toEqual([303, 303]);
    expect(both[0]?.headers.get('location')).toBe(both[1]?.headers.get('location'));
    expect(await count('collections', { user_id: ada.user.id })).toBe(1);
    // Saving a paper into a new collection from its page, twice: one collection holding it once.
    await ada.b.get('/papers/2501.60001');
    const saved = await twice(() => ada.b.post('/collections/save', { collection: 'new', name: 'From the page', paperId: '2501.60001' }));
    expect(statuses(saved)).toEqual([303, 303]);
    const made = await db().selectFrom('collections').select('id').where('user_id', '=', ada.user.id).where('name', '=', 'From the page').execute();
    expect(made).toHaveLength(1);
    expect(await count('collection_items', { collection_id: made[0]?.id as string })).toBe(1);
  });

  it('adding the same paper to a collection: two redirects, one item; by API 201 and 200', async () => {
    const ada = await person(t, 'Item Adder');
    const created = await ada.api('POST', '/api/collections', { name: 'Items' });
    const { id } = (await created.json()) as { id: string };
    await ada.b.get(`/collections/${id}`);
    const both = await twice(() => ada.b.post(`/collections/${id}/items`, { paperId: '2501.60001' }));
    expect(statuses(both)).toEqual([303, 303]);
    const api = await twice(() => ada.api('POST', `/api/collections/${id}/items`, { paperId: '2501.60003' }));
    expect(statuses(api)).toEqual([200, 201]);
    expect(await count('collection_items', { collection_id: id })).toBe(2);
  });

  it('claiming an author name: a redirect and a 409, one claim each', async () => {
    const ada = await person(t, 'Ada Claimant');
    await ada.b.get('/papers/2501.60001');
    const both = await twice(() => ada.b.post('/claims', { paperId: '2501.60001', authorName: 'Ada Lovelace' }));
    expect(statuses(both)).toEqual([303, 409]);
    // Two people claiming one name at once: both claims wait, for a moderator to decide between them.
    const [x, y] = [await person(t, 'Alan One'), await person(t, 'Alan Two')];
    const pair = await Promise.all([x, y].map((p) => p.b.post('/claims', { paperId: '2501.60001', authorName: 'Alan Turing' })));
    expect(statuses(pair)).toEqual([303, 303]);
    expect(await count('author_claims', { paper_id: '2501.60001', author_name: 'Ada Lovelace' })).toBe(1);
    expect(await count('author_claims', { paper_id: '2501.60001', author_name: 'Alan Turing' })).toBe(2);
  });

  it('submitting a paper new to the store (one double click, then two people) and a harvested one: one paper, one submission', async () => {
    const ada = await person(t, 'Sub Mitter');
    await ada.b.get('/submit');
    const both = await twice(() => ada.b.post('/submit', { id: '2104.12255' }));
    expect(statuses(both)).toEqual([303, 303]);
    expect(await count('submissions', { paper_id: '2104.12255' })).toBe(1);
    const [x, y] = [await person(t, 'Sub One'), await person(t, 'Sub Two')];
    for (const p of [x, y]) await p.b.get('/submit');
    const pair = await Promise.all([x, y].map((p) => p.b.post('/submit', { id: '2501.60002' })));
    expect(statuses(pair)).toEqual([303, 303]);
    expect(await count('submissions', { paper_id: '2501.60002' })).toBe(1);
    expect((await db().selectFrom('papers').select('feed_date').where('id', '=', '2501.60002').executeTakeFirstOrThrow()).feed_date).toBe('2026-08-21');
  });

  it('posting the same comment: both answers show one comment, counted once', async () => {
    const ada = await person(t, 'Com Menter');
    await ada.b.get('/papers/2501.60001');
    const before = (await db().selectFrom('papers').select('comments').where('id', '=', '2501.60001').executeTakeFirstOrThrow()).comments;
    const both = await twice(() => ada.b.post('/comments', { paper_id: '2501.60001', body: 'Same words, clicked twice.' }));
    expect(statuses(both)).toEqual([303, 303]);
    expect(both[0]?.headers.get('location')).toBe(both[1]?.headers.get('location'));
    const api = await twice(() => ada.api('POST', '/api/papers/2501.60001/comments', { body: 'Sent twice by a script.' }));
    expect(statuses(api)).toEqual([201, 201]);
    expect(await count('comments', { user_id: ada.user.id })).toBe(2);
    expect((await db().selectFrom('papers').select('comments').where('id', '=', '2501.60001').executeTakeFirstOrThrow()).comments).toBe(before + 2);
    // Deleting it twice uncounts it once.
    const id = /#comment-([\w-]+)$/.exec(both[0]?.headers.get('location') ?? '')?.[1] as string;
    await twice(() => ada.b.post(`/comments/${id}/delete`));
    expect((await db().selectFrom('papers').select('comments').where('id', '=', '2501.60001').executeTakeFirstOrThrow()).comments).toBe(before + 1);
  });

  it('an admin creating an organization: a redirect and a 409, one organization', async () => {
    const admin = await person(t, 'Org Admin', 'admin');
    await admin.b.get('/orgs');
    const both = await twice(() => admin.b.post('/orgs', { handle: 'twin-lab', name: 'Twin Lab' }));
    expect(statuses(both)).toEqual([303, 409]);
    expect(await count('organizations', { handle: 'twin-lab' })).toBe(1);
  });

  it('inviting twice and accepting twice: one invitation, one membership', async () => {
    const admin = await person(t, 'Inv Admin', 'admin');
    const ada = await person(t, 'Inv Itee');
    await admin.b.get('/orgs');
    expect((await admin.b.post('/orgs', { handle: 'inv-lab', name: 'Inv Lab' })).status).toBe(303);
    await admin.b.get('/orgs/inv-lab');
    const invited = await twice(() => admin.b.post('/orgs/inv-lab/invitations', { member: `@${ada.user.handle}`, role: 'member' }));
    expect(statuses(invited)).toEqual([303, 409]);
    expect(await count('org_invitations', { org_handle: 'inv-lab' })).toBe(1);
    const row = await db().selectFrom('org_invitations').select('id').where('org_handle', '=', 'inv-lab').executeTakeFirstOrThrow();
    await ada.b.get('/orgs/inv-lab');
    const accepted = await twice(() => ada.b.post(`/orgs/inv-lab/invitations/${row.id}/accept`, { _back: '/orgs/inv-lab' }));
    expect(statuses(accepted)).toEqual([303, 404]);
    expect(await count('org_members', { org_handle: 'inv-lab' })).toBe(1);
    expect(await count('org_invitations', { org_handle: 'inv-lab' })).toBe(0);
  });

  it('upvoting twice from the page and the API: one vote, counted once', async () => {
    const ada = await person(t, 'Up Voter');
    await ada.b.get('/papers/2501.60003');
    const before = (await db().selectFrom('papers').select('upvotes').where('id', '=', '2501.60003').executeTakeFirstOrThrow()).upvotes;
    expect(statuses(await twice(() => ada.b.post('/papers/2501.60003/vote', { vote: '1' })))).toEqual([303, 303]);
    expect(statuses(await twice(() => ada.api('POST', '/api/papers/2501.60003/vote')))).toEqual([200, 200]);
    expect(await count('votes', { user_id: ada.user.id })).toBe(1);
    expect((await db().selectFrom('papers').select('upvotes').where('id', '=', '2501.60003').executeTakeFirstOrThrow()).upvotes).toBe(before + 1);
  });

  it('asking for a new address or a password reset twice: the same answer twice, and the link mailed works', async () => {
    const ada = await person(t, 'Mail Mover');
    await ada.b.get('/settings');
    const moved = await twice(() => ada.b.post('/settings/email', { email: 'moved.twice@example.org', current: PASSWORD }));
    expect(statuses(moved)).toEqual([303, 303]);
    await t.ctx.mailLater.idle();
    const mails = t.mailer.sent.filter((m) => m.to === 'moved.twice@example.org');
    expect(mails.length).toBeGreaterThan(0);
    const link = linkIn(mails[mails.length - 1]?.text ?? '', t.ctx.baseUrl);
    await ada.b.get(link);
    expect((await ada.b.post(link)).status).toBe(303);
    expect((await db().selectFrom('users').select('email').where('id', '=', ada.user.id).executeTakeFirstOrThrow()).email).toBe('moved.twice@example.org');
    const b = (await person(t, 'Re Setter')).b;
    await b.get('/reset');
    expect(statuses(await twice(() => b.post('/reset', { email: 'moved.twice@example.org' })))).toEqual([200, 200]);
  });

  it('hiding a paper, hiding a comment and banning twice: two redirects, one change, one audit entry each', async () => {
    const mod = await person(t, 'Mod Erator', 'moderator');
    const eve = await person(t, 'Eve Banned');
    await eve.b.get('/papers/2501.60003');
    const comment = /#comment-([\w-]+)$/.exec((await eve.b.post('/comments', { paper_id: '2501.60003', body: 'Spam.' })).headers.get('location') ?? '')?.[1] as string;
    await mod.b.get('/moderation');
    for (const [kind, id] of [['paper', '2501.60003'], ['comment', comment], ['user', `@${eve.user.handle}`]] as const) {
      const op = kind === 'user' ? 'ban' : 'hide';
      expect(statuses(await twice(() => mod.b.post(`/moderation/${kind}/${op}`, { id, reason: 'twice' })))).toEqual([303, 303]);
      expect(await count('audit_log', { actor_id: mod.user.id, action: `${op}_${kind}` })).toBe(1);
    }
  });

  it('saving preferences, unsubscribing and undoing it twice: the same answers, the state one request leaves', async () => {
    const ada = await person(t, 'Pref Saver');
    await ada.b.get('/digest');
    const started = await ada.b.post('/digest');
    const token = /\/subscription\/([^?]+)/.exec(started.headers.get('location') ?? '')?.[1] as string;
    await ada.b.get(`/subscription/${token}`);
    const saved = await twice(() => ada.b.post(`/subscription/${token}`, { frequency: 'weekly', hour: '9', timezone: 'UTC', max_papers: '5', topics: 'diffusion\nkv cache', authors: 'Ada Lovelace' }));
    expect(statuses(saved)).toEqual([303, 303]);
    const sub = await db().selectFrom('subscribers').selectAll().where('email', '=', ada.email).executeTakeFirstOrThrow();
    expect(sub.frequency).toBe('weekly');
    expect(await count('subscriber_follows', { subscriber_id: sub.id })).toBe(3);
    const unsub = subscriptionLink('', t.ctx.secret, 'digest-unsubscribe', sub.id, t.ctx.now());
    expect(statuses(await twice(() => ada.b.post(unsub)))).toEqual([200, 200]);
    expect(statuses(await twice(() => ada.b.post(`${unsub}/undo`)))).toEqual([200, 200]);
    expect((await db().selectFrom('subscribers').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('creating an API token twice: each answer shows its own new token once', async () => {
    const ada = await person(t, 'Token Maker');
    await ada.b.get('/settings');
    expect(statuses(await twice(() => ada.b.post('/settings/tokens', { name: 'laptop' })))).toEqual([303, 303]);
    const tokens = await db().selectFrom('api_tokens').select('name').where('user_id', '=', ada.user.id).where('name', '=', 'laptop').execute();
    expect(tokens).toHaveLength(2);
  });
});
