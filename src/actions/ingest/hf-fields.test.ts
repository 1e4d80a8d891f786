// A real Hugging Face daily_papers answer of the current schema (2026-06-12: upvotes, comments,
// submitter, organization, GitHub repository and stars, project page, ai_summary, ai_keywords),
// replayed locally through the polite fetcher, and the papers it stores, field by field; a day
// answered 429 with Retry-After is waited out (the replay server's clock) and then stored.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { startReplayServer, type ReplayServer } from '../../../test/replay-server.ts';
import { countPapers, findPaper } from '../../db/papers.ts';
import { createHfDailyClient } from '../../sources/hf-daily.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { ingestHfDaily } from './hf.ts';

const DAY = readFileSync(new URL('../../../test/fixtures/hf/daily_papers_2026-06-12.json.gz', import.meta.url));
const BODY = gunzipSync(DAY).toString('utf8');
const ITEMS = JSON.parse(BODY) as { paper: { id: string } }[];
const json = { 'content-type': 'application/json' };

describe.each(DIALECTS)('Hugging Face daily papers, field by field (%s)', (dialect) => {
  let t: TestDatabase;
  let server: ReplayServer;
  const env = () => ({ db: t.db, now: () => new Date('2026-06-13T22:00:00Z'), owner: 'test' });
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    server = await startReplayServer([
      { path: '/api/daily_papers', query: { date: '2026-06-12', limit: '100' }, respond: { body: BODY, headers: json } },
      {
        path: '/api/daily_papers',
        query: { date: '2026-06-13', limit: '100' },
        respond: [{ status: 429, headers: { 'retry-after': '1' }, body: 'rate limited' }, { body: '[]', headers: json }],
      },
    ]);
  });
  afterAll(async () => {
    await server.close();
    await t.drop();
  });

  it('stores every item of a recorded day with its counts, submitter, organization, links, stars and AI summary', async () => {
    // Real time: the 429's Retry-After is checked on the times the replay server recorded.
    const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:test@example.org)', minIntervalMs: 300, floorMs: 300, maxRetries: 2 });
    const run = await ingestHfDaily(env(), createHfDailyClient(fetcher, server.url), { dates: ['2026-06-12', '2026-06-13'] });
    expect(run).toMatchObject({ status: 'ok', requests: 2, inserted: ITEMS.length, rejected: 0, errors: [] });
    expect(await countPapers(t.db)).toBe(30);

    expect(await findPaper(t.db, '2606.10423')).toMatchObject({
      id: '2606.10423',
      arxivId: '2606.10423',
      title: 'WebChallenger: A Reliable and Efficient Generalist Web Agent',
      authors: ['Jayoo Hwang', 'Xiaowen Zhang', 'Vedant Padwal'],
      authorsCount: 3,
      abstract: expect.stringMatching(/^Autonomous web navigation remains challenging for LLM agents, and the strongest /),
      organization: null,
      publishedOn: '2026-06-09',
      feedDate: '2026-06-12',
      dailyFeedDate: true,
      upvotes: 2,
      comments: 2,
      categories: [],
      githubRepo: 'https://github.com/jayoohwang1/webchallenger',
      githubStars: 2,
      projectPage: 'https://jayoohwang1.github.io/webchallenger-site/',
      aiSummary:
        'WebChallenger presents a web agent framework that improves autonomous navigation through structured page representation and cognitive-inspired mechanisms, achieving high performance with open-weight models.',
      aiKeywords: [
        'PageMem',
        'DOM',
        'structured page representation',
        'divide-and-conquer observation pipeline',
        'exploration and memory system',
        'compound action workflows',
        'web agent framework',
        'autonomous web navigation',
      ],
      submittedBy: 'Jayoo Hwang',
      submittedByHfUser: 'jayoohwang',
      withdrawn: false,
    });
    // An organization, and a paper without a repository, project page or stars.
    expect(await findPaper(t.db, '2606.00467')).toMatchObject({
      title: 'On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance',
      organization: 'California institute of technology',
      publishedOn: '2026-05-30',
      feedDate: '2026-06-12',
      upvotes: 0,
      comments: 2,
      githubRepo: null,
      githubStars: null,
      projectPage: null,
      aiKeywords: expect.arrayContaining(['zero-shot annotation', 'embedding cosine similarity']),
      submittedBy: 'Rafal Kocielnik',
      submittedByHfUser: 'RKocielnik',
    });

    // The 429 was waited out for its Retry-After (1 s) before the same day was asked again.
    const [, limited, retry] = server.requests;
    expect([limited?.query.date, retry?.query.date]).toEqual(['2026-06-13', '2026-06-13']);
    expect((retry?.at ?? 0) - (limited?.doneAt ?? Infinity)).toBeGreaterThanOrEqual(1000);
    expect(server.requests.every((r) => r.headers['user-agent'] === 'Paperboy-test (mailto:test@example.org)')).toBe(true);
  }, 30_000);
});
