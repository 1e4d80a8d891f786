// The saved index: written after a build, loaded by the next process as the same index, caught
// up from its change-stream position; ignored when it belongs to another store or is damaged.
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../../test/databases.ts';
import { paperInput, storePapers } from '../../../test/papers.ts';
import { expectSameIndex } from '../../../test/search-index.ts';
import { parseRecord } from '../../sources/records.ts';
import { createPaperSearch } from '../index.ts';
import { bundledMeaning, Meaning } from '../semantic/meaning.ts';
import { buildIndex } from '../sync.ts';
import { loadSnapshot, saveSnapshot } from './snapshot.ts';

const SAMPLE = readFileSync('data/sample/hf-papers-sample.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .flatMap((l) => {
    const r = parseRecord(JSON.parse(l));
    return r.ok ? [r.paper] : [];
  });

describe.each(DIALECTS)('search index snapshot (%s)', (dialect) => {
  let t: TestDatabase;
  let file: string;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(t.db, SAMPLE);
    file = path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-snapshot-')), 'index.search');
  });
  afterEach(() => t.close());

  it('loads as the very index that was saved, papers\' vectors included, and only with the same word vectors', async () => {
    const meaning = bundledMeaning()!;
    const { followed } = await buildIndex(t.db, {}, meaning);
    // The sample has postings whose frequencies go to the segments' side tables: they are saved too.
    expect(followed.index.segments.some((s) => s.escaped.length > 0)).toBe(true);
    await saveSnapshot(file, followed.index, { storeId: 'store-a', ...followed.cursor });
    const loaded = await loadSnapshot(file, meaning);
    expect(loaded?.stamp).toEqual({ storeId: 'store-a', ...followed.cursor });
    await expectSameIndex(t.db, loaded!.index, followed.index);
    // Vectors made with other word vectors (or an index without them) are not these papers' vectors.
    const other = new Meaning({ ...meaning.vectors, weights: meaning.vectors.weights.map((w) => w / 2) });
    expect(await loadSnapshot(file, other)).toBeUndefined();
    expect(await loadSnapshot(file)).toBeUndefined();
  });

  it('lets the next process start from the file and catch up with what changed since', async () => {
    const first = createPaperSearch(t.db, { snapshotFile: file });
    expect(await first.sync()).toBe(SAMPLE.length);
    expect(statSync(file).size).toBeGreaterThan(0);

    // A new process: nothing to analyze, the index is there at once.
    const second = createPaperSearch(t.db, { snapshotFile: file });
    expect(await second.sync()).toBe(0);
    expect(second.size).toBe(SAMPLE.length);
    const query = { limit: 5, offset: 0 };
    expect(await second.search('speculative decoding', query)).toEqual(await first.search('speculative decoding', query));

    // Papers written after the file was saved are picked up by the next sync.
    await storePapers(t.db, [paperInput({ id: 'fresh-1', title: 'Zeppelin Routing for Mixture of Experts' })]);
    const third = createPaperSearch(t.db, { snapshotFile: file });
    expect(await third.sync()).toBe(1);
    expect((await third.search('zeppelin routing', query)).hits[0]?.id).toBe('fresh-1');
  });

  it('ignores a file from another store, and a damaged one, and builds instead', async () => {
    const saved = createPaperSearch(t.db, { snapshotFile: file });
    await saved.sync();
    const other = await createTestDatabase(dialect);
    try {
      await storePapers(other.db, [paperInput({ id: 'only-one', title: 'The Only Paper Here' })]);
      const search = createPaperSearch(other.db, { snapshotFile: file });
      expect(await search.sync()).toBe(1);
      expect(search.size).toBe(1);
    } finally {
      await other.close();
    }
    // The other store's build replaced the file; damage it, and this store rebuilds in full.
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const again = createPaperSearch(t.db, { snapshotFile: file });
    expect(await again.sync()).toBe(SAMPLE.length);
    writeFileSync(file, 'not an index');
    expect(await createPaperSearch(t.db, { snapshotFile: file }).sync()).toBe(SAMPLE.length);
  });

  it('keeps working when the file cannot be written', async () => {
    const errors: unknown[] = [];
    const search = createPaperSearch(t.db, { snapshotFile: path.join(file, 'no-such-dir', 'x'), onSnapshotError: (e) => errors.push(e) });
    expect(await search.sync()).toBe(SAMPLE.length);
    expect(errors).toHaveLength(1);
    expect((await search.search('speculative decoding', { limit: 3, offset: 0 })).hits.length).toBeGreaterThan(0);
  });
});
