// A period's topic matches on a big corpus: a new paper on a followed topic is found however many
// older papers match the topic better, and a paper that only brushes against the topic is not.
// A followed category matches exactly, and an archive ("cs") each of its categories. A topic's
// corpus-wide best score is searched once per process while fresh (kept in TopicFloors). A day's
// papers rank by trending, a week's by upvotes.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { selectDigest } from '../core/digest.ts';
import { createPaperSearch } from '../search/index.ts';
import { loadPeriodIndex } from './digest-period-index.ts';
import { TopicFloors } from './topic-floors.ts';

const DAY = '2026-08-20';

describe.each(DIALECTS)('digest period index (%s)', (dialect) => {
  let db: TestDatabase;
  afterEach(async () => db?.drop());

  it('matches a topic among the period papers, however many older papers rank above them', async () => {
    db = await createTestDatabase(dialect);
    // 1,200 older papers that match "speculative decoding" better than today's paper does.
    const older = Array.from({ length: 1200 }, (_, i) =>
      paperInput({ id: `old-${i}`, title: 'Speculative decoding', abstract: 'Speculative decoding drafts tokens and verifies them: speculative decoding.', feedDate: '2026-07-01' }),
    );
    await storePapers(db.db, older);
    await storePapers(db.db, [
      paperInput({ id: 'today-topic', title: 'Speculative decoding for code models with tree drafts', abstract: 'We apply speculative decoding to code generation and measure the speed-up on several benchmarks.', feedDate: DAY, upvotes: 1 }),
      paperInput({ id: 'today-other', title: 'Decoding brain signals', abstract: 'We decode motor intent from cortical recordings.', feedDate: DAY, upvotes: 50 }),
    ]);
    const search = createPaperSearch(db.db);
    await search.sync();
    const full = await search.search('speculative decoding', { limit: 1000, offset: 0 });
    expect(full.hits.map((h) => h.id)).not.toContain('today-topic');

    const index = await loadPeriodIndex(db.db, search, DAY, DAY);
    await index.prepare([{ kind: 'topic', value: 'Speculative decoding' }]);
    expect(index.matches({ kind: 'topic', value: 'speculative decoding' })).toEqual(['today-topic']);
    // A topic nothing in the period is about matches nothing, even though the period has papers.
    await index.prepare([{ kind: 'topic', value: 'protein folding' }]);
    expect(index.matches({ kind: 'topic', value: 'protein folding' }) ?? []).toEqual([]);
    expect(index.topicsSearched).toBe(2);
  }, 60_000);

  it('ranks a one-day period by trending, a week by upvotes: a Monday paper with many upvotes leads the weekly trending section', async () => {
    db = await createTestDatabase(dialect);
    // The ISO week of Monday 2026-08-17; trending halves every day, so by the week's end Monday's score is small.
    await storePapers(db.db, [
      paperInput({ id: 'monday-hit', title: 'Monday hit', feedDate: '2026-08-17', upvotes: 120 }),
      paperInput({ id: 'sunday-a', title: 'Sunday A', feedDate: '2026-08-23', upvotes: 12 }),
      paperInput({ id: 'sunday-b', title: 'Sunday B', feedDate: '2026-08-23', upvotes: 9 }),
      paperInput({ id: 'saturday', title: 'Saturday', feedDate: '2026-08-22', upvotes: 10 }),
    ]);
    const trending: Record<string, number> = { 'monday-hit': 3, 'sunday-a': 12, 'sunday-b': 9, saturday: 5 };
    for (const [id, score] of Object.entries(trending)) await db.db.updateTable('papers').set({ trending: score }).where('id', '=', id).execute();
    const search = createPaperSearch(db.db);
    await search.sync();

    const week = await loadPeriodIndex(db.db, search, '2026-08-17', '2026-08-23');
    expect(week.papers.map((p) => p.id)).toEqual(['monday-hit', 'sunday-a', 'saturday', 'sunday-b']);
    const digest = selectDigest(week, [], { max: 2, trending: true });
    expect(digest.sections).toEqual([expect.objectContaining({ kind: 'trending', papers: [expect.objectContaining({ id: 'monday-hit' }), expect.objectContaining({ id: 'sunday-a' })] })]);
    // Ties in upvotes fall back to trending.
    await db.db.updateTable('papers').set({ upvotes: 10 }).where('id', '=', 'sunday-b').execute();
    expect((await loadPeriodIndex(db.db, search, '2026-08-17', '2026-08-23')).papers.map((p) => p.id)).toEqual(['monday-hit', 'sunday-a', 'sunday-b', 'saturday']);
    // One day stays by trending.
    const sunday = await loadPeriodIndex(db.db, search, '2026-08-23', '2026-08-23');
    await db.db.updateTable('papers').set({ upvotes: 50 }).where('id', '=', 'sunday-b').execute();
    expect(sunday.papers.map((p) => p.id)).toEqual(['sunday-a', 'sunday-b']);
    expect((await loadPeriodIndex(db.db, search, '2026-08-23', '2026-08-23')).papers.map((p) => p.id)).toEqual(['sunday-a', 'sunday-b']);
  });

  it('matches a followed category exactly, and an archive by each of its categories', async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [
      paperInput({ id: 'lg', title: 'Learning', feedDate: DAY, categories: ['cs.LG', 'stat.ML'] }),
      paperInput({ id: 'cl', title: 'Language', feedDate: DAY, categories: ['cs.CL', 'cs.LG'] }),
      paperInput({ id: 'th', title: 'Strings', feedDate: DAY, categories: ['hep-th'] }),
    ]);
    const search = createPaperSearch(db.db);
    await search.sync();
    const index = await loadPeriodIndex(db.db, search, DAY, DAY);
    const ids = (value: string) => [...(index.matches({ kind: 'category', value }) ?? [])].sort();
    expect(ids('cs.LG')).toEqual(['cl', 'lg']);
    expect(ids('cs.CL')).toEqual(['cl']);
    expect(ids('cs')).toEqual(['cl', 'lg']);
    expect(ids('stat')).toEqual(['lg']);
    expect(ids('hep-th')).toEqual(['th']);
    expect(ids('hep')).toEqual([]);
  });

  it("searches a topic's corpus-wide best once while its floor is fresh, with the same matches", async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, [
      paperInput({ id: 'old-best', title: 'Speculative decoding', abstract: 'Speculative decoding, speculative decoding.', feedDate: '2026-07-01' }),
      paperInput({ id: 'new-on-topic', title: 'Speculative decoding for code', abstract: 'Speculative decoding applied to code generation.', feedDate: DAY }),
      paperInput({ id: 'new-brushing', title: 'Decoding brain signals', abstract: 'We decode motor intent from cortical recordings.', feedDate: DAY }),
    ]);
    const search = createPaperSearch(db.db);
    await search.sync();
    let corpusSearches = 0;
    const counted = { ...search, search: (q: string, o: Parameters<typeof search.search>[1]) => (corpusSearches++, search.search(q, o)), scoped: search.scoped.bind(search) };
    const floors = new TopicFloors();
    const topic = { kind: 'topic' as const, value: 'speculative decoding' };
    const matches: (readonly string[] | undefined)[] = [];
    for (let run = 0; run < 3; run++) {
      const index = await loadPeriodIndex(db.db, counted, DAY, DAY, { floors });
      await index.prepare([topic]);
      matches.push(index.matches(topic));
    }
    expect(corpusSearches).toBe(1);
    expect(matches[0]).toEqual(['new-on-topic']);
    expect(matches[1]).toEqual(matches[0]);
    expect(matches[2]).toEqual(matches[0]);
    // Without floors, every run searches the corpus again.
    await (await loadPeriodIndex(db.db, counted, DAY, DAY)).prepare([topic]);
    expect(corpusSearches).toBe(2);
  });
});
