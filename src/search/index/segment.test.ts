// Postings segments: counting-sort build keeps docs ascending per term; merging adjacent segments keeps every posting;
// frequencies past the one-byte code come back exact from the side table.
import { describe, expect, it } from 'vitest';
import { fieldTf, findTerm, mergeSegments, type Segment, SegmentBuilder, TF_ESCAPED } from './segment.ts';

const postings = (seg: Segment, term: number): [number, number[]][] => {
  const k = findTerm(seg, term);
  if (k < 0) return [];
  const out: [number, number[]][] = [];
  for (let p = seg.offsets[k]!; p < seg.offsets[k + 1]!; p++) out.push([seg.base + seg.docs[p]!, [0, 1, 2].map((f) => fieldTf(seg, p, f))]);
  return out;
};

describe('segments', () => {
  it('builds sorted CSR postings and merges adjacent segments', () => {
    const a = new SegmentBuilder(0);
    a.addDoc([5, 1], Uint8Array.of(0, 2, 0, 1, 0, 0));
    a.addDoc([5], Uint8Array.of(0, 1, 0));
    const b = new SegmentBuilder(2);
    b.addDoc([3, 5], Uint8Array.of(0, 1, 0, 0, 255, 0));
    const sa = a.build();
    const sb = b.build();
    expect(Array.from(sa.terms)).toEqual([1, 5]);
    expect(postings(sa, 5)).toEqual([[0, [0, 2, 0]], [1, [0, 1, 0]]]);
    expect(postings(sb, 5)).toEqual([[2, [0, 255, 0]]]);
    const m = mergeSegments(sa, sb);
    expect(m.count).toBe(3);
    expect(Array.from(m.terms)).toEqual([1, 3, 5]);
    expect(postings(m, 5)).toEqual([[0, [0, 2, 0]], [1, [0, 1, 0]], [2, [0, 255, 0]]]);
    expect(postings(m, 3)).toEqual([[2, [0, 1, 0]]]);
    expect(findTerm(m, 4)).toBe(-1);
  });

  it('keeps every frequency exact, coded or escaped, through building, merging and reuse', () => {
    // Every combination around the code's bounds (title 2, abstract 16, authors 4), and saturated ones.
    const combos: number[][] = [];
    for (const t of [0, 1, 2, 3, 255]) for (const x of [0, 1, 16, 17, 200]) for (const u of [0, 4, 5, 9]) combos.push([t, x, u]);
    const builder = new SegmentBuilder(0);
    const want = new Map<string, number[]>();
    const build = (base: number, docs: number): Segment => {
      builder.reset(base);
      for (let d = 0; d < docs; d++) {
        // Each doc has three terms; term ids out of order, so the sort moves escaped postings.
        const terms = [7 - (d % 3), 9, (d * 5) % 4];
        const tf = new Uint8Array(9);
        terms.forEach((term, k) => {
          const c = combos[(base + d) * 3 + k]!;
          tf.set(c, k * 3);
          want.set(`${base + d}:${term}`, c);
        });
        builder.addDoc(terms, tf);
      }
      return builder.build();
    };
    const half = Math.floor(combos.length / 6);
    const first = build(0, half);
    const second = build(half, half);
    const merged = mergeSegments(first, second);
    for (const seg of [first, second, merged]) {
      expect(seg.escaped.length).toBeGreaterThan(0);
      expect([...seg.escaped]).toEqual([...seg.escaped].sort((x, y) => x - y));
      expect(seg.escaped.every((p) => seg.tf[p] === TF_ESCAPED)).toBe(true);
    }
    const got = new Map<string, number[]>();
    for (const seg of [merged]) for (const term of merged.terms) for (const [d, tf] of postings(seg, term)) got.set(`${d}:${term}`, tf);
    expect(got).toEqual(want);
  });
});
