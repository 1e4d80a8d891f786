// Related papers by words, then by meaning: a paper on the same topic beats one that only shares a word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { createPaperSearch } from './index.ts';

const PAPERS = [
  paperInput({ id: 'int4', title: 'Rounding Network Weights to Int4 for Cheaper Serving', abstract: 'Each weight of a large model is stored in four bits with per-channel scales, after training, so inference needs less memory.' }),
  paperInput({ id: 'evidence', title: 'Weights of Evidence', abstract: 'Combining weights of evidence from clinical trials.' }),
  paperInput({ id: 'quantise', title: 'Post-Training Quantisation of Transformers', abstract: 'We quantise transformers to low precision to save memory.' }),
  paperInput({ id: 'galaxies', title: 'Unrelated Astronomy', abstract: 'Dark matter halos in dwarf galaxies.' }),
  paperInput({ id: 'halos', title: 'Galaxies', abstract: 'Dark matter halos.' }),
];

describe.each(DIALECTS)('related papers (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(t.db, PAPERS);
  });
  afterAll(async () => t.drop());

  it('ranks the paper on the same topic first, though another shares more of its words', async () => {
    const wordsOnly = createPaperSearch(t.db, { meaning: false });
    await wordsOnly.sync();
    expect((await wordsOnly.related('int4', 5)).map((h) => h.id)).toEqual(['evidence', 'quantise']);
    const search = createPaperSearch(t.db);
    await search.sync();
    const related = await search.related('int4', 5);
    expect(related.map((h) => h.id)).toEqual(['quantise', 'evidence']);
    expect(related[0]!.score).toBeGreaterThan(related[1]!.score);
    expect((await search.related('int4', 1)).map((h) => h.id)).toEqual(['quantise']);
    expect(await search.related('int4', 0)).toEqual([]);
  });
});
