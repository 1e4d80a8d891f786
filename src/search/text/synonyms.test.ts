// Acronyms: mining definitions from text, the curated list, and injection into analyzed text.
import { describe, expect, it } from 'vitest';
import { matchInitials, mineAcronyms } from './acronyms.ts';
import { analyze, SYNONYM } from './analyze.ts';
import { AcronymMiner } from './synonyms.ts';

const mined = (text: string): [string, string][] => {
  const out: [string, string][] = [];
  mineAcronyms(text, (a, e) => out.push([a, e]));
  return out;
};

describe('mineAcronyms', () => {
  it('finds definitions whose initials spell the acronym', () => {
    expect(mined('We study large language models (LLMs) and mixture of experts (MoE) layers.')).toEqual([
      ['LLM', 'large language models'],
      ['MoE', 'mixture of experts'],
    ]);
    expect(mined('using retrieval-augmented generation (RAG).')).toEqual([['RAG', 'retrieval augmented generation']]);
    expect(mined('with 3D Gaussian Splatting (3DGS) scenes')).toEqual([['3DGS', '3D Gaussian Splatting']]);
  });

  it('ignores parentheses that are not definitions', () => {
    expect(mined('results (see Table 2) and accuracy (ours) improve (e.g. by 5%)')).toEqual([]);
    expect(mined('diffusion large language models (dLLMs)')).toEqual([]);
    expect(mined('a completely unrelated phrase (LLM)')).toEqual([]);
  });

  it('matches initials skipping glue words', () => {
    expect(matchInitials(['reinforcement', 'learning', 'from', 'human', 'feedback'], ['r', 'l', 'h', 'f'])).toHaveLength(5);
    expect(matchInitials(['of', 'experts'], ['m', 'e'])).toBeUndefined();
  });
});

describe('AcronymMiner and SynonymTable', () => {
  it('injects the acronym where its phrase occurs, at the phrase end', () => {
    const miner = new AcronymMiner();
    miner.scan('Spiking transformer networks (STNs) are efficient.');
    const table = miner.build(1);
    const s = table.inject(analyze('Efficient spiking transformer networks and large language models'));
    const injected = s.terms.filter((_, i) => s.kinds[i] === SYNONYM);
    expect(injected).toContain('stn');
    expect(injected).toContain('llm');
    const kv = table.inject(analyze('key-value cache'));
    expect(kv.positions[kv.terms.indexOf('kv')]).toBe(kv.positions[kv.terms.indexOf('valu')]);
  });

  it('needs repeated sightings in a large corpus', () => {
    const miner = new AcronymMiner();
    miner.scan('Spiking transformer networks (STNs) are efficient.');
    expect(miner.build(1_000_000).isAcronym('stn')).toBe(false);
    expect(miner.build(100).isAcronym('stn')).toBe(true);
  });
});
