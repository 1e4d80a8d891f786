// The papers store on both dialects: idempotent upserts, merging across sources, concurrent
// writers of one paper, feeds, text_seq.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { trendingScore } from '../core/trending.ts';
import { adjacentFilteredDate } from './feed-queries.ts';
import { countPapers, findPaper, latestFeedDate, listFeed, textChangesSince, upsertPapers } from './papers.ts';

/** True while some session of this test's database waits for a row lock on the counters (PostgreSQL). */
async function waitingForLock(t: TestDatabase): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%counters%'`.execute(t.db);
  return (rows[0]?.n ?? 0) > 0;
}

describe.each(DIALECTS)('papers store (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.drop());

  it('inserts, then changes nothing when the same records come again', async () => {
    const batch = [paperInput({ id: '2401.00001', title: 'Alpha', upvotes: 5 }), paperInput({ id: '2401.00002', title: 'Beta' })];
    const first = await t.db.transaction().execute((trx) => upsertPapers(trx, batch, '2025-01-01T00:00:00Z'));
    expect(first).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const before = await t.db.selectFrom('papers').selectAll().orderBy('id').execute();
    const second = await t.db.transaction().execute((trx) => upsertPapers(trx, batch, '2025-02-01T00:00:00Z'));
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await t.db.selectFrom('papers').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('takes one batch of thousands of records with ids and arXiv ids apart (past the database parameter limits)', async () => {
    const batch = Array.from({ length: 7000 }, (_, i) =>
      paperInput({ id: `big-batch-${i}`, arxivId: `2402.${String(10000 + i)}`, title: `Big batch paper number ${i}`, authors: [`Author ${i % 97}`] }),
    );
    const first = await t.db.transaction().execute((trx) => upsertPapers(trx, batch, '2025-01-01T00:00:00Z'));
    expect(first).toEqual({ inserted: 7000, updated: 0, unchanged: 0 });
    const again = await t.db.transaction().execute((trx) => upsertPapers(trx, batch, '2025-01-02T00:00:00Z'));
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 7000 });
    // The whole batch shares one text sequence number: the change stream pages through it by id,
    // each paper once, whatever the page boundaries.
    const seq = (await t.db.selectFrom('papers').select('text_seq').where('id', '=', 'big-batch-0').executeTakeFirstOrThrow()).text_seq;
    const paged: string[] = [];
    for (let cursor = { seq, id: '' }; ; ) {
      const page = await textChangesSince(t.db, cursor.seq, cursor.id, 999);
      paged.push(...page.map((r) => r.id));
      if (page.length < 999) break;
      cursor = { seq: Number(page.at(-1)!.text_seq), id: page.at(-1)!.id };
    }
    expect(paged).toEqual(batch.map((b) => b.id).sort());
    await t.db.deleteFrom('paper_names').where('paper_id', 'like', 'big-batch-%').execute();
    await t.db.deleteFrom('paper_categories').where('paper_id', 'like', 'big-batch-%').execute();
    await t.db.deleteFrom('papers').where('id', 'like', 'big-batch-%').execute();
  });

  it('updates counts and the trending score, keeping the text sequence when text is unchanged', async () => {
    const seqBefore = (await t.db.selectFrom('papers').select('text_seq').where('id', '=', '2401.00001').executeTakeFirstOrThrow()).text_seq;
    await storePapers(t.db, [paperInput({ id: '2401.00001', title: 'Alpha', upvotes: 50 })]);
    const p = await findPaper(t.db, '2401.00001');
    expect(p?.upvotes).toBe(50);
    expect(p?.trending).toBeCloseTo(trendingScore(50, 0, '2025-01-10'), 5);
    const row = await t.db.selectFrom('papers').select('text_seq').where('id', '=', '2401.00001').executeTakeFirstOrThrow();
    expect(row.text_seq).toBe(seqBefore);
    await storePapers(t.db, [paperInput({ id: '2401.00001', title: 'Alpha, revised', upvotes: 50 })]);
    const changes = await textChangesSince(t.db, seqBefore, '', 10);
    expect(changes.filter((c) => c.text_seq > seqBefore).map((c) => c.id)).toEqual(['2401.00001']);
  });

  it('merges a paper known by title into the arXiv record of the same title, and finds it by either id', async () => {
    await storePapers(t.db, [paperInput({ id: 'sample-slug-abc123', arxivId: null, title: 'Gamma: A Study', upvotes: 3, organization: 'NVIDIA' })]);
    await storePapers(t.db, [paperInput({ id: '2401.00003', title: 'GAMMA — a study', upvotes: 9, categories: ['cs.CL', 'cs.LG'] })]);
    const byArxiv = await findPaper(t.db, '2401.00003');
    expect(byArxiv).toMatchObject({ id: 'sample-slug-abc123', arxivId: '2401.00003', upvotes: 9, organization: 'NVIDIA' });
    expect(await findPaper(t.db, 'sample-slug-abc123')).toEqual(byArxiv);
    // Same title, different arXiv id: two papers.
    await storePapers(t.db, [paperInput({ id: '2401.00004', title: 'Gamma: A Study' })]);
    expect(await countPapers(t.db)).toBe(4);
  });

  it('two writers of the same new paper at once: the second waits, then updates it (one row, no key violation)', async () => {
    let release!: () => void;
    let firstWrote!: () => void;
    const wrote = new Promise<void>((r) => (firstWrote = r));
    const first = t.db.transaction().execute(async (trx) => {
      const r = await upsertPapers(trx, [paperInput({ id: '2403.00001', title: 'Written twice', upvotes: 1 })]);
      firstWrote();
      await new Promise<void>((r2) => (release = r2));
      return r;
    });
    await wrote;
    // The first has written and not committed: the second's reads must wait for it.
    const second = t.db.transaction().execute((trx) => upsertPapers(trx, [paperInput({ id: '2403.00001', title: 'Written twice', upvotes: 3 })]));
    // PostgreSQL: let the second get as far as it can, which is a wait for the first's lock.
    // (SQLite's one connection runs the transactions one after the other.)
    for (let i = 0; dialect === 'postgres' && i < 100 && !(await waitingForLock(t)); i++) await sleep(50);
    release();
    expect(await first).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await second).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await findPaper(t.db, '2403.00001')).toMatchObject({ upvotes: 3 });
  });

  it('keeps one row when a batch repeats a paper', async () => {
    await storePapers(t.db, [paperInput({ id: '2401.00005', title: 'Delta', upvotes: 1 }), paperInput({ id: '2401.00005', title: 'Delta', upvotes: 2 })]);
    expect(await findPaper(t.db, '2401.00005')).toMatchObject({ upvotes: 2 });
  });

  it('lists a feed window sorted by upvotes or trending, filtered by category, with neighbours', async () => {
    await storePapers(t.db, [
      paperInput({ id: '2402.00001', feedDate: '2025-02-03', upvotes: 1, categories: ['cs.LG'] }),
      paperInput({ id: '2402.00002', feedDate: '2025-02-03', upvotes: 7 }),
      paperInput({ id: '2402.00003', feedDate: '2025-02-05', upvotes: 3, categories: ['cs.LG'] }),
    ]);
    const week = await listFeed(t.db, { from: '2025-02-03', to: '2025-02-09', sort: 'upvotes', limit: 2, offset: 0 });
    expect(week.total).toBe(3);
    expect(week.papers.map((p) => p.id)).toEqual(['2402.00002', '2402.00003']);
    const trending = await listFeed(t.db, { from: '2025-02-03', to: '2025-02-09', sort: 'trending', limit: 10, offset: 0 });
    // Two days newer beats 7 vs 3 votes: log2(4) + 2 > log2(8).
    expect(trending.papers.map((p) => p.id)).toEqual(['2402.00003', '2402.00002', '2402.00001']);
    expect(trending.papers.map((p) => p.trending)).toEqual([...trending.papers.map((p) => p.trending)].sort((a, b) => b - a));
    const lg = await listFeed(t.db, { from: '2025-02-01', to: '2025-02-28', sort: 'upvotes', limit: 10, offset: 0, category: 'cs.LG' });
    expect(lg.papers.map((p) => p.id)).toEqual(['2402.00003', '2402.00001']);
    expect(await latestFeedDate(t.db)).toBe('2025-02-05');
    expect(await latestFeedDate(t.db, '2025-02-04')).toBe('2025-02-03');
    expect(await adjacentFilteredDate(t.db, {}, '2025-02-03', 1)).toBe('2025-02-05');
    expect(await adjacentFilteredDate(t.db, {}, '2025-02-03', -1)).toBe('2025-01-10');
    expect(await adjacentFilteredDate(t.db, { category: 'cs.LG' }, '2025-02-05', -1)).toBe('2025-02-03');
  });

  it('a re-import replaces only the source\'s share of votes and comments', async () => {
    await storePapers(t.db, [paperInput({ id: '2404.00001', title: 'Counted', upvotes: 10, comments: 2, feedDate: '2025-02-03' })]);
    // Two votes and one comment cast here, the way the vote and comment actions count them.
    await t.db.updateTable('papers').set({ upvotes: 12, comments: 3 }).where('id', '=', '2404.00001').execute();
    await storePapers(t.db, [paperInput({ id: '2404.00001', title: 'Counted', upvotes: 15, comments: 2, feedDate: '2025-02-03' })]);
    const p = await findPaper(t.db, '2404.00001');
    expect(p).toMatchObject({ upvotes: 17, comments: 3, sourceUpvotes: 15, sourceComments: 2 });
    expect(p?.trending).toBeCloseTo(trendingScore(17, 3, '2025-02-03'), 6);
    // A record that does not know counts leaves them alone.
    await storePapers(t.db, [{ ...paperInput({ id: '2404.00001', title: 'Counted', feedDate: '2025-02-03' }), upvotes: undefined }]);
    expect((await findPaper(t.db, '2404.00001'))?.upvotes).toBe(17);
  });

  it('writes 3,000 papers in one upsert (multi-row inserts stay under parameter limits)', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => paperInput({ id: `2403.${String(i).padStart(5, '0')}`, categories: ['cs.AI', 'stat.ML'] }));
    await storePapers(t.db, many);
    const cats = await t.db.selectFrom('paper_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('category', '=', 'stat.ML').executeTakeFirstOrThrow();
    expect(Number(cats.n)).toBe(3000);
  });
  it('keeps the first day and the highest count of a paper the daily feed listed twice, so a re-import changes nothing', async () => {
    // The same paper in two days' answers: the later day has more votes, and the days may come in any order.
    const day1 = paperInput({ id: '2401.00009', title: 'Listed Twice', feedDate: '2025-01-10', dailyFeedDate: true, upvotes: 7, comments: 2 });
    const day2 = paperInput({ id: '2401.00009', title: 'Listed Twice', feedDate: '2025-01-12', dailyFeedDate: true, upvotes: 11, comments: 1 });
    const first = await t.db.transaction().execute((trx) => upsertPapers(trx, [day1, day2]));
    expect(first).toMatchObject({ inserted: 1 });
    expect(await findPaper(t.db, '2401.00009')).toMatchObject({ feedDate: '2025-01-10', upvotes: 11, comments: 2 });
    const again = await t.db.transaction().execute((trx) => upsertPapers(trx, [day1]));
    const reversed = await t.db.transaction().execute((trx) => upsertPapers(trx, [day2, day1]));
    expect([again, reversed]).toEqual([
      { inserted: 0, updated: 0, unchanged: 1 },
      { inserted: 0, updated: 0, unchanged: 2 },
    ]);
    expect(await findPaper(t.db, '2401.00009')).toMatchObject({ feedDate: '2025-01-10', upvotes: 11, comments: 2 });
  });

  it('counts every record of a batch once, and writes nothing when a paper listed twice ends as it was stored', async () => {
    // Each day's record wins a field of its own (the later submitter, the first organization).
    const a = paperInput({ id: '2401.00010', title: 'Listed On Two Days', feedDate: '2025-01-10', dailyFeedDate: true, upvotes: 3, submittedBy: 'first', organization: 'Lab A' });
    const b = paperInput({ id: '2401.00010', title: 'Listed On Two Days', feedDate: '2025-01-11', dailyFeedDate: true, upvotes: 5, submittedBy: 'second', organization: null });
    const c = paperInput({ id: '2401.00011', title: 'Listed once' });
    expect(await t.db.transaction().execute((trx) => upsertPapers(trx, [a, b, c]))).toEqual({ inserted: 2, updated: 1, unchanged: 0 });
    const stamp = async () => (await t.db.selectFrom('papers').select('updated_at').where('id', '=', '2401.00010').executeTakeFirstOrThrow()).updated_at;
    const before = await stamp();
    const again = await t.db.transaction().execute((trx) => upsertPapers(trx, [a, b, c], '2099-01-01T00:00:00.000Z'));
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await stamp()).toBe(before);
  });

  it('two sources that wrap a title or abstract differently, imported again in turn, change nothing', async () => {
    // The bundled sample wraps abstracts at 80 columns; Hugging Face's answers for the same papers do not.
    const wrapped = paperInput({ id: '2401.00012', title: 'Real-Time\n  Video Diffusion', abstract: 'A diffusion model that\nruns in real time.' });
    const flat = paperInput({ id: '2401.00012', title: 'Real-Time Video Diffusion', abstract: 'A diffusion model that runs in real time.' });
    const upsert = (p: typeof wrapped, now: string) => t.db.transaction().execute((trx) => upsertPapers(trx, [p], now));
    expect(await upsert(wrapped, '2025-01-01T00:00:00.000Z')).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const stored = await t.db.selectFrom('papers').selectAll().where('id', '=', '2401.00012').executeTakeFirstOrThrow();
    // Separate batches, as two files of one import (or one file longer than a batch): each is the same words.
    const again = [await upsert(flat, '2099-01-01T00:00:00.000Z'), await upsert(wrapped, '2099-01-02T00:00:00.000Z'), await upsert(flat, '2099-01-03T00:00:00.000Z')];
    expect(again).toEqual(Array(3).fill({ inserted: 0, updated: 0, unchanged: 1 }));
    expect(await t.db.selectFrom('papers').selectAll().where('id', '=', '2401.00012').executeTakeFirstOrThrow()).toEqual(stored);
  });
});
