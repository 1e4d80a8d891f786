// The search for a query no paper has a word of: the papers close in meaning come back, and a
// paper that only shares a near word, on another topic, does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { createPaperSearch, type PaperSearch } from './index.ts';

const PAPERS = [
  paperInput({ id: 'int4', title: 'Rounding Network Weights to Int4', abstract: 'Each weight of a large model is stored in four bits with per-channel scales, after training.' }),
  paperInput({ id: 'sky', title: 'Dwarf Galaxy Halos', abstract: 'Dark matter halos of dwarf galaxies seen by the Int4 telescope array and its spectrographs.' }),
  paperInput({ id: 'robots', title: 'Legged Robots on Rough Terrain', abstract: 'A quadruped learns locomotion in simulation.' }),
];

describe.each(DIALECTS)('closest in meaning (%s)', (dialect) => {
  let t: TestDatabase;
  let search: PaperSearch;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(t.db, PAPERS);
    search = createPaperSearch(t.db);
    await search.sync();
  });
  afterAll(async () => t.drop());

  it('keeps the papers near the query, not every paper with a near word', async () => {
    // Both papers say "Int4", the word nearest "FP8" here; only one is about number formats.
    expect((await search.search('int4', { limit: 10, offset: 0 })).hits.map((h) => h.id).sort()).toEqual(['int4', 'sky']);
    const page = await search.search('FP8', { limit: 10, offset: 0 });
    expect(page).toMatchObject({ byMeaning: true, total: 1 });
    expect(page.hits.map((h) => h.id)).toEqual(['int4']);
  });
});
