// A full build on worker threads makes the same index as one on this thread: terms, document
// frequencies, postings and rankings, over the bundled sample corpus.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { parseRecord } from '../../sources/records.ts';
import { planQuery } from '../query.ts';
import { rank } from '../ranking.ts';
import { fetchAbstracts } from '../store.ts';
import { setPaperHidden } from '../../db/moderation.ts';
import { applyChanges, buildIndex } from '../sync.ts';
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

  const expectSameIndex = async (one: MemoryIndex, two: MemoryIndex): Promise<void> => {
    expect(two.docs.ids).toEqual(one.docs.ids);
    expect(Array.from(two.docs.alive.subarray(0, two.docs.count))).toEqual(Array.from(one.docs.alive.subarray(0, one.docs.count)));
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
  };

  it('gives every term the same id and every paper the same postings and ranks, built and then updated', async () => {
    const one = (await buildIndex(database.db, { threads: 0 })).followed;
    const two = await buildIndex(database.db, { threads: 2 });
    expect(two.changed).toBe(one.index.docs.live);
    await expectSameIndex(one.index, two.followed.index);

    // Changes since: a new paper, a paper hidden by a moderator, a paper whose text changed.
    const [first] = await database.db.selectFrom('papers').select(['id', 'title']).orderBy('id').limit(1).execute();
    await storePapers(database.db, [
      paperInput({ id: 'fresh-1', title: 'Speculative Decoding With Tiny Draft Models', abstract: 'A KV cache friendly drafter.' }),
      paperInput({ id: first!.id, title: `${first!.title} (Revised)`, abstract: 'Revised abstract about quantization.' }),
    ]);
    const [hidden] = await database.db.selectFrom('papers').select('id').where('id', '!=', first!.id).orderBy('id', 'desc').limit(1).execute();
    await setPaperHidden(database.db, hidden!.id, true, new Date());
    expect(await applyChanges(database.db, one, { threads: 0 })).toBe(3);
    expect(await applyChanges(database.db, two.followed, { threads: 2 })).toBe(3);
    expect(two.followed.index.docs.docOf(hidden!.id)).toBeUndefined();
    expect(two.followed.index.docs.docOf('fresh-1')).toBeDefined();
    await expectSameIndex(one.index, two.followed.index);
  });
});
