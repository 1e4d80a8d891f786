// A paper's BibTeX entry over both dialects: `/papers/:id/bibtex` as text and the API's
// `/api/papers/:id/bibtex`, for a paper with authors and an arXiv id, one with only an author
// count, a LaTeX title, a hidden paper (404), and the page's "BibTeX" link and copy button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

describe.each(DIALECTS)('paper BibTeX (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.01001', title: 'Sparse Attention for Long Documents', authors: ['Ada Lovelace', 'Alan Turing'], authorsCount: 2, publishedOn: '2026-08-19', categories: ['cs.CL', 'cs.LG'] }),
      paperInput({ id: '2608.01002', title: 'A Survey Nobody Named', authors: [], authorsCount: 7, publishedOn: '2026-08-20' }),
      paperInput({ id: '2608.01003', title: 'MERGE$^3$: Efficient Merging & $\\mathcal{O}(n)$ Costs', authors: ['Grace Hopper'], authorsCount: 1, publishedOn: '2026-08-20' }),
      paperInput({ id: '2608.01004', title: 'A paper a moderator hid', authors: ['Eve Mallory'], authorsCount: 1 }),
    ]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2608.01004').execute();
  });
  afterAll(async () => t.close());

  it('answers a paper with authors and an arXiv id with its entry as text, named KEY.bib', async () => {
    const res = await t.app.request('/papers/2608.01001/bibtex');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="lovelace2026sparse.bib"');
    expect(await res.text()).toBe(
      [
        '@misc{lovelace2026sparse,',
        '  title = {{Sparse Attention for Long Documents}},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2026},',
        '  eprint = {2608.01001},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CL},',
        '  url = {https://arxiv.org/abs/2608.01001},',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the author field when only the number of authors is known', async () => {
    const res = await t.app.request('/papers/2608.01002/bibtex');
    expect(res.status).toBe(200);
    const bib = await res.text();
    expect(bib).toMatch(/^@misc\{anon2026survey,\n {2}title = \{\{A Survey Nobody Named\}\},\n {2}year = \{2026\},/);
    expect(bib).not.toContain('author');
  });

  it('keeps a title’s safe math and escapes the rest', async () => {
    const bib = await (await t.app.request('/papers/2608.01003/bibtex')).text();
    expect(bib).toContain('title = {{MERGE$^3$: Efficient Merging \\& $\\mathcal{O}(n)$ Costs}},');
  });

  it('is a 404 for a hidden paper and one that is not here, as their pages are', async () => {
    for (const id of ['2608.01004', '2608.09999']) {
      expect((await t.app.request(`/papers/${id}`)).status).toBe(404);
      expect((await t.app.request(`/papers/${id}/bibtex`)).status).toBe(404);
      const api = await t.app.request(`/api/papers/${id}/bibtex`);
      expect(api.status).toBe(404);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('gives the API the same entry with its key', async () => {
    const res = await t.app.request('/api/papers/2608.01001/bibtex');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { paperId: string; key: string; bibtex: string };
    expect(body).toEqual({ paperId: '2608.01001', key: 'lovelace2026sparse', bibtex: await (await t.app.request('/papers/2608.01001/bibtex')).text() });
    // The paper's own route is unchanged.
    expect(((await (await t.app.request('/api/papers/2608.01001')).json()) as { id: string }).id).toBe('2608.01001');
  });

  it('links the entry from the paper page, with a copy button copy.js shows', async () => {
    const html = await (await t.app.request('/papers/2608.01001')).text();
    expect(html).toContain('<a class="button" href="/papers/2608.01001/bibtex" title="This paper&#39;s BibTeX entry">BibTeX</a>');
    expect(html).toContain('<button class="button" type="button" data-copy="bibtex-entry" hidden="">Copy BibTeX</button>');
    expect(html).toMatch(/<textarea id="bibtex-entry" hidden="" readonly="" aria-hidden="true">@misc\{lovelace2026sparse,\n/);
    expect(html).toMatch(/<script src="\/assets\/copy\.js[^"]*" defer=""><\/script>/);
  });
});
