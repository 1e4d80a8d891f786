// The collections API's BibTeX over both dialects: a script with a token reads its own private
// collection's file, anyone a public one's, and nobody else a private one's (404 as elsewhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member, type Member } from '../../../test/community.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

interface ApiCollection {
  id: string;
  bibtexUrl: string;
  apiBibtexUrl: string;
}

describe.each(DIALECTS)('collections API BibTeX (%s)', (dialect) => {
  let t: TestApp;
  let ada: Member;
  let eve: Member;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2501.30001', title: 'Cited paper', authors: ['Ada Lovelace'] })]);
    ada = await member(t, 'Ada Lovelace');
    eve = await member(t, 'Eve Mallory');
  });
  afterAll(async () => t.close());

  const create = async (name: string, isPublic: boolean): Promise<ApiCollection> => {
    const res = await ada.api('POST', '/api/collections', { name, public: isPublic });
    expect(res.status).toBe(201);
    const c = (await res.json()) as ApiCollection;
    expect((await ada.api('POST', `/api/collections/${c.id}/items`, { paperId: '2501.30001' })).status).toBe(201);
    return c;
  };

  it("serves a private collection's BibTeX to its owner's token, at the address the API gives", async () => {
    const c = await create('Private reading', false);
    expect(c.bibtexUrl).toMatch(new RegExp(`/collections/${c.id}\\.bib$`));
    expect(c.apiBibtexUrl).toMatch(new RegExp(`/api/collections/${c.id}/bibtex$`));
    const res = await ada.api('GET', new URL(c.apiBibtexUrl).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { collectionId: string; name: string; bibtex: string };
    expect(body).toMatchObject({ collectionId: c.id, name: 'Private reading' });
    expect(body.bibtex).toContain('@misc{');
    expect(body.bibtex).toContain('Cited paper');
    // The same text the page's download holds, through the owner's session too.
    const file = await (await ada.b.get(`/collections/${c.id}.bib`)).text();
    expect(body.bibtex).toBe(file);
    expect((await ada.b.get(`/api/collections/${c.id}/bibtex`)).status).toBe(200);
    // Others and the anonymous get the same 404 as for the collection itself.
    for (const res of [await eve.api('GET', `/api/collections/${c.id}/bibtex`), await t.app.request(`/api/collections/${c.id}/bibtex`)]) {
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect((await t.app.request('/api/collections/nope/bibtex')).status).toBe(404);
  });

  it("serves a public collection's BibTeX to anyone", async () => {
    const c = await create('Public reading', true);
    const res = await t.app.request(`/api/collections/${c.id}/bibtex`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { bibtex: string }).bibtex).toContain('Cited paper');
    expect((await eve.api('GET', `/api/collections/${c.id}/bibtex`)).status).toBe(200);
  });
});
