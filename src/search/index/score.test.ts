// Term-at-a-time scoring: a joined spelling ("multimodal" for "multi modal") counts for the papers
// that lack some of the words it spells, covering their concepts, and adds nothing to those that have them all.
import { describe, expect, it } from 'vitest';
import { SynonymTable } from '../text/synonyms.ts';
import { MemoryIndex } from './memory-index.ts';
import { accumulate, type WeightedTerm } from './score.ts';

describe('accumulate', () => {
  const index = new MemoryIndex(new SynonymTable());
  index.add({ id: 'hyphenated', title: 'Multi-modal retrieval', abstract: 'Multi-modal models.', authors: [] });
  index.add({ id: 'joined', title: 'Multimodal retrieval', abstract: 'Multimodal models.', authors: [] });
  index.add({ id: 'other', title: 'Text retrieval', abstract: 'Plain text.', authors: [] });
  index.commit();
  const id = (t: string): number => index.termId(t);
  const words: WeightedTerm[] = [
    { id: id('multi'), weight: 1, bit: 0 },
    { id: id('modal'), weight: 1, bit: 1 },
  ];
  const join: WeightedTerm = { id: id('multimod'), weight: 2, bit: -1, also: 0b11 };
  const byPaper = (terms: WeightedTerm[]) => {
    const acc = accumulate(index, terms);
    return new Map([...acc.docs].map((d, i) => [index.docs.ids[d]!, { score: acc.scores[i]!, mask: acc.masks[i]! }]));
  };

  it('finds the papers that write the words as one, covering both concepts', () => {
    expect(byPaper(words).has('joined')).toBe(false);
    expect(byPaper([...words, join]).get('joined')).toMatchObject({ mask: 0b11, score: expect.any(Number) });
    expect(byPaper([...words, join]).get('joined')!.score).toBeGreaterThan(0);
  });

  it('adds nothing to a paper that has every word, whatever order the terms come in', () => {
    const plain = byPaper(words).get('hyphenated')!;
    for (const terms of [[...words, join], [join, ...words]]) expect(byPaper(terms).get('hyphenated')).toEqual(plain);
    expect(byPaper([...words, join]).has('other')).toBe(false);
  });

  it('estimates the matches of a skipped stopword of the corpus only when it is a concept', () => {
    // "galaxy" is in every paper (a stopword of this corpus, skipped), "quasar" in a few.
    const big = new MemoryIndex(new SynonymTable());
    for (let i = 0; i < 24_000; i++) big.add({ id: `p${i}`, title: i % 1000 === 0 ? 'Quasar galaxy' : 'Galaxy survey', abstract: '', authors: [] });
    big.commit();
    const rare = { id: big.termId('quasar'), weight: 1, bit: 0 };
    const asConcept = accumulate(big, [rare, { id: big.termId('galaxi'), weight: 1, bit: 1 }]);
    expect(asConcept.docs.length).toBe(24);
    expect(asConcept.skippedDf).toBe(24_000);
    // As filler ("papers" in "papers about quasars") it counts no match.
    const asFiller = accumulate(big, [rare, { id: big.termId('galaxi'), weight: 0.2, bit: -1 }]);
    expect(asFiller.docs.length).toBe(24);
    expect(asFiller.skippedDf).toBe(0);
    // A concept as common as that is read after all when no rarer concept would find the matches
    // ("papers about galaxies" finds the galaxy papers, not the papers with "papers").
    const onlyCommon = accumulate(big, [{ ...rare, weight: 0.2, bit: -1 }, { id: big.termId('galaxi'), weight: 1, bit: 0 }]);
    expect(onlyCommon.docs.length).toBe(24_000);
    expect(onlyCommon.masks.every((m) => m === 1)).toBe(true);
  });

  it('lets words that mark no concept add only to docs a concept found', () => {
    // "retrieval" as filler: every paper has it, only "hyphenated" has the concept "multi".
    const filler: WeightedTerm = { id: id('retriev'), weight: 0.2, bit: -1 };
    const found = byPaper([words[0]!, filler]);
    expect([...found.keys()]).toEqual(['hyphenated']);
    expect(found.get('hyphenated')!.score).toBeGreaterThan(byPaper([words[0]!]).get('hyphenated')!.score);
    // Without any concept, such words are the query.
    expect([...byPaper([filler]).keys()].sort()).toEqual(['hyphenated', 'joined', 'other']);
  });
});
