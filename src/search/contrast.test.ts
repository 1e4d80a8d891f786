// Contrast in queries: the words after "instead of", "outside", "not"... up to the end of their
// clause leave the query plan, unless nothing else would be left.
import { describe, expect, it } from 'vitest';
import { contrastOf } from './contrast.ts';
import { MemoryIndex } from './index/memory-index.ts';
import { MAX_QUERY_CHARS, planQuery } from './query.ts';
import { analyze } from './text/analyze.ts';
import { SynonymTable } from './text/synonyms.ts';

const contrasted = (q: string): string[] => {
  const at = contrastOf(q, MAX_QUERY_CHARS).all;
  const s = analyze(q);
  return s.terms.filter((_, i) => at.has(s.positions[i]!));
};

const concepts = (q: string): string[] => planQuery(q, new MemoryIndex(new SynonymTable())).concepts.map((c) => c.term);

describe('contrast in queries', () => {
  it('finds the words a contrast governs, to the end of their clause', () => {
    expect(contrasted('running LLMs on CPUs instead of GPUs')).toEqual(['instead', 'gpu']);
    expect(contrasted('GPU acceleration of scientific computing outside deep learning')).toEqual(['outsid', 'deep', 'learn']);
    expect(contrasted('diffusion language models, rather than autoregressive ones, for code')).toEqual(['rather', 'autoregress', 'on']);
    expect(contrasted('speculative decoding')).toEqual([]);
  });

  it('reads a word typed with a minus in front as one the searcher does not want', () => {
    expect(contrasted('diffusion -video generation')).toEqual(['video']);
    expect(contrasted('the diffusion −video −NeRF-based models')).toEqual(['video', 'nerf', 'base', 'nerfbas']);
    // A number with a minus is a number.
    expect(contrasted('-1 bit LLM')).toEqual([]);
    // A hyphen inside a word is no minus.
    expect(contrasted('text-to-video diffusion')).toEqual([]);
    expect(concepts('diffusion -video')).toEqual(['diffus']);
    expect(concepts('-video')).toEqual(['video']);
  });

  it('keeps positions aligned with the analyzed query across punctuation and compounds', () => {
    expect(contrasted('key-value (KV) cache eviction; not left-to-right decoding')).toEqual(['left', 'right', 'lefttoright', 'decod']);
  });

  it('drops contrasted words from the plan, but never the whole query', () => {
    expect(concepts('running LLMs on CPUs instead of GPUs')).toEqual(['run', 'llm', 'cpu']);
    expect(concepts('not deep learning')).toEqual(['deep', 'learn']);
  });
});
