// The JSON API over both dialects: daily feed windows, search with hostile input, one paper, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

const HOSTILE_QUERIES = [
  '"unbalanced quote',
  'title:foo AND (bar OR',
  'NEAR(a b, 3) * ^ - + : {}',
  '🚀🤖 LLM 🔥',
  "'; DROP TABLE papers; --",
  '\u0000 null byte',
  'x'.repeat(10_000),
  'word '.repeat(2_000),
  '   ',
];

describe.each(DIALECTS)('JSON API (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, [
      paperInput({ id: '2608.00001', title: 'Speculative Decoding for Large Language Models', abstract: 'We draft tokens with a small model and verify them.', feedDate: '2026-08-21', upvotes: 12, organization: 'NVIDIA', githubRepo: 'https://github.com/x/y', githubStars: 321, aiSummary: 'Drafts then verifies.', aiKeywords: ['speculative decoding'], submittedBy: 'AK', version: 2, publishedOn: '2026-08-20' }),
      paperInput({ id: '2608.00002', title: 'Video Diffusion at Scale', abstract: 'A diffusion transformer for video generation.', feedDate: '2026-08-21', upvotes: 30, publishedOn: '2026-08-19' }),
      paperInput({ id: '2608.00003', title: 'KV Cache Compression', abstract: 'Compressing the key-value cache of language models.', feedDate: '2026-08-20', upvotes: 4, categories: ['cs.CL'], publishedOn: null }),
      paperInput({ id: '2607.00001', title: 'A July paper', feedDate: '2026-07-15', upvotes: 100 }),
    ]);
  });
  afterAll(async () => t.close());

  const get = async (path: string): Promise<{ status: number; body: any; headers: Headers }> => {
    const res = await t.app.request(path);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };

  it('serves the latest day by default, most upvoted first, in Hugging Face field names', async () => {
    const { status, body, headers } = await get('/api/daily_papers');
    expect(status).toBe(200);
    expect(headers.get('x-total-count')).toBe('2');
    expect(body.map((i: any) => i.paper.id)).toEqual(['2608.00002', '2608.00001']);
    expect(body[1]).toMatchObject({
      title: 'Speculative Decoding for Large Language Models',
      numComments: 0,
      submittedOnDailyAt: '2026-08-21T00:00:00.000Z',
      organization: { fullname: 'NVIDIA' },
      paper: { id: '2608.00001', summary: expect.stringContaining('draft tokens'), upvotes: 12, authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }], githubRepo: 'https://github.com/x/y' },
    });
    // Everything the paper page shows is in the API too.
    expect(body[1].paper).toMatchObject({
      githubStars: 321,
      ai_summary: 'Drafts then verifies.',
      ai_keywords: ['speculative decoding'],
      submittedOnDailyBy: { fullname: 'AK' },
      version: 2,
      withdrawn: false,
    });
  });

  it('selects a date, a week or a month, sorts and pages', async () => {
    expect((await get('/api/daily_papers?date=2026-08-20')).body.map((i: any) => i.paper.id)).toEqual(['2608.00003']);
    expect((await get('/api/daily_papers?week=2026-W34')).body).toHaveLength(3);
    const month = await get('/api/daily_papers?month=2026-08&limit=2&p=1');
    expect(month.headers.get('x-total-count')).toBe('3');
    expect(month.body.map((i: any) => i.paper.id)).toEqual(['2608.00003']);
    expect((await get('/api/daily_papers?month=2026-07&sort=trending')).body[0].paper.id).toBe('2607.00001');
    expect((await get('/api/daily_papers?month=2026-08&cat=cs.CL')).body.map((i: any) => i.paper.id)).toEqual(['2608.00003']);
    expect((await get('/api/daily_papers?date=2020-01-01')).body).toEqual([]);
  });

  it('links to the previous and next windows that hold papers, keeping sort and filter', async () => {
    const day = await get('/api/daily_papers?date=2026-08-20');
    expect(day.headers.get('link')).toBe('<http://paperboy.test/api/daily_papers?date=2026-07-15>; rel="prev", <http://paperboy.test/api/daily_papers?date=2026-08-21>; rel="next"');
    // The latest day has no next; its previous day skips the empty ones.
    expect((await get('/api/daily_papers')).headers.get('link')).toBe('<http://paperboy.test/api/daily_papers?date=2026-08-20>; rel="prev"');
    // Its first page's next is its second page; the last page's next would be the next month.
    const month = await get('/api/daily_papers?month=2026-08&sort=trending&limit=2');
    expect(month.headers.get('link')).toBe(
      '<http://paperboy.test/api/daily_papers?month=2026-07&sort=trending&limit=2>; rel="prev", <http://paperboy.test/api/daily_papers?month=2026-08&sort=trending&limit=2&p=1>; rel="next"',
    );
    const link = /<http:\/\/paperboy\.test([^>]+)>; rel="prev"/.exec(month.headers.get('link')!)![1]!;
    expect((await get(link)).body.map((i: any) => i.paper.id)).toEqual(['2607.00001']);
    const second = await get('/api/daily_papers?month=2026-08&sort=trending&limit=2&p=1');
    expect(second.headers.get('link')).toBe('<http://paperboy.test/api/daily_papers?month=2026-08&sort=trending&limit=2>; rel="prev"');
    // Past the last page: still an empty array, and prev leads back to the last page.
    const past = await get('/api/daily_papers?month=2026-08&limit=2&p=99');
    expect(past.body).toEqual([]);
    expect(past.headers.get('link')).toBe('<http://paperboy.test/api/daily_papers?month=2026-08&limit=2&p=1>; rel="prev"');
  });

  it('numbers pages from 0 and sorts by publishedAt, as Hugging Face does', async () => {
    const ids = async (path: string) => (await get(path)).body.map((i: any) => i.paper.id);
    expect(await ids('/api/daily_papers?month=2026-08&limit=2&p=0')).toEqual(['2608.00002', '2608.00001']);
    expect(await ids('/api/daily_papers?month=2026-08&limit=2')).toEqual(['2608.00002', '2608.00001']);
    expect(await ids('/api/daily_papers?month=2026-08&limit=2&p=1')).toEqual(['2608.00003']);
    // The second page's prev is the first, written without p.
    expect((await get('/api/daily_papers?month=2026-08&limit=2&p=1')).headers.get('link')).toContain('<http://paperboy.test/api/daily_papers?month=2026-08&limit=2>; rel="prev"');
    // Newest published first, undated last; the sort is kept in the links.
    expect(await ids('/api/daily_papers?month=2026-08&sort=publishedAt')).toEqual(['2608.00001', '2608.00002', '2608.00003']);
    expect((await get('/api/daily_papers?month=2026-08&sort=publishedAt&limit=1')).headers.get('link')).toContain('<http://paperboy.test/api/daily_papers?month=2026-08&sort=publishedAt&limit=1&p=1>; rel="next"');
    // An empty parameter is one not given, as p= and cat= are, and as in search: the defaults.
    const plain = await ids('/api/daily_papers?month=2026-08');
    expect(await ids('/api/daily_papers?month=2026-08&sort=&limit=&p=&cat=')).toEqual(plain);
    expect((await t.app.request('/papers/month/2026-08?sort=&limit=')).status).toBe(200);
    // The pages keep counting from 1 and take only their own sorts.
    expect((await t.app.request('/?p=0')).status).toBe(400);
    expect((await t.app.request('/?sort=publishedAt')).status).toBe(400);
  });

  it('links search results to their previous and next pages, keeping the query and page size', async () => {
    const first = await get('/api/papers/search?q=language%20models&limit=1');
    expect(first.headers.get('x-total-count')).toBe('2');
    expect(first.headers.get('link')).toBe('<http://paperboy.test/api/papers/search?q=language+models&limit=1&offset=1>; rel="next"');
    const next = /<http:\/\/paperboy\.test([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
    const second = await get(next);
    expect(second.body).toHaveLength(1);
    expect(second.body[0].paper.id).not.toBe(first.body[0].paper.id);
    expect(second.headers.get('link')).toBe('<http://paperboy.test/api/papers/search?q=language+models&limit=1>; rel="prev"');
    // One page of results: no links.
    expect((await get('/api/papers/search?q=language%20models')).headers.get('link')).toBeNull();
  });

  it('answers bad parameters with a 400 and an error code', async () => {
    for (const [path, code] of [
      ['/api/daily_papers?date=2026-02-30', 'invalid_date'],
      ['/api/daily_papers?week=2026-W99', 'invalid_week'],
      ['/api/daily_papers?month=nope', 'invalid_month'],
      ['/api/daily_papers?sort=random', 'invalid_sort'],
      ['/api/daily_papers?limit=1000', 'invalid_limit'],
      ['/api/daily_papers?p=-1', 'invalid_page'],
      ['/api/daily_papers?date=2026-08-21&month=2026-08', 'conflicting_window'],
      ['/api/papers/search?q=x&offset=-1', 'invalid_offset'],
      // Numbers are decimal digits: none of JavaScript's other ways of writing one.
      ['/api/daily_papers?limit=1e1', 'invalid_limit'],
      ['/api/daily_papers?p=0x1', 'invalid_page'],
      ['/api/daily_papers?p=%2B1', 'invalid_page'],
      ['/api/papers/search?q=x&limit=1.0', 'invalid_limit'],
      ['/api/papers/search?q=x&offset=%2B5', 'invalid_offset'],
    ] as const) {
      const { status, body } = await get(path);
      expect({ path, status, body }).toEqual({ path, status: 400, body: { error: { code, message: expect.any(String) } } });
    }
    // A page past the highest one is refused for that, not for being below the first.
    const deep = await get('/api/daily_papers?p=99999');
    expect({ status: deep.status, body: deep.body }).toEqual({ status: 400, body: { error: { code: 'invalid_page', message: 'p must be a page number from 0 to 10,000' } } });
  });

  it('searches with paging and survives any query', async () => {
    const { body, headers } = await get('/api/papers/search?q=speculative%20decoding&limit=1');
    expect(body[0]).toMatchObject({ paper: { id: '2608.00001' }, score: expect.any(Number) });
    expect(Number(headers.get('x-total-count'))).toBeGreaterThanOrEqual(1);
    for (const q of HOSTILE_QUERIES) {
      const res = await t.app.request(`/api/papers/search?q=${encodeURIComponent(q)}`);
      expect({ q: q.slice(0, 30), status: res.status }).toEqual({ q: q.slice(0, 30), status: 200 });
      expect(Array.isArray(await res.json())).toBe(true);
    }
    // Percent-encodings that are not UTF-8 (a lone surrogate, stray bytes).
    for (const raw of ['%ED%A0%80', '%FF%FE', '%', '%E0%A4%A']) {
      const res = await t.app.request(`/api/papers/search?q=${raw}`);
      expect({ raw, status: res.status }).toEqual({ raw, status: 200 });
    }
  });

  it('filters search results by arXiv category', async () => {
    const all = await get('/api/papers/search?q=language%20models');
    expect(all.body.map((i: any) => i.paper.id)).toEqual(expect.arrayContaining(['2608.00001', '2608.00003']));
    const cl = await get('/api/papers/search?q=language%20models&cat=cs.CL');
    expect(cl.body.map((i: any) => i.paper.id)).toEqual(['2608.00003']);
    expect(cl.headers.get('x-total-count')).toBe('1');
    expect((await get('/api/papers/search?q=x&cat=%3Cscript%3E')).body).toEqual({ error: { code: 'invalid_category', message: expect.any(String) } });
    const page = await t.app.request('/papers?q=language%20models&cat=cs.CL');
    const html = await page.text();
    expect(html).toContain('KV Cache Compression');
    expect(html).not.toContain('Speculative Decoding for Large Language Models');
    expect(html).toContain('<input type="hidden" name="cat" value="cs.CL"/>');
  });

  it('returns one paper with related papers, and a 404 in the error shape', async () => {
    const { status, body } = await get('/api/papers/2608.00003');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: '2608.00003', title: 'KV Cache Compression', categories: ['cs.CL'], links: [{ label: 'arXiv', url: 'https://arxiv.org/abs/2608.00003' }, { label: 'PDF' }] });
    expect(Array.isArray(body.related)).toBe(true);
    expect(body.related.map((p: any) => p.id)).not.toContain('2608.00003');
    expect(await get('/api/papers/9999.99999')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('answers a failure of its own with a 500: {error:{code:"internal"}} under /api, an error page elsewhere, no details', async () => {
    const related = t.ctx.search.related;
    t.ctx.search.related = () => Promise.reject(new Error('index broken at /srv/secret/path'));
    try {
      const api = await t.app.request('/api/papers/2608.00003');
      expect({ status: api.status, type: api.headers.get('content-type'), body: await api.json() }).toEqual({
        status: 500,
        type: 'application/json',
        body: { error: { code: 'internal', message: 'Something went wrong on our side.' } },
      });
      const page = await t.app.request('/papers/2608.00003');
      const html = await page.text();
      expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({ status: 500, type: 'text/html; charset=UTF-8' });
      expect(html).toContain('Something went wrong on our side.');
      expect(html).not.toContain('/srv/secret');
    } finally {
      t.ctx.search.related = related;
    }
    expect((await t.app.request('/api/papers/2608.00003')).status).toBe(200);
  });

  it('finds a paper by its arXiv id written as elsewhere, and the page redirects to its own address', async () => {
    for (const id of ['2608.00003v2', 'arXiv:2608.00003', 'arxiv.org/abs/2608.00003', 'https://arxiv.org/abs/2608.00003v1']) {
      expect({ id, ...(await get(`/api/papers/${id}`)) }).toMatchObject({ id, status: 200, body: { id: '2608.00003' } });
      expect({ id, ...(await get(`/api/papers/${id}/bibtex`)) }).toMatchObject({ id, status: 200, body: { paperId: '2608.00003' } });
      expect({ id, status: (await get(`/api/papers/${id}/comments`)).status }).toEqual({ id, status: 200 });
      const page = await t.app.request(`/papers/${id}?ref=x`);
      expect({ id, status: page.status, location: page.headers.get('location') }).toEqual({ id, status: 301, location: '/papers/2608.00003?ref=x' });
    }
    expect((await t.app.request('/papers/2608.00003')).status).toBe(200);
    expect((await get('/api/papers/arXiv:9999.99999')).status).toBe(404);
    expect(await get('/api/nothing-here')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});
