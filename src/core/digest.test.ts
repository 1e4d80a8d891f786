// Digest selection: each paper appears once, in the first section it matches, and the paper count
// is the number of entries.
import { describe, expect, it } from 'vitest';
import { paperInput } from '../../test/papers.ts';
import { type Follow, followKey, type PeriodMatches, selectDigest, validateFollow } from './digest.ts';
import { mergePaper, type Paper } from './paper.ts';

/** A period of papers `a`…`f` (best first) and what each follow matches. */
function periodOf(matches: Record<string, string[]>): PeriodMatches {
  const papers: Paper[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => mergePaper(undefined, paperInput({ id, title: `Paper ${id}` }), () => 0));
  const table = new Map(Object.entries(matches));
  return { papers, byId: new Map(papers.map((p) => [p.id, p])), matches: (f: Follow) => table.get(followKey(f)) };
}

const topic = (value: string): Follow => ({ kind: 'topic', value });

describe('selectDigest', () => {
  it('shows a paper once, in the first section it matches; later sections fill with their next papers; an emptied section is dropped', () => {
    const period = periodOf({
      [followKey(topic('hallucination detection'))]: ['a', 'b'],
      [followKey(topic('language model'))]: ['a', 'b', 'c', 'd'],
      [followKey({ kind: 'author', value: 'Pietro Liò' })]: ['b'],
      [followKey({ kind: 'category', value: 'cs.CL' })]: ['c', 'e'],
    });
    const follows: Follow[] = [topic('hallucination detection'), topic('language model'), { kind: 'author', value: 'Pietro Liò' }, { kind: 'category', value: 'cs.CL' }];
    const digest = selectDigest(period, follows, { max: 2, trending: true });
    expect(digest.sections.map((s) => [s.kind, s.value, s.papers.map((p) => p.id)])).toEqual([
      ['topic', 'hallucination detection', ['a', 'b']],
      ['topic', 'language model', ['c', 'd']],
      ['category', 'cs.CL', ['e']],
      ['trending', '', ['f']],
    ]);
    const entries = digest.sections.flatMap((s) => s.papers.map((p) => p.id));
    expect(new Set(entries).size).toBe(entries.length);
    expect(digest.paperCount).toBe(entries.length);
  });

  it('one section for an item followed twice in different case ("Song Han" and "song han" match the same papers)', () => {
    const period = periodOf({ [followKey({ kind: 'author', value: 'Song Han' })]: ['a', 'b', 'c'] });
    const follows: Follow[] = [
      { kind: 'author', value: 'Song Han' },
      { kind: 'author', value: 'song han' },
    ];
    const digest = selectDigest(period, follows, { max: 2, trending: false });
    expect(digest.sections.map((s) => [s.value, s.papers.map((p) => p.id)])).toEqual([['Song Han', ['a', 'b']]]);
  });
});

describe('validateFollow', () => {
  it('takes a category in any case as arXiv writes it, and refuses one arXiv does not have (it would never match a paper)', () => {
    expect(validateFollow('category', ' cs.lg ')).toEqual({ value: 'cs.LG' });
    expect(validateFollow('category', 'hep-th')).toEqual({ value: 'hep-th' });
    expect(validateFollow('category', 'cs')).toEqual({ value: 'cs' });
    expect(validateFollow('category', 'cs.LGG')).toEqual({ error: '"cs.LGG" is not an arXiv category; did you mean cs.LG?' });
    expect(validateFollow('category', 'not a category!')).toEqual({ error: '"not a category!" is not an arXiv category like cs.LG' });
  });
});
