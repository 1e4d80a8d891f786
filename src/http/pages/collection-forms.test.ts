// Collection forms over both dialects: a refused "Add a paper", create or rename comes back on its
// page with the reason beside the form (role=alert, the field marked invalid) and what was typed;
// a name the user already has (in any case, spaces aside) is refused by pages and API (409
// collection_exists), while duplicates stores hold from before keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person, type Person } from '../../../test/signed-in.ts';

describe.each(DIALECTS)('collection forms (%s)', (dialect) => {
  let t: TestApp;
  let ada: Person;
  let eve: Person;
  let id = '';
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2501.20101', title: 'A paper' })]);
    ada = await person(t, 'Ada');
    eve = await person(t, 'Eve');
    await ada.b.get('/collections');
    const created = await ada.b.post('/collections', { name: 'Reading list' });
    id = (created.headers.get('location') ?? '').replace('/collections/', '');
    // Past the window in which the same name again is taken for a double click.
    await t.database.db.updateTable('collections').set({ created_at: '2020-01-01T00:00:00.000Z' }).execute();
  });
  afterAll(async () => t.close());

  it('sends "Add a paper" back with the reason and what was typed', async () => {
    await ada.b.get(`/collections/${id}`);
    const res = await ada.b.post(`/collections/${id}/items`, { paperId: 'nonsense-paper' });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<h1>Reading list</h1>');
    expect(html).toContain('<p class="notice error" role="alert" id="add-error">No paper here has the id nonsense-paper; a paper from arXiv can be submitted first.</p>');
    expect(html).toMatch(/<input id="add-paper"[^>]*value="nonsense-paper" aria-invalid="true" aria-describedby="add-error"/);
    // Someone else still gets the refusal as an error page, without the owner's forms.
    await eve.b.get('/collections');
    expect((await eve.b.post(`/collections/${id}/items`, { paperId: 'nonsense-paper' })).status).toBe(404);
    expect((await ada.b.post(`/collections/${id}/items`, { paperId: '2501.20101' })).status).toBe(303);
  });

  it('saves nothing, not even the new collection, when the paper to save into it is unknown or hidden', async () => {
    await t.add([paperInput({ id: '2501.20102', title: 'Hidden by a moderator' })]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2501.20102').execute();
    await eve.b.get('/papers/2501.20101');
    for (const paperId of ['9999.99999', '2501.20102', '']) {
      const res = await eve.b.post('/collections/save', { paperId, collection: 'new', name: `Ghost ${paperId}` });
      expect(res.status, paperId).toBe(404);
    }
    const left = await t.database.db.selectFrom('collections').select('name').where('user_id', '=', eve.user.id).execute();
    expect(left).toEqual([]);
  });

  it('refuses a second collection of a name the user has, in any case, beside the form', async () => {
    await ada.b.get('/collections');
    const res = await ada.b.post('/collections', { name: '  reading LIST ', description: 'Again', public: '1' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('<p class="notice error" role="alert" id="c-error">You already have a collection named “Reading list”: choose another name.</p>');
    expect(html).toMatch(/<input id="c-name"[^>]*value=" {2}reading LIST " aria-invalid="true" aria-describedby="c-error"/);
    expect(html).toMatch(/<textarea id="c-desc"[^>]*>Again<\/textarea>/);
    expect(html).toMatch(/<input type="checkbox" name="public" value="1" checked=""/);
    const api = await ada.api('POST', '/api/collections', { name: 'Reading List' });
    expect(api.status).toBe(409);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('collection_exists');
    expect(await t.database.db.selectFrom('collections').select('name').where('user_id', '=', ada.user.id).execute()).toEqual([{ name: 'Reading list' }]);
    // Another user may use the name.
    expect((await eve.api('POST', '/api/collections', { name: 'Reading list' })).status).toBe(201);
  });

  it('refuses a rename to the name of another of the user collections; renaming to its own name in another case is fine', async () => {
    const other = (await (await ada.api('POST', '/api/collections', { name: 'Later' })).json()) as { id: string };
    await ada.b.get(`/collections/${other.id}`);
    const res = await ada.b.post(`/collections/${other.id}/edit`, { name: 'READING LIST', description: 'Kept', public: '1' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('<details class="collection-settings" open="">');
    expect(html).toContain('role="alert" id="e-error">You already have a collection named “Reading list”: choose another name.</p>');
    expect(html).toMatch(/<input id="e-name"[^>]*value="READING LIST" aria-invalid="true"/);
    expect(html).toContain('<option value="1" selected="">');
    const api = await ada.api('PATCH', `/api/collections/${other.id}`, { name: 'reading list' });
    expect(api.status).toBe(409);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('collection_exists');
    expect((await ada.b.post(`/collections/${id}/edit`, { name: 'Reading List', description: '' })).status).toBe(303);
    expect((await ada.api('PATCH', `/api/collections/${other.id}`, { name: 'Later on' })).status).toBe(200);
  });

  it('keeps duplicates a store held from before working: both open, and each can be changed', async () => {
    const old = await t.database.db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('collections')
      .values({ ...old, id: `${id}-twin` })
      .execute();
    await ada.b.get(`/collections/${id}-twin`);
    expect((await ada.b.post(`/collections/${id}-twin/items`, { paperId: '2501.20101' })).status).toBe(303);
    // The edit form sends the name as it is: the description changes on either twin.
    expect((await ada.b.post(`/collections/${id}/edit`, { name: 'Reading List', description: 'Still mine' })).status).toBe(303);
    expect((await ada.api('PATCH', `/api/collections/${id}-twin`, { name: 'reading list', description: 'The old one' })).status).toBe(200);
    expect((await ada.b.post(`/collections/${id}-twin/edit`, { name: 'Reading list (old)', description: '' })).status).toBe(303);
    const names = await t.database.db.selectFrom('collections').select('name').where('user_id', '=', ada.user.id).orderBy('name').execute();
    expect(names.map((n) => n.name)).toEqual(['Later on', 'Reading List', 'Reading list (old)']);
  });
});
