// Collections over both dialects: save from a paper page into a new collection, reorder with the
// no-JS buttons, remove, share a public URL, BibTeX download; the JSON API; every change of
// someone else's collection refused (403/404) by page and API; private ones hidden; hostile
// names and titles escaped; CSRF on forms and session API calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const PAPERS = [
  paperInput({ id: '2501.20001', title: 'First paper', authors: ['Ada Lovelace'], categories: ['cs.LG'] }),
  paperInput({ id: '2501.20002', title: 'Second paper', authors: ['Alan Turing'] }),
  paperInput({ id: '2501.20003', title: `Hostile ${XSS}`, authors: ['Eve {Mallory}'] }),
];

const order = async (t: TestApp, id: string) => (await t.database.db.selectFrom('collection_items').select('paper_id').where('collection_id', '=', id).orderBy('position').execute()).map((r) => r.paper_id);

describe.each(DIALECTS)('collections (%s)', (dialect) => {
  let t: TestApp;
  let ada: Person;
  let mallory: Person;
  let pub = '';
  let priv = '';
  beforeAll(async () => {
    t = await createTestApp(dialect, PAPERS);
    ada = await person(t, 'Ada');
    mallory = await person(t, 'Mallory');
  });
  afterAll(async () => t.close());

  it('saves from a paper page into a new collection, then into an existing one; reorders, removes and shares', async () => {
    const page = await (await ada.b.get('/papers/2501.20001')).text();
    expect(page).toContain('action="/collections/save"');
    const saved = await ada.b.post('/collections/save', { paperId: '2501.20001', collection: 'new', name: 'Reading list' });
    expect(saved.status).toBe(303);
    pub = decodeURIComponent(/saved=([^&]+)/.exec(saved.headers.get('location') ?? '')?.[1] ?? '');
    expect(await (await ada.b.get(saved.headers.get('location') ?? '')).text()).toContain('Saved to <a href="/collections/');
    await ada.b.post('/collections/save', { paperId: '2501.20002', collection: pub });
    // A "new" collection named as one she has (in another case) is that one, not a refusal.
    // (A minute later: within seconds it would be taken for a double click on the first save.)
    const clock = t.ctx.now;
    t.ctx.now = () => new Date(clock().getTime() + 60_000);
    const again = await ada.b.post('/collections/save', { paperId: '2501.20003', collection: 'new', name: ' reading LIST ' });
    t.ctx.now = clock;
    expect(again.headers.get('location')).toBe(`/papers/2501.20003?saved=${encodeURIComponent(pub)}`);
    expect(await order(t, pub)).toEqual(['2501.20001', '2501.20002', '2501.20003']);
    await ada.b.get(`/collections/${pub}`);
    const moved = await ada.b.post(`/collections/${pub}/move`, { paperId: '2501.20003', direction: 'up' });
    expect(moved.status).toBe(303);
    expect(await order(t, pub)).toEqual(['2501.20001', '2501.20003', '2501.20002']);
    // Back at the moved paper's item, which the page names by that id.
    expect(moved.headers.get('location')).toBe(`/collections/${pub}#item-2501.20003`);
    expect(await (await ada.b.get(`/collections/${pub}`)).text()).toContain('<li id="item-2501.20003">');
    await ada.b.post(`/collections/${pub}/move`, { paperId: '2501.20001', direction: 'down' });
    expect(await order(t, pub)).toEqual(['2501.20003', '2501.20001', '2501.20002']);
    await ada.b.post(`/collections/${pub}/remove`, { paperId: '2501.20002' });
    expect(await order(t, pub)).toEqual(['2501.20003', '2501.20001']);
    // Private until made public: strangers get a 404.
    expect((await t.app.request(`/collections/${pub}`)).status).toBe(404);
    expect((await t.app.request(`/collections/${pub}.bib`)).status).toBe(404);
    const edited = await ada.b.post(`/collections/${pub}/edit`, { name: `Mine ${XSS}`, description: `About ${XSS}`, public: '1' });
    // The owner is told it saved.
    expect(edited.headers.get('location')).toBe(`/collections/${pub}?saved=1`);
    expect(await (await ada.b.get(edited.headers.get('location')!)).text()).toContain('<p class="notice" role="status">Saved.</p>');
    const shared = await t.app.request(`/collections/${pub}`);
    expect(shared.status).toBe(200);
    const html = await shared.text();
    expect(html).toContain(`http://paperboy.test/collections/${pub}`);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Mine &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Hostile &lt;script&gt;');
    expect(html).not.toContain('/move'); // strangers see no controls
    // The description is the comments' Markdown: rendered, sanitized, its hostile HTML as text.
    await ada.b.post(`/collections/${pub}/edit`, { name: `Mine ${XSS}`, description: `Reading list for **TTC**, see [the paper](https://arxiv.org/abs/2408.03314) and [bad](javascript:alert(1)) ${XSS}`, public: '1' });
    const md = await (await t.app.request(`/collections/${pub}`)).text();
    const desc = /<div class="collection-description comment-body">(.*?)<\/div>/s.exec(md)?.[1] ?? '';
    expect(desc).toContain('<strong>TTC</strong>');
    expect(desc).toMatch(/<a href="https:\/\/arxiv\.org\/abs\/2408\.03314"[^>]*>the paper<\/a>/);
    expect(desc).not.toMatch(/href="javascript:/i);
    expect(desc).not.toContain('<script');
    expect(desc).toContain('&lt;script&gt;');
  });

  it('exports BibTeX with escaping, arXiv fields and the collection order', async () => {
    const res = await t.app.request(`/collections/${pub}.bib`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/x-bibtex/);
    const bib = await res.text();
    expect(bib.indexOf('2501.20003')).toBeLessThan(bib.indexOf('2501.20001'));
    expect(bib).toContain('author = {Eve \\{Mallory\\}},');
    expect(bib).toContain('eprint = {2501.20001},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},');
    expect(bib).toMatch(/^@misc\{lovelace2025first,$/m);
  });

  it('keeps a private collection to its owner and refuses every change by someone else (pages)', async () => {
    const created = await ada.b.post('/collections', { name: 'Secret', description: '' });
    priv = (created.headers.get('location') ?? '').split('/').pop() ?? '';
    await ada.b.post('/collections/save', { paperId: '2501.20001', collection: priv });
    expect((await ada.b.get(`/collections/${priv}`)).status).toBe(200);
    // Kept out of shared caches: the page and its BibTeX file alike.
    for (const path of [`/collections/${priv}`, `/collections/${priv}.bib`]) expect((await ada.b.get(path)).headers.get('cache-control'), path).toBe('private, no-store');
    expect((await ada.b.get(`/collections/${pub}.bib`)).headers.get('cache-control')).toBeNull();
    await mallory.b.get('/');
    expect((await mallory.b.get(`/collections/${priv}`)).status).toBe(404);
    expect((await mallory.b.get(`/collections/${priv}.bib`)).status).toBe(404);
    for (const [id, status] of [[pub, 403], [priv, 404]] as const) {
      expect((await mallory.b.post(`/collections/${id}/edit`, { name: 'pwned', public: '1' })).status).toBe(status);
      expect((await mallory.b.post(`/collections/${id}/move`, { paperId: '2501.20001', direction: 'up' })).status).toBe(status);
      expect((await mallory.b.post(`/collections/${id}/remove`, { paperId: '2501.20001' })).status).toBe(status);
      expect((await mallory.b.post(`/collections/${id}/items`, { paperId: '2501.20002' })).status).toBe(status);
      expect((await mallory.b.post('/collections/save', { paperId: '2501.20002', collection: id })).status).toBe(status);
      expect((await mallory.b.post(`/collections/${id}/delete`)).status).toBe(status);
    }
    expect(await order(t, pub)).toEqual(['2501.20003', '2501.20001']);
    expect(await order(t, priv)).toEqual(['2501.20001']);
    const names = await t.database.db.selectFrom('collections').select('name').where('id', 'in', [pub, priv]).execute();
    expect(names.map((n) => n.name).sort()).toEqual([`Mine ${XSS}`, 'Secret']);
    // Anonymous visitors are sent to sign in; forged forms are refused.
    expect((await t.app.request(`/collections/${pub}/delete`, { method: 'POST' })).status).toBe(403);
    expect((await ada.b.post(`/collections/${pub}/delete`, { _csrf: 'forged' })).status).toBe(403);
    expect(await order(t, pub)).toHaveLength(2);
  });

  it('refuses every change by someone else (API) and hides private collections', async () => {
    for (const [id, status] of [[pub, 403], [priv, 404]] as const) {
      expect((await mallory.api('PATCH', `/api/collections/${id}`, { name: 'pwned' })).status).toBe(status);
      expect((await mallory.api('DELETE', `/api/collections/${id}`)).status).toBe(status);
      expect((await mallory.api('POST', `/api/collections/${id}/items`, { paperId: '2501.20002' })).status).toBe(status);
      expect((await mallory.api('DELETE', `/api/collections/${id}/items/2501.20001`)).status).toBe(status);
      expect((await mallory.api('POST', `/api/collections/${id}/order`, { paperIds: ['2501.20001'] })).status).toBe(status);
    }
    expect((await mallory.api('GET', `/api/collections/${priv}`)).status).toBe(404);
    expect((await mallory.api('GET', `/api/collections/${pub}`)).status).toBe(200);
    const list = (await (await mallory.api('GET', '/api/collections')).json()) as unknown[];
    expect(list).toEqual([]);
    expect((await t.app.request('/api/collections')).status).toBe(401);
    expect(await order(t, priv)).toEqual(['2501.20001']);
  });

  it('does everything through the JSON API with a token, or a session with X-CSRF-Token', async () => {
    const created = await ada.api('POST', '/api/collections', { name: 'API list', public: true });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const paperId of ['2501.20001', '2501.20002', '2501.20003']) expect((await ada.api('POST', `/api/collections/${id}/items`, { paperId })).status).toBe(201);
    expect((await ada.api('POST', `/api/collections/${id}/items`, { paperId: '2501.20001' })).status).toBe(200);
    expect((await ada.api('POST', `/api/collections/${id}/items`, { paperId: 'nope' })).status).toBe(404);
    const bad = await ada.api('POST', `/api/collections/${id}/order`, { paperIds: ['2501.20001'] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_order' } });
    const reordered = await ada.api('POST', `/api/collections/${id}/order`, { paperIds: ['2501.20003', '2501.20001', '2501.20002'] });
    expect(((await reordered.json()) as { papers: { id: string }[] }).papers.map((p) => p.id)).toEqual(['2501.20003', '2501.20001', '2501.20002']);
    const removed = await ada.api('DELETE', `/api/collections/${id}/items/2501.20001`);
    expect(((await removed.json()) as { itemCount: number }).itemCount).toBe(2);
    const patched = await ada.api('PATCH', `/api/collections/${id}`, { name: 'Renamed', public: false });
    expect(await patched.json()).toMatchObject({ name: 'Renamed', public: false });
    expect((await t.app.request(`/api/collections/${id}`)).status).toBe(404);
    await ada.b.get('/');
    expect((await ada.session('PATCH', `/api/collections/${id}`, { description: 'x' }, { csrf: false })).status).toBe(403);
    expect((await ada.session('PATCH', `/api/collections/${id}`, { description: 'x' })).status).toBe(200);
    const mine = (await (await ada.api('GET', '/api/collections')).json()) as { name: string }[];
    expect(mine.map((c) => c.name).sort()).toEqual([`Mine ${XSS}`, 'Renamed', 'Secret']);
    expect((await ada.api('DELETE', `/api/collections/${id}`)).status).toBe(204);
    expect((await ada.api('GET', `/api/collections/${id}`)).status).toBe(404);
    expect(await order(t, id)).toEqual([]);
  });

  it('adds a paper by its arXiv id or link from the collection page; an unknown id is a clear 404', async () => {
    await ada.b.get('/collections');
    const created = await ada.b.post('/collections', { name: 'Empty at first' });
    const id = (created.headers.get('location') ?? '').split('/').pop() ?? '';
    const empty = await (await ada.b.get(`/collections/${id}`)).text();
    expect(empty).toContain('No papers yet. Add one by its arXiv id below');
    expect(empty).toContain(`action="/collections/${id}/items"`);
    expect((await ada.b.post(`/collections/${id}/items`, { paperId: 'https://arxiv.org/abs/2501.20002v3' })).status).toBe(303);
    expect((await ada.b.post(`/collections/${id}/items`, { paperId: ' arXiv:2501.20001 ' })).status).toBe(303);
    expect(await order(t, id)).toEqual(['2501.20002', '2501.20001']);
    const unknown = await ada.b.post(`/collections/${id}/items`, { paperId: '2699.00001' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No paper here has the id 2699.00001');
    // Others see neither the hint nor the form.
    await mallory.b.get('/');
    expect((await mallory.b.post(`/collections/${id}/items`, { paperId: '2501.20003' })).status).toBe(404);
    expect(await order(t, id)).toEqual(['2501.20002', '2501.20001']);
  });

  it('counts, lists and orders only the papers shown when a moderator hid one; the hidden one keeps its place', async () => {
    const ids = ['2501.20011', '2501.20012', '2501.20013', '2501.20014'];
    await t.add(ids.map((id) => paperInput({ id, title: `Kept ${id}` })));
    const created = await ada.api('POST', '/api/collections', { name: 'With a hidden paper' });
    const { id } = (await created.json()) as { id: string };
    for (const paperId of ids) expect((await ada.api('POST', `/api/collections/${id}/items`, { paperId })).status).toBe(201);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2501.20013').execute();
    const seen = (await (await ada.api('GET', `/api/collections/${id}`)).json()) as { itemCount: number; papers: { id: string }[] };
    expect(seen.itemCount).toBe(3);
    expect(seen.papers.map((p) => p.id)).toEqual(['2501.20011', '2501.20012', '2501.20014']);
    expect(await (await ada.b.get('/collections')).text()).toMatch(/With a hidden paper<\/a> <span class="muted">· 3 papers/);
    // Its page tells the owner, and only the owner, that one is hidden (not which).
    expect((await ada.api('PATCH', `/api/collections/${id}`, { public: true })).status).toBe(200);
    expect(await (await ada.b.get(`/collections/${id}`)).text()).toContain('<p class="muted">1 paper in this collection is hidden by a moderator.</p>');
    for (const html of [await (await mallory.b.get(`/collections/${id}`)).text(), await (await t.app.request(`/collections/${id}`)).text()]) {
      expect(html).toContain('Kept 2501.20011');
      expect(html).not.toContain('hidden by a moderator');
    }
    // The papers shown, in a new order, are enough; the hidden one stays in its place.
    const reordered = await ada.api('POST', `/api/collections/${id}/order`, { paperIds: ['2501.20014', '2501.20011', '2501.20012'] });
    expect(reordered.status).toBe(200);
    expect(((await reordered.json()) as { papers: { id: string }[] }).papers.map((p) => p.id)).toEqual(['2501.20014', '2501.20011', '2501.20012']);
    expect(await order(t, id)).toEqual(['2501.20014', '2501.20011', '2501.20013', '2501.20012']);
    // A paper shown left out, or one not in the collection, is still refused.
    expect((await ada.api('POST', `/api/collections/${id}/order`, { paperIds: ['2501.20014', '2501.20011'] })).status).toBe(400);
    expect((await ada.api('POST', `/api/collections/${id}/order`, { paperIds: ['2501.20014', '2501.20011', '2501.20012', '2501.20001'] })).status).toBe(400);
    // Moving up passes over the hidden paper to the neighbour the owner sees.
    await ada.b.get(`/collections/${id}`);
    expect((await ada.b.post(`/collections/${id}/move`, { paperId: '2501.20012', direction: 'up' })).status).toBe(303);
    expect(await order(t, id)).toEqual(['2501.20014', '2501.20012', '2501.20013', '2501.20011']);
    // Shown again, it is counted and listed where it was.
    await t.database.db.updateTable('papers').set({ hidden: 0 }).where('id', '=', '2501.20013').execute();
    const back = (await (await ada.api('GET', `/api/collections/${id}`)).json()) as { itemCount: number; papers: { id: string }[] };
    expect(back.itemCount).toBe(4);
    expect(back.papers.map((p) => p.id)).toEqual(['2501.20014', '2501.20012', '2501.20013', '2501.20011']);
    expect((await ada.api('DELETE', `/api/collections/${id}`)).status).toBe(204);
  });

  it('deletes a collection from its page', async () => {
    await ada.b.get(`/collections/${priv}`);
    const res = await ada.b.post(`/collections/${priv}/delete`);
    expect(res.headers.get('location')).toBe('/collections');
    expect((await ada.b.get(`/collections/${priv}`)).status).toBe(404);
  });
});
