// OAI harvests of different category selections from one set: each keeps its own checkpoint, so
// one selection's run never makes another skip a window; the per-set checkpoint of older versions
// is adopted only by the selection that last ran under it; a bare archive name keeps all its categories. Recorded answers replayed locally.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIST_PAGE_1, LIST_PAGE_2, NO_RECORDS } from '../../../test/arxiv-fixtures.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { type ReplayRoute, startReplayServer } from '../../../test/replay-server.ts';
import { finishRun, getCheckpoint, saveCheckpoint, startRun } from '../../db/ingest.ts';
import { createArxivClient, parseOaiListRecords } from '../../sources/arxiv/index.ts';
import { virtualClock } from '../../sources/http/clock.ts';
import { createPoliteFetcher } from '../../sources/http/polite-fetch.ts';
import { ingestArxivOai, type OaiCheckpoint, oaiSource } from './arxiv.ts';

const from = (day: string) => ({ verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: day, set: 'cs' });
const NEXT = { verb: 'ListRecords', resumptionToken: '1403493|1001' };
const RECORDS = [...parseOaiListRecords(LIST_PAGE_1, 'arXivRaw').records, ...parseOaiListRecords(LIST_PAGE_2, 'arXivRaw').records];
const listedIn = (cats: string[]): string[] => RECORDS.filter((r) => r.categories.some((c) => cats.includes(c))).map((r) => r.arxivId).sort();

/** The recorded harvest of set cs from 2016-10-20 (two pages), and an empty window from 2016-10-21. */
const ROUTES: ReplayRoute[] = [
  { path: '/oai', query: from('2016-10-20'), respond: { body: LIST_PAGE_1 } },
  { path: '/oai', query: NEXT, respond: { body: LIST_PAGE_2 } },
  { path: '/oai', query: from('2016-10-21'), respond: { body: NO_RECORDS } },
];

describe('oaiSource', () => {
  it('names the set and its sorted categories, whatever the order given and the other sets', () => {
    expect(oaiSource('cs', ['cs.LG', 'math.CO', 'cs.CL', 'cs.LG'])).toBe('arxiv-oai:cs:cs.CL,cs.LG');
    expect(oaiSource('physics:hep-th', ['hep-th', 'cs.LG'])).toBe('arxiv-oai:physics:hep-th:hep-th');
  });
});

describe.each(DIALECTS)('OAI harvests per selection of categories (%s)', (dialect) => {
  let t: TestDatabase;
  let now: Date;
  const env = () => ({ db: t.db, now: () => now, owner: 'test' });
  const ids = async (): Promise<string[]> => (await t.db.selectFrom('papers').select('id').orderBy('id').execute()).map((r) => r.id);
  const harvest = async (categories: string[], since?: string) => {
    const server = await startReplayServer(ROUTES);
    const fetcher = createPoliteFetcher({ userAgent: 'Paperboy-test (mailto:t@example.org)', minIntervalMs: 3000, floorMs: 3000, maxRetries: 0, clock: virtualClock() });
    const client = createArxivClient({ fetcher, oaiBaseUrl: `${server.url}/oai` });
    try {
      const [run] = await ingestArxivOai(env(), client, { categories, ...(since ? { since } : {}) });
      return { run, asked: server.requests.map((r) => r.query.from ?? r.query.resumptionToken) };
    } finally {
      await server.close();
    }
  };
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    // The night after 2016-10-20: a selection that never ran harvests from that day.
    now = new Date('2016-10-21T06:00:00Z');
  });
  afterEach(async () => t.drop());

  it('a run for cs.DC does not make a later cs.LG run skip the window it already read', async () => {
    const dc = await harvest(['cs.DC']);
    expect(dc.run).toMatchObject({ status: 'ok', source: 'arxiv-oai:cs:cs.DC', inserted: listedIn(['cs.DC']).length });
    expect(dc.asked).toEqual(['2016-10-20', '1403493|1001']);
    const lg = await harvest(['cs.LG']);
    expect(lg.run).toMatchObject({ status: 'ok', source: 'arxiv-oai:cs:cs.LG' });
    expect(lg.asked).toEqual(['2016-10-20', '1403493|1001']);
    expect(await ids()).toEqual(listedIn(['cs.DC', 'cs.LG']));
    expect(listedIn(['cs.LG']).length).toBeGreaterThan(0);
    // Each selection goes on from its own end: the next cs.DC run starts after the window.
    expect(await getCheckpoint<OaiCheckpoint>(t.db, 'arxiv-oai:cs:cs.LG')).toEqual({ window: null, highWater: '2016-10-21' });
    expect((await harvest(['cs.DC'])).asked).toEqual(['2016-10-21']);
  });

  it('a bare archive name (cs, as OAI sets are named) keeps every category of the archive', async () => {
    const cs = await harvest(['cs']);
    const inCs = RECORDS.filter((r) => r.categories.some((c) => c.startsWith('cs.'))).map((r) => r.arxivId).sort();
    expect(inCs.length).toBeGreaterThan(listedIn(['cs.DC', 'cs.LG']).length);
    expect(cs.run).toMatchObject({ status: 'ok', source: 'arxiv-oai:cs:cs', inserted: inCs.length, skipped: RECORDS.length - inCs.length });
    expect(await ids()).toEqual(inCs);
  });

  it('adopts the per-set checkpoint of older versions when its last run harvested the same categories', async () => {
    now = new Date('2016-10-22T06:00:00Z');
    const at = new Date('2016-10-21T06:00:00Z');
    await saveCheckpoint(t.db, 'arxiv-oai:cs', { window: null, highWater: '2016-10-20' }, at);
    const old = await startRun(t.db, 'arxiv-oai:cs', { categories: ['cs.LG', 'math.CO', 'cs.DC'], set: 'cs' }, at);
    await finishRun(t.db, old, 'ok', { requests: 1, inserted: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0 }, [], at);
    // Another selection does not take it: it starts from yesterday, as a new selection does.
    expect((await harvest(['cs.LG'])).asked).toEqual(['2016-10-21']);
    // The same selection (in any order) goes on from where the old checkpoint stood.
    const same = await harvest(['cs.DC', 'cs.LG']);
    expect(same.asked).toEqual(['2016-10-20', '1403493|1001']);
    expect(await ids()).toEqual(listedIn(['cs.DC', 'cs.LG']));
    expect(await getCheckpoint<OaiCheckpoint>(t.db, 'arxiv-oai:cs:cs.DC,cs.LG')).toEqual({ window: null, highWater: '2016-10-21' });
  });

  it('restarts a window whose saved token was issued for the other metadata format', async () => {
    const at = new Date('2016-10-21T05:00:00Z');
    // An interrupted `--metadata-prefix arXiv` run of the same selection left a token of that format.
    await saveCheckpoint(t.db, 'arxiv-oai:cs:cs.LG', { window: { from: '2016-10-20', token: 'arXiv-format|500', prefix: 'arXiv' }, highWater: null }, at);
    const lg = await harvest(['cs.LG']);
    expect(lg.run).toMatchObject({ status: 'ok' });
    expect(lg.asked).toEqual(['2016-10-20', '1403493|1001']);
    expect(await ids()).toEqual(listedIn(['cs.LG']));
    // A token of the same format (or one saved before formats were recorded: arXivRaw) is resumed.
    await saveCheckpoint(t.db, 'arxiv-oai:cs:cs.DC', { window: { from: '2016-10-20', token: '1403493|1001' }, highWater: null }, at);
    expect((await harvest(['cs.DC'])).asked).toEqual(['1403493|1001']);
  });
});
