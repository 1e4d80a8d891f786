// The sample corpus loads into an empty store once, by one process of those that start together;
// a load that was killed mid-way is finished by the next start, whether its process died on this
// host or its claim ran out; a store that holds papers of its own never gets it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { countPapers } from '../db/papers.ts';
import { getSetting, putSetting } from '../db/settings.ts';
import { loadSampleIfEmpty, SAMPLE_CLAIM_MS, type SampleLoadOptions } from './load-sample.ts';

/** A sample directory with a JSONL of three papers and `more` others (and no daily archive: reported as a file error). */
function sampleDir(more = 0): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-sample-'));
  const titles = ['Alpha Paper', 'Beta Paper', 'Gamma Paper', ...Array.from({ length: more }, (_, i) => `Paper ${i}`)];
  const lines = titles.map((title, i) => JSON.stringify({ id: `2501.${String(i + 1).padStart(5, '0')}`, title }));
  writeFileSync(path.join(dir, 'hf-papers-sample.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

const NOW = new Date('2026-08-21T12:00:00Z');

/** A process of another host (never known dead from here), at NOW. */
const node = (owner: string): SampleLoadOptions => ({ owner, isDead: () => false, now: () => NOW });

describe.each(DIALECTS)('sample corpus load (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(() => t.drop());

  it('loads into an empty store once', async () => {
    const dir = sampleDir();
    expect(await loadSampleIfEmpty(t.db, dir)).toMatchObject({ status: 'loaded', inserted: 3 });
    expect(await loadSampleIfEmpty(t.db, dir)).toBeUndefined();
    expect(await countPapers(t.db)).toBe(3);
  });

  it('is loaded by one of several processes starting together; the others leave it to the first', async () => {
    // A load long enough for the others to find it under way, and a connection ready for each caller.
    const dir = sampleDir(500);
    const owners = ['a:1', 'b:2', 'c:3', 'd:4'];
    await Promise.all(owners.map(() => countPapers(t.db)));
    const all = await Promise.all(owners.map((owner) => loadSampleIfEmpty(t.db, dir, node(owner))));
    const loaded = all.flatMap((r, i) => (r?.status === 'loaded' ? [{ owner: owners[i], inserted: r.inserted }] : []));
    expect(loaded).toHaveLength(1);
    expect(loaded[0]?.inserted).toBe(503);
    expect(all.filter((r) => r?.status !== 'loaded')).toEqual(Array(owners.length - 1).fill({ status: 'busy', owner: loaded[0]?.owner }));
    expect(await countPapers(t.db)).toBe(503);
    expect(await getSetting(t.db, 'sample_corpus')).toBe('loaded');
  });

  it('leaves a load to the live process that holds it', async () => {
    await putSetting(t.db, 'sample_corpus', `loading a:1 ${new Date(NOW.getTime() + 60_000).toISOString()}`);
    expect(await loadSampleIfEmpty(t.db, sampleDir(), node('b:2'))).toEqual({ status: 'busy', owner: 'a:1' });
    expect(await countPapers(t.db)).toBe(0);
  });

  it('finishes a load that was interrupted', async () => {
    // As left by a process killed after the first paper: the load is marked begun, one paper is in.
    await putSetting(t.db, 'sample_corpus', 'loading');
    await storePapers(t.db, [paperInput({ id: '2501.00001', title: 'Alpha Paper' })]);
    const report = await loadSampleIfEmpty(t.db, sampleDir());
    expect(report).toMatchObject({ status: 'loaded', inserted: 2 });
    expect(await countPapers(t.db)).toBe(3);
    expect(await loadSampleIfEmpty(t.db, sampleDir())).toBeUndefined();
  });

  it('takes over the claim of a process that died, at once on its host, elsewhere once the claim ran out', async () => {
    const until = new Date(NOW.getTime() + 60_000).toISOString();
    await putSetting(t.db, 'sample_corpus', `loading a:1 ${until}`);
    await storePapers(t.db, [paperInput({ id: '2501.00001', title: 'Alpha Paper' })]);
    // a:1 was killed: known dead on its own host.
    expect(await loadSampleIfEmpty(t.db, sampleDir(), { ...node('a:2'), isDead: (owner) => owner === 'a:1' })).toMatchObject({ status: 'loaded', inserted: 2 });

    await putSetting(t.db, 'sample_corpus', `loading b:1 ${until}`);
    const later = (ms: number): SampleLoadOptions => ({ ...node('c:1'), now: () => new Date(NOW.getTime() + ms) });
    expect(await loadSampleIfEmpty(t.db, sampleDir(), later(59_000))).toEqual({ status: 'busy', owner: 'b:1' });
    expect(await loadSampleIfEmpty(t.db, sampleDir(), later(SAMPLE_CLAIM_MS))).toMatchObject({ status: 'loaded', inserted: 0, unchanged: 3 });
    expect(await getSetting(t.db, 'sample_corpus')).toBe('loaded');
  });

  it('never loads into a store that holds papers of its own', async () => {
    await storePapers(t.db, [paperInput({ id: '2601.00001', title: 'Our Own Paper' })]);
    expect(await loadSampleIfEmpty(t.db, sampleDir())).toBeUndefined();
    expect(await countPapers(t.db)).toBe(1);
  });
});
