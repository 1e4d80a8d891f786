// The sample corpus loads into an empty store once, finishes a load that was killed mid-way, and
// never loads into a store that holds papers of its own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { countPapers } from '../db/papers.ts';
import { putSetting } from '../db/settings.ts';
import { loadSampleIfEmpty } from './load-sample.ts';

/** A sample directory with a three-paper JSONL (and no daily archive: reported as a file error). */
function sampleDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-sample-'));
  const lines = ['Alpha Paper', 'Beta Paper', 'Gamma Paper'].map((title, i) => JSON.stringify({ id: `2501.0000${i + 1}`, title }));
  writeFileSync(path.join(dir, 'hf-papers-sample.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

describe.each(DIALECTS)('sample corpus load (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(() => t.close());

  it('loads into an empty store once', async () => {
    const dir = sampleDir();
    expect((await loadSampleIfEmpty(t.db, dir))?.inserted).toBe(3);
    expect(await loadSampleIfEmpty(t.db, dir)).toBeUndefined();
    expect(await countPapers(t.db)).toBe(3);
  });

  it('finishes a load that was interrupted', async () => {
    // As left by a process killed after the first paper: the load is marked begun, one paper is in.
    await putSetting(t.db, 'sample_corpus', 'loading');
    await storePapers(t.db, [paperInput({ id: '2501.00001', title: 'Alpha Paper' })]);
    const report = await loadSampleIfEmpty(t.db, sampleDir());
    expect(report?.inserted).toBe(2);
    expect(await countPapers(t.db)).toBe(3);
    expect(await loadSampleIfEmpty(t.db, sampleDir())).toBeUndefined();
  });

  it('never loads into a store that holds papers of its own', async () => {
    await storePapers(t.db, [paperInput({ id: '2601.00001', title: 'Our Own Paper' })]);
    expect(await loadSampleIfEmpty(t.db, sampleDir())).toBeUndefined();
    expect(await countPapers(t.db)).toBe(1);
  });
});
