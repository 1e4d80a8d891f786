// Searching for an arXiv id no paper here has, over both dialects: the empty results say the
// paper is not here yet and offer it on arXiv and, through sign-in when needed, the submit form
// filled in with the id. A word query's empty page and the API's empty answer stay as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';
import { person } from '../../../test/signed-in.ts';

describe.each(DIALECTS)('search for an arXiv id not here (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [paperInput({ id: '2608.02001', title: 'Stored and shown' }), paperInput({ id: '2608.02002', title: 'Hidden by a moderator' })]);
    await t.database.db.updateTable('papers').set({ hidden: 1 }).where('id', '=', '2608.02002').execute();
  });
  afterAll(async () => t.close());

  const page = async (q: string): Promise<string> => {
    const res = await t.app.request(`/papers?q=${encodeURIComponent(q)}`);
    expect(res.status, q).toBe(200);
    return res.text();
  };

  it('says the paper is not here yet and offers arXiv and sign-in to submit it (signed out)', async () => {
    for (const q of ['2401.00001', 'arXiv:2401.00001v2', 'https://arxiv.org/abs/2401.00001v3', 'https://arxiv.org/pdf/2401.00001.pdf']) {
      const html = await page(q);
      expect(html, q).toContain('<h2>arXiv:2401.00001 is not on Paperboy yet</h2>');
      expect(html, q).toContain('<a class="button" href="https://arxiv.org/abs/2401.00001" rel="noopener noreferrer">Open on arXiv</a>');
      expect(html, q).toContain('<a class="button primary" href="/signin?next=%2Fsubmit%3Fid%3D2401.00001">Sign in to submit it</a>');
      expect(html, q).not.toContain('Try fewer or different words');
    }
    const old = await page('hep-th/9901001');
    expect(old).toContain('<a class="button" href="https://arxiv.org/abs/hep-th/9901001" rel="noopener noreferrer">Open on arXiv</a>');
    expect(old).toContain('href="/signin?next=%2Fsubmit%3Fid%3Dhep-th%252F9901001"');
  });

  it('links the submit form filled in with the id for a signed-in visitor, and the form takes it', async () => {
    const ada = await person(t, 'Ada Lovelace');
    const html = await (await ada.b.get('/papers?q=2401.00001')).text();
    expect(html).toContain('<a class="button primary" href="/submit?id=2401.00001">Submit it</a>');
    expect(html).not.toContain('Sign in to submit it');
    const form = await (await ada.b.get('/submit?id=2401.00001')).text();
    expect(form).toContain('name="id" type="text" required="" maxlength="300" placeholder="2501.05441 or https://arxiv.org/abs/2501.05441" value="2401.00001"');
    const hostile = await (await ada.b.get(`/submit?id=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(hostile).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(hostile).not.toContain('<script>alert(1)');
  });

  it('leaves a word query’s empty page, a hidden paper’s id and the API’s empty answer as they were', async () => {
    for (const q of ['zzzqqqxxx', '2608.02002']) {
      const html = await page(q);
      expect(html, q).toContain('<h2>Nothing found</h2>');
      expect(html, q).toContain('Try fewer or different words');
      expect(html, q).not.toContain('is not on Paperboy yet');
    }
    const api = await t.app.request('/api/papers/search?q=2401.00001');
    expect(api.status).toBe(200);
    expect(api.headers.get('x-total-count')).toBe('0');
    expect(api.headers.get('x-search-match')).toBeNull();
    expect(await api.json()).toEqual([]);
  });
});
