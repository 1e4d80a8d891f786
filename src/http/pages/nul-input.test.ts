// NUL characters in what people type or import never make a 500 (PostgreSQL refuses them in
// text): the store drops them, on both dialects, and keeps the rest of the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person } from '../../../test/signed-in.ts';
import { findPaper, upsertPapers } from '../../db/papers.ts';

describe.each(DIALECTS)('NUL characters in input (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.00001', title: 'A paper' })]);
  });
  afterAll(async () => t.close());

  it('stores typed text without them and answers every request without a 500', async () => {
    const nul = await person(t, 'Nul');
    const comment = await nul.api('POST', '/api/papers/2608.00001/comments', { body: 'good\u0000 point' });
    expect(comment.status).toBe(201);
    const thread = (await (await t.app.request('/api/papers/2608.00001/comments')).json()) as { comments: { body: string }[] };
    expect(thread.comments.map((c) => c.body)).toEqual(['good point']);
    expect((await nul.api('POST', '/api/collections', { name: 'Read\u0000ing' })).status).toBe(201);
    expect((await nul.b.post('/follow', { kind: 'topic', value: 'kv\u0000 cache' })).status).toBe(303);
    const answers = await Promise.all([
      nul.b.post('/signin', { email: 'someone\u0000@example.org', password: 'a long password here' }),
      t.app.request('/authors/Ada%00Lovelace'),
      t.app.request('/orgs/named/Lab%00'),
      t.app.request('/feeds/author.atom?name=Ada%00'),
      t.app.request('/papers?q=kv%00cache'),
      t.app.request('/api/papers/search?q=%00'),
    ]);
    for (const res of answers) expect(res.status, res.url).toBeLessThan(500);
    const names = await t.database.db.selectFrom('collections').select('name').execute();
    expect(names.map((n) => n.name)).toContain('Reading');
  });

  it('imports a record with one, once: a second import of the same record changes nothing', async () => {
    const record = paperInput({ id: '2608.00002', title: 'Nul\u0000 in a title', abstract: 'And\u0000 here.', authors: ['Ada\u0000 Lovelace'] });
    const upsert = () => t.database.db.transaction().execute((trx) => upsertPapers(trx, [record]));
    expect(await upsert()).toMatchObject({ inserted: 1 });
    expect(await findPaper(t.database.db, '2608.00002')).toMatchObject({ title: 'Nul in a title', abstract: 'And here.', authors: ['Ada Lovelace'] });
    expect(await upsert()).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });
});
