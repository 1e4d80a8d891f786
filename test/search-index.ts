// Test helper: asserts that two search indexes hold the same terms, documents, postings and
// papers' vectors and rank a few queries identically.
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../src/db/schema.ts';
import type { MemoryIndex } from '../src/search/index/memory-index.ts';
import { planQuery } from '../src/search/query.ts';
import { rank } from '../src/search/ranking.ts';
import { fetchTexts } from '../src/search/store.ts';

const QUERIES = ['speculative decoding', 'LLM quantization on consumer GPUs', 'KV cache compression', 'diffusion transformers for video', '3D Gaussian splatting'];

const postingsOf = (index: MemoryIndex): string =>
  index.segments.map((s) => `${s.base}:${s.count}:${Array.from(s.terms).join(',')}|${Array.from(s.offsets).join(',')}|${Array.from(s.docs).join(',')}|${Array.from(s.tf).join(',')}|${Array.from(s.escaped).join(',')}|${Array.from(s.escapedTf).join(',')}`).join('/');

/** Fails unless `actual` is the same index as `expected`, down to term ids and postings. */
export async function expectSameIndex(db: Kysely<DB>, actual: MemoryIndex, expected: MemoryIndex): Promise<void> {
  expect(actual.docs.ids).toEqual(expected.docs.ids);
  expect(Array.from(actual.docs.alive.subarray(0, actual.docs.count))).toEqual(Array.from(expected.docs.alive.subarray(0, expected.docs.count)));
  expect(actual.docs.live).toBe(expected.docs.live);
  expect([...actual.terms]).toEqual([...expected.terms]);
  expect(Array.from(actual.df.subarray(0, actual.terms.size))).toEqual(Array.from(expected.df.subarray(0, expected.terms.size)));
  expect(postingsOf(actual)).toBe(postingsOf(expected));
  expect(Array.from(actual.norms)).toEqual(Array.from(expected.norms));
  expect(actual.synonyms.entries).toEqual(expected.synonyms.entries);
  expect(actual.meaning?.id).toBe(expected.meaning?.id);
  const vectors = (index: MemoryIndex): unknown[] =>
    index.docs.ids.map((_, d) => {
      const v = index.docs.vector(d);
      return v && { scale: v.scale, components: Array.from(v.components) };
    });
  expect(vectors(actual)).toEqual(vectors(expected));
  for (const q of QUERIES) {
    const fetch = { texts: (ids: string[]) => fetchTexts(db, ids) };
    const a = await rank(expected, planQuery(q, expected), { limit: 10, offset: 0 }, fetch);
    const b = await rank(actual, planQuery(q, actual), { limit: 10, offset: 0 }, fetch);
    expect(a.hits.length, q).toBeGreaterThan(0);
    expect(b).toEqual(a);
  }
}
