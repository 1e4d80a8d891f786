// Query planning, seen through ranking by words: the words of a phrase an acronym stands for
// ("large language model" for LLM) are one topic of the query, not three, so the query's other
// topics ("single GPU") still decide between papers that all have the phrase.
import { describe, expect, it } from 'vitest';
import { MemoryIndex } from './index/memory-index.ts';
import { planQuery } from './query.ts';
import { rank } from './ranking.ts';
import { AcronymMiner } from './text/synonyms.ts';

describe('a phrase an acronym stands for', () => {
  const index = new MemoryIndex(new AcronymMiner().build(7));
  const papers = [
    { id: 'phrase', title: 'Large Language Model Serving at Scale', abstract: 'Serving large language models on GPUs in data centers.' },
    { id: 'single', title: 'LLM Serving on a Single GPU', abstract: 'An LLM engine that fits one consumer GPU.' },
    { id: 'math', title: 'Large language models for math', abstract: 'Proofs.' },
    { id: 'code', title: 'Large language models for code', abstract: 'Programs.' },
    { id: 'graphs', title: 'Graph methods on GPUs', abstract: 'Graphs on a GPU.' },
    { id: 'trees', title: 'Tree methods', abstract: 'Trees.' },
    { id: 'vision', title: 'Vision models', abstract: 'Images.' },
  ];
  for (const p of papers) index.add({ ...p, authors: [] });
  index.commit();
  const texts = async (ids: string[]) => new Map(ids.map((id) => [id, papers.find((p) => p.id === id)!]));
  const ranked = async (q: string): Promise<string[]> => (await rank(index, planQuery(q, index), { limit: 10, offset: 0 }, { texts })).hits.map((h) => h.id);

  it('weighs as one topic beside the query’s others', async () => {
    expect((await ranked('large language model serving on a single GPU'))[0]).toBe('single');
  });

  it('keeps its words as concepts: a paper with the words and no acronym still covers them', () => {
    const concepts = planQuery('large language model serving', index).concepts.map((c) => c.term);
    expect(concepts).toEqual(expect.arrayContaining(['larg', 'languag', 'model', 'llm']));
  });
});
