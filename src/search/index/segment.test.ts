// Postings segments: counting-sort build keeps docs ascending per term; merging adjacent segments keeps every posting.
import { describe, expect, it } from 'vitest';
import { findTerm, mergeSegments, type Segment, SegmentBuilder } from './segment.ts';

const postings = (seg: Segment, term: number): [number, number][] => {
  const k = findTerm(seg, term);
  if (k < 0) return [];
  const out: [number, number][] = [];
  for (let p = seg.offsets[k]!; p < seg.offsets[k + 1]!; p++) out.push([seg.base + seg.docs[p]!, seg.tf[p * 3 + 1]!]);
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
    expect(postings(sa, 5)).toEqual([[0, 2], [1, 1]]);
    expect(postings(sb, 5)).toEqual([[2, 255]]);
    const m = mergeSegments(sa, sb);
    expect(m.count).toBe(3);
    expect(Array.from(m.terms)).toEqual([1, 3, 5]);
    expect(postings(m, 5)).toEqual([[0, 2], [1, 1], [2, 255]]);
    expect(postings(m, 3)).toEqual([[2, 1]]);
    expect(findTerm(m, 4)).toBe(-1);
  });
});
