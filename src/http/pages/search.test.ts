// The search page over both dialects: the empty page, results with their count, paging with a
// plain link and an HTML fragment for infinite scroll, and hostile queries that must never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCorpus } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const HOSTILE = [
  '"unbalanced quote',
  "'; DROP TABLE papers; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '$\\frac{1}{$ <b>',
  'title:foo AND (bar OR',
  '🚀🤖 LLM 🔥',
  '\u0000 null \u202e byte',
  '%E0%A4%A',
  'x'.repeat(10_000),
  'word '.repeat(2_000),
];

const cardIds = (html: string): string[] => [...html.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''));

describe.each(DIALECTS)('search page (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // The later a study, the fewer words: by relevance the oldest comes first, by date the newest.
    const filler = 'This sentence is about something else entirely and goes on for a while. '.repeat(3);
    const zebrafish = paperInput({ id: '2608.00399', title: 'A Long Study', abstract: `${filler}The zebrafish appears only here. Then more text follows.`, feedDate: '2026-08-14' });
    const extra = Array.from({ length: 4 }, (_, i) =>
      paperInput({ id: `2608.0030${i}`, title: `Quantum annealing study ${i}`, abstract: i === 0 ? 'Quantum annealing with quantum annealing.' : 'Quantum annealing.', feedDate: `2026-08-1${5 + i}`, categories: [i % 2 ? 'quant-ph' : 'cs.ET'] }),
    );
    // A word 50 papers have, and one paper with it misspelled: a rare word, not an unknown one.
    const tokenizers = Array.from({ length: 50 }, (_, i) => paperInput({ id: `2607.001${String(i).padStart(2, '0')}`, title: `Tokenizer note ${i}`, abstract: 'A tokenizer.', feedDate: '2026-07-01' }));
    const rare = paperInput({ id: '2607.00199', title: 'Byte pair merges', abstract: 'Our tokenizr splits bytes.', feedDate: '2026-07-01' });
    t = await createTestApp(dialect, [...pageCorpus(), ...extra, zebrafish, ...tokenizers, rare], { PAGE_SIZE: '2' });
  });
  afterAll(async () => t.close());

  const get = async (path: string): Promise<{ status: number; html: string }> => {
    const res = await t.app.request(path);
    return { status: res.status, html: await res.text() };
  };

  it('without a query shows a helpful search page', async () => {
    const { status, html } = await get('/papers');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Search papers</h1>');
    expect(html).toContain('<label class="sr-only" for="page-search">Search papers</label>');
    expect(html).toContain('href="/papers?q=diffusion+transformer"');
    expect(html).not.toContain('result-count');
  });

  it('shows the count and the results, and keeps the query in the search box', async () => {
    const { html } = await get('/papers?q=speculative+decoding');
    expect(html).toMatch(/\d+ results? for <span class="query">“speculative decoding”<\/span>/);
    expect(cardIds(html)[0]).toBe('2608.00101');
    expect(html).toContain('id="site-search" type="search" name="q" value="speculative decoding"');
  });

  it("marks the query's words in the results' snippets, and starts a snippet at the sentence of a late first match", async () => {
    const { html } = await get('/papers?q=speculative+decoding');
    expect(html).toContain('<mark>Speculative</mark> <mark>decoding</mark> drafts tokens');
    // "LLM" marks the words of the phrase it stands for; filler marks nothing.
    const llm = await get('/papers?q=papers+about+LLM+merging');
    expect(llm.html).toContain('<mark>merging</mark> of <mark>large</mark> <mark>language</mark> <mark>models</mark>');
    expect(llm.html).not.toContain('<mark>papers</mark>');
    // The first match far into the abstract: the snippet starts at its sentence.
    const late = await get('/papers?q=zebrafish');
    expect(late.html).toMatch(/<p class="snippet">…The <mark>zebrafish<\/mark> appears only here\./);
    // Outside search, no marks; hostile text stays escaped around marks.
    expect((await get('/')).html).not.toContain('<mark>');
    const hostile = await get('/papers?q=claims');
    expect(hostile.html).toContain('Bold &lt;b&gt;<mark>claims</mark>&lt;/b&gt; and');
    expect(hostile.html).not.toContain('onerror="window');
  });

  it('pages with a More results link and serves the next page as a fragment', async () => {
    const { html } = await get('/papers?q=quantum+annealing');
    expect(html).toContain('4 results for');
    expect(cardIds(html)).toHaveLength(2);
    expect(html).toContain('href="/papers?q=quantum+annealing&amp;offset=2" data-more=""');
    const frag = await get('/papers?q=quantum+annealing&offset=2&fragment=1');
    expect(frag.html).not.toContain('<html');
    expect(frag.html).toContain('data-results=""');
    expect(cardIds(frag.html)).toHaveLength(2);
    expect(frag.html).not.toContain('data-more');
    const byPage = await get('/papers?q=quantum+annealing&p=2');
    expect(cardIds(byPage.html)).toEqual(cardIds(frag.html));
    expect(byPage.html).toContain(', from result 3');
    // Past the last result, however far: a page that says so and leads back, not an error.
    for (const p of ['3', '900', '100000']) {
      const past = await get(`/papers?q=quantum+annealing&p=${p}`);
      expect(past.status, p).toBe(200);
      expect(past.html).toContain('No more results');
      expect(past.html).toContain('href="/papers?q=quantum+annealing">Back to the first results');
      expect(past.html).not.toContain('from result');
    }
  });

  it('sorts the best matches newest first on request, and keeps the order while paging', async () => {
    const best = await get('/papers?q=quantum+annealing');
    expect(cardIds(best.html)[0]).toBe('2608.00300');
    expect(best.html).toContain('<a href="/papers?q=quantum+annealing" aria-current="page">Best match</a>');
    expect(best.html).toContain('<a href="/papers?q=quantum+annealing&amp;sort=newest">Newest</a>');
    const newest = await get('/papers?q=quantum+annealing&sort=newest');
    expect(cardIds(newest.html)).toEqual(['2608.00303', '2608.00302']);
    expect(newest.html).toContain('4 results for <span class="query">“quantum annealing”</span>, newest first');
    expect(newest.html).toContain('<a href="/papers?q=quantum+annealing&amp;sort=newest" aria-current="page">Newest</a>');
    expect(newest.html).toContain('href="/papers?q=quantum+annealing&amp;sort=newest&amp;offset=2" data-more=""');
    const more = await get('/papers?q=quantum+annealing&sort=newest&offset=2&fragment=1');
    expect(cardIds(more.html)).toEqual(['2608.00301', '2608.00300']);
    const api = await t.app.request('/api/papers/search?q=quantum+annealing&sort=newest&limit=4');
    const dates = ((await api.json()) as { paper: { submittedOnDailyAt: string } }[]).map((p) => p.paper.submittedOnDailyAt.slice(0, 10));
    expect(dates).toEqual(['2026-08-18', '2026-08-17', '2026-08-16', '2026-08-15']);
    expect(api.headers.get('x-matched-count')).toBe('4');
    // With a category: the newest of the matches in it.
    const inCat = await t.app.request('/api/papers/search?q=quantum+annealing&sort=newest&cat=quant-ph');
    expect(((await inCat.json()) as { paper: { id: string } }[]).map((p) => p.paper.id)).toEqual(['2608.00303', '2608.00301']);
    const catPage = await get('/papers?q=quantum+annealing&sort=newest&cat=quant-ph');
    expect(cardIds(catPage.html)).toEqual(['2608.00303', '2608.00301']);
    expect(catPage.html).toMatch(/<a href="\/papers\?q=quantum\+annealing&amp;(cat=quant-ph&amp;sort=newest|sort=newest&amp;cat=quant-ph)" aria-current="page">Newest<\/a>/);
    // The page says what a category filter leaves out, and links to the search without it.
    expect(catPage.html).toMatch(/<p class="feed-note">Only papers whose arXiv categories are known are kept.*?<a href="\/papers\?q=quantum\+annealing&amp;sort=newest">Search all categories<\/a><\/p>/s);
    expect((await get('/papers?q=quantum+annealing&sort=newest')).html).not.toContain('class="feed-note"');
    const bad = await t.app.request('/api/papers/search?q=x&sort=oldest');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_sort' } });
  });

  it('goes straight to the paper an arXiv id or a paper address names; the API answers it alone', async () => {
    for (const q of ['2608.00302', 'arXiv:2608.00302v3', 'https://arxiv.org/abs/2608.00302v2', 'arxiv.org/pdf/2608.00302.pdf', 'https://huggingface.co/papers/2608.00302', 'http://paperboy.test/papers/2608.00302?x=1']) {
      const res = await t.app.request(`/papers?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(302);
      expect(res.headers.get('location'), q).toBe('/papers/2608.00302');
    }
    const api = await t.app.request('/api/papers/search?q=2608.00302');
    expect(api.headers.get('x-total-count')).toBe('1');
    expect(api.headers.get('x-search-match')).toBe('id');
    expect(((await api.json()) as { paper: { id: string } }[]).map((r) => r.paper.id)).toEqual(['2608.00302']);
    // An id nobody stored is searched as words.
    expect((await t.app.request('/papers?q=2699.99999')).status).toBe(200);
  });

  it('offers the query with a rare misspelled word corrected, and searches what was typed', async () => {
    // One paper has "tokenizr", fifty have "tokenizer".
    const { html } = await get('/papers?q=tokenizr');
    expect(html).toContain('Did you mean <a href="/papers?q=tokenizer">tokenizer</a>?');
    expect(html).not.toContain('Showing results for');
    expect(cardIds(html)).toEqual(['2607.00199']);
    const newest = await get('/papers?q=Tokenizr&sort=newest');
    expect(newest.html).toContain('Did you mean <a href="/papers?q=Tokenizer&amp;sort=newest">Tokenizer</a>?');
    const api = await t.app.request('/api/papers/search?q=tokenizr');
    expect(api.headers.get('X-Search-Suggestion')).toBe('tokenizer');
    expect(api.headers.get('X-Search-Corrected')).toBeNull();
    expect(api.headers.get('Access-Control-Expose-Headers')).toContain('X-Search-Suggestion');
    // Spelled right, nothing is offered.
    expect((await get('/papers?q=quantum+annealing')).html).not.toContain('Did you mean');
    expect((await t.app.request('/api/papers/search?q=quantum+annealing')).headers.get('X-Search-Suggestion')).toBeNull();
  });

  it('offers the correction of a word no paper has when the rest of the query matches, and searches what was typed', async () => {
    const { html } = await get('/papers?q=zebrafish+anealing');
    expect(cardIds(html)).toEqual(['2608.00399']);
    expect(html).toContain('Did you mean <a href="/papers?q=zebrafish+annealing">zebrafish annealing</a>?');
    expect(html).not.toContain('Showing results for');
    const api = await t.app.request('/api/papers/search?q=zebrafish+anealing');
    expect(api.headers.get('X-Search-Suggestion')).toBe('zebrafish%20annealing');
    expect(api.headers.get('X-Search-Corrected')).toBeNull();
    // Stopwords are no misspellings ("with" is not "width").
    expect((await get('/papers?q=zebrafish+with+quantum')).html).not.toContain('Did you mean');
    const bad = await t.app.request('/api/papers/search?q=x&verbatim=maybe');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_verbatim' } });
  });

  it('shows the results for the correction when nothing matches the query as typed, and says so', async () => {
    const { html } = await get('/papers?q=Qantum+anealing');
    expect(html).toContain('Showing results for <a href="/papers?q=Quantum+annealing">Quantum annealing</a>. Search instead for');
    expect(html).toContain('<a href="/papers?q=Qantum+anealing&amp;verbatim=1">“Qantum anealing”</a>.');
    expect(html).not.toContain('Did you mean');
    expect(cardIds(html).length).toBeGreaterThan(0);
    expect(cardIds(html).every((id) => id.startsWith('2608.0030'))).toBe(true);
    // The count, the feed links and the follow button are for the correction too.
    expect(html).toMatch(/\d+ results for <span class="query">“Quantum annealing”<\/span>/);
    expect(html).toContain('href="/feeds/search.atom?q=Quantum+annealing"');
    // The next page (infinite scroll) keeps to the correction.
    const more = await get('/papers?q=Qantum+anealing&offset=2&fragment=1');
    expect(cardIds(more.html).every((id) => id.startsWith('2608.0030'))).toBe(true);
    const api = await t.app.request('/api/papers/search?q=Qantum+anealing');
    expect(api.headers.get('X-Search-Corrected')).toBe('Quantum%20annealing');
    expect(api.headers.get('X-Search-Suggestion')).toBeNull();
    expect(Number(api.headers.get('X-Total-Count'))).toBeGreaterThan(0);
    expect(api.headers.get('Access-Control-Expose-Headers')).toContain('X-Search-Corrected');
    // Asked for as typed (the link above), nothing matches, and the correction is offered.
    const verbatim = await get('/papers?q=Qantum+anealing&verbatim=1');
    expect(verbatim.html).toContain('Nothing found');
    expect(verbatim.html).toContain('Did you mean <a href="/papers?q=Quantum+annealing&amp;verbatim=1">Quantum annealing</a>?');
    expect(verbatim.html).not.toContain('Showing results for');
    const apiVerbatim = await t.app.request('/api/papers/search?q=Qantum+anealing&verbatim=1');
    expect(apiVerbatim.headers.get('X-Search-Corrected')).toBeNull();
    expect(apiVerbatim.headers.get('X-Search-Suggestion')).toBe('Quantum%20annealing');
    expect(apiVerbatim.headers.get('X-Total-Count')).toBe('0');
    // The API's next page keeps to the words as typed too.
    const typedPage = await t.app.request('/api/papers/search?q=quantum+anealing&verbatim=1&limit=1');
    expect(typedPage.headers.get('Link')).toContain('verbatim=1');
    expect(typedPage.headers.get('X-Search-Suggestion')).toBe('quantum%20annealing');
    // A page of words as typed keeps to them in its sort tabs.
    expect((await get('/papers?q=quantum+anealing&verbatim=1')).html).toContain('href="/papers?q=quantum+anealing&amp;sort=newest&amp;verbatim=1"');
    // As typed, only papers close in meaning to "teleoperation" (no paper has it, nor "anealing"):
    // the correction has matches by words, so its results win.
    const byMeaning = await t.app.request('/api/papers/search?q=teleoperation+anealing');
    expect(byMeaning.headers.get('X-Search-Corrected')).toBe('teleoperation%20annealing');
    expect(byMeaning.headers.get('X-Search-Match')).toBeNull();
    expect(((await byMeaning.json()) as { paper: { id: string } }[]).every((r) => r.paper.id.startsWith('2608.0030'))).toBe(true);
  });

  it('says when nothing matches', async () => {
    const { status, html } = await get('/papers?q=zzzqqqxxx');
    expect(status).toBe(200);
    expect(html).toContain('No papers match');
    expect(html).toContain('Nothing found');
  });

  it('offers the papers closest in meaning when no paper has the query\'s words, and says so', async () => {
    const { html } = await get('/papers?q=teleoperation');
    expect(html).toMatch(/No papers match <span class="query">“teleoperation”<\/span>: the (paper|\d+ papers) closest in meaning/);
    expect(cardIds(html)[0]).toBe('2608.00103');
    const api = await t.app.request('/api/papers/search?q=teleoperation');
    expect(api.headers.get('x-search-match')).toBe('meaning');
    expect(((await api.json()) as { paper: { id: string } }[])[0]?.paper.id).toBe('2608.00103');
    // An ordinary search says nothing of the kind.
    const plain = await t.app.request('/api/papers/search?q=robot');
    expect(plain.headers.get('x-search-match')).toBeNull();
    expect((await get('/papers?q=robot')).html).not.toContain('closest in meaning');
  });

  it.each(HOSTILE)('survives a hostile query: %s', async (q) => {
    const { status, html } = await get(`/papers?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>');
    const frag = await get(`/papers?q=${encodeURIComponent(q)}&fragment=1`);
    expect(frag.status).toBe(200);
  });

  it('echoes a hostile query escaped', async () => {
    const { html } = await get(`/papers?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(html).toContain('“&lt;script&gt;alert(1)&lt;/script&gt;”');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('rejects bad paging with a 400 page', async () => {
    for (const path of ['/papers?q=x&p=abc', '/papers?q=x&p=-1', '/papers?q=x&offset=1e9', '/papers?q=x&limit=1000']) {
      const { status, html } = await get(path);
      expect(status, path).toBe(400);
      expect(html).toContain('<header class="site-header">');
    }
  });
});
