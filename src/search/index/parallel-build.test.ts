// A full build on worker threads makes the same index as one on this thread: terms, document
// frequencies, postings, papers' vectors and rankings, over the bundled sample corpus.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { expectSameIndex } from '../../../test/search-index.ts';
import { parseRecord } from '../../sources/records.ts';
import { setPaperHidden } from '../../db/moderation.ts';
import { bundledMeaning, cosineStored } from '../semantic/meaning.ts';
import { changesSince } from '../store.ts';
import { applyChanges, buildIndex } from '../sync.ts';
import { SynonymTable } from '../text/synonyms.ts';
import { MemoryIndex } from './memory-index.ts';
import { AnalyzerPool, applyPages } from './parallel-build.ts';

describe('parallel index build', () => {
  let database: TestDatabase;
  const meaning = bundledMeaning()!;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const lines = readFileSync('data/sample/hf-papers-sample.jsonl', 'utf8').split('\n').filter((l) => l.trim());
    const papers = lines.map((l) => parseRecord(JSON.parse(l))).flatMap((r) => (r.ok ? [r.paper] : []));
    expect(papers.length).toBeGreaterThan(300);
    await storePapers(database.db, papers);
  });
  afterAll(() => database.close());

  it('gives every term the same id and every paper the same postings and ranks, built and then updated', async () => {
    const one = (await buildIndex(database.db, { threads: 0 }, meaning)).followed;
    const two = await buildIndex(database.db, { threads: 2 }, meaning);
    expect(two.changed).toBe(one.index.docs.live);
    // Every paper has its vector by meaning, the one its text gives.
    const [paper] = await database.db.selectFrom('papers').select(['id', 'title', 'abstract']).orderBy('id').limit(1).execute();
    const stored = two.followed.index.docs.vector(two.followed.index.docs.docOf(paper!.id)!)!;
    expect(cosineStored(meaning.paperVector(paper!.title, paper!.abstract)!, stored)).toBeCloseTo(1, 3);
    expect(one.index.docs.ids.filter((_, d) => !one.index.docs.vector(d))).toEqual([]);
    await expectSameIndex(database.db, two.followed.index, one.index);

    // Changes since: a new paper, a paper hidden by a moderator, a paper whose text changed.
    const [first] = await database.db.selectFrom('papers').select(['id', 'title']).orderBy('id').limit(1).execute();
    await storePapers(database.db, [
      paperInput({ id: 'fresh-1', title: 'Speculative Decoding With Tiny Draft Models', abstract: 'A KV cache friendly drafter.' }),
      paperInput({ id: first!.id, title: `${first!.title} (Revised)`, abstract: 'Revised abstract about quantization.' }),
    ]);
    const [hidden] = await database.db.selectFrom('papers').select('id').where('id', '!=', first!.id).orderBy('id', 'desc').limit(1).execute();
    await setPaperHidden(database.db, hidden!.id, true, new Date());
    expect(await applyChanges(database.db, one, 3, { threads: 0 })).toBe(3);
    expect(await applyChanges(database.db, two.followed, 3, { threads: 2 })).toBe(3);
    expect(two.followed.index.docs.docOf(hidden!.id)).toBeUndefined();
    expect(two.followed.index.docs.docOf('fresh-1')).toBeDefined();
    await expectSameIndex(database.db, two.followed.index, one.index);
  });

  it('rebuilds for a serving node on workers alone, the same index, and keeps the workers for its syncs', async () => {
    const one = (await buildIndex(database.db, { threads: 0 }, meaning)).followed;
    const first = await buildIndex(database.db, { threads: 2 }, meaning);
    // A node's first build lets its workers go; a serving node's rebuild keeps them.
    expect(first.followed.pool).toBeUndefined();
    const serving = await buildIndex(database.db, { threads: 2, serving: true }, meaning);
    expect(serving.followed.pool?.size).toBe(1);
    await expectSameIndex(database.db, serving.followed.index, one.index);
    await serving.followed.pool?.close();
  });

  it('makes the same index when its workers\' dictionaries start again along the way', async () => {
    const one = (await buildIndex(database.db, { threads: 0 }, meaning)).followed;
    const index = new MemoryIndex(one.index.synonyms, meaning);
    // A bound so low that each worker starts again every few batches, sending known terms anew.
    const pool = new AnalyzerPool(index.synonyms, 2, meaning, 300);
    async function* small() {
      for await (const page of changesSince(database.db, { seq: -1, id: '' })) for (let i = 0; i < page.length; i += 10) yield page.slice(i, i + 10);
    }
    const changed = await applyPages(index, small(), { pool, here: false });
    await pool.close();
    index.commit();
    expect(changed).toBe(one.index.docs.live);
    expect(index.terms.size).toBeGreaterThan(3000);
    await expectSameIndex(database.db, index, one.index);
  });

  it('fails, rather than waits forever, when a worker cannot start', async () => {
    const index = new MemoryIndex(new SynonymTable());
    // A synonym table the worker cannot rebuild: it throws as it starts.
    index.synonyms.entries.push(['x', 42 as never]);
    async function* batches() {
      for (let i = 0; i < 6; i++) yield [{ id: `p${i}`, title: 'A title', abstract: 'An abstract.', authors: [] }];
    }
    await expect(applyPages(index, batches(), { pool: new AnalyzerPool(index.synonyms, 1), here: true })).rejects.toThrow();
  });
});
