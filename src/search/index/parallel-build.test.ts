// A full build on worker threads makes the same index as one on this thread: terms, document
// frequencies, postings and rankings, over the bundled sample corpus.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { storePapers } from '../../../test/papers.ts';
import { parseRecord } from '../../sources/records.ts';
import { planQuery } from '../query.ts';
import { rank } from '../ranking.ts';
import { fetchAbstracts } from '../store.ts';
import { buildIndex } from '../sync.ts';
import type { MemoryIndex } from './memory-index.ts';

const QUERIES = ['speculative decoding', 'LLM quantization on consumer GPUs', 'KV cache compression', 'diffusion transformers for video', '3D Gaussian splatting'];

describe('parallel index build', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const lines = readFileSync('data/sample/hf-papers-sample.jsonl', 'utf8').split('\n').filter((l) => l.trim());
    const papers = lines.map((l) => parseRecord(JSON.parse(l))).flatMap((r) => (r.ok ? [r.paper] : []));
    expect(papers.length).toBeGreaterThan(300);
    await storePapers(database.db, papers);
  });
  afterAll(() => database.close());

  const postingsOf = (index: MemoryIndex): string =>
    index.segments.map((s) => `${s.base}:${s.count}:${Array.from(s.terms).join(',')}|${Array.from(s.offsets).join(',')}|${Array.from(s.docs).join(',')}|${Array.from(s.tf).join(',')}`).join('/');

  it('gives every term the same id and every paper the same postings and ranks', async () => {
    const one = (await buildIndex(database.db, { threads: 0 })).followed.index;
    const { followed, changed } = await buildIndex(database.db, { threads: 2 });
    const two = followed.index;
    expect(changed).toBe(one.docs.live);
    expect(two.docs.ids).toEqual(one.docs.ids);
    expect([...two.terms]).toEqual([...one.terms]);
    expect(Array.from(two.df.subarray(0, two.terms.size))).toEqual(Array.from(one.df.subarray(0, one.terms.size)));
    expect(postingsOf(two)).toBe(postingsOf(one));
    expect(Array.from(two.norms)).toEqual(Array.from(one.norms));
    for (const q of QUERIES) {
      const fetch = (ids: string[]) => fetchAbstracts(database.db, ids);
      const a = await rank(one, planQuery(q, one), { limit: 10, offset: 0 }, fetch);
      const b = await rank(two, planQuery(q, two), { limit: 10, offset: 0 }, fetch);
      expect(a.hits.length, q).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
  });
});
