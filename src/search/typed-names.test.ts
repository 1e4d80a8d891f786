// Searches for things by name, as researchers type them: a paper's exact title (even one with
// "Not" in it), a model and its version ("deepseek r1", "llama3"), a name written apart that
// papers write as one ("flash attention"), and a person's full name. Every dialect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { paperInput, storePapers } from '../../test/papers.ts';
import { createPaperSearch, type PaperSearch } from './index.ts';

const PAPERS = [
  paperInput({ id: 'not-title', title: 'LLMs Do Not Think Step-by-step in Implicit Reasoning', abstract: 'We probe hidden states for intermediate results of multi-step arithmetic.' }),
  paperInput({ id: 'llm-reasoning', title: 'Large Language Models for Implicit Reasoning', abstract: 'LLMs think step by step in implicit reasoning; we study how LLMs reason.' }),
  paperInput({ id: 'short-title', title: 'Attention Residuals', abstract: 'Residual connections between attention layers.' }),
  paperInput({ id: 'longer-title', title: 'Delta Attention Residuals for Attention Residuals Scaling', abstract: 'Attention residuals, attention residuals and residual attention everywhere.' }),
  paperInput({ id: 'r1', title: 'DeepSeek-R1: Incentivizing Reasoning via Reinforcement Learning', abstract: 'A reasoning model trained with large-scale RL.' }),
  paperInput({ id: 'deep-seeking', title: 'Deep Research Agents that Seek Information', abstract: 'Agents seek information deep in the web; r and 1 are letters and digits.' }),
  paperInput({ id: 'llama3', title: 'The Llama 3 Herd of Models', abstract: 'A new family of foundation models.' }),
  paperInput({ id: 'llama2', title: 'Llama 2: Open Foundation Models', abstract: 'Llama models, fine-tuned for chat; 3 sizes.' }),
  paperInput({ id: 'flashattention', title: 'FlashAttention-2: Faster Attention with Better Parallelism', abstract: 'FlashAttention computes exact attention with fewer memory reads.' }),
  paperInput({ id: 'flashattention-3', title: 'FlashAttention-3: Asynchrony and Low Precision', abstract: 'FlashAttention on Hopper GPUs.' }),
  paperInput({ id: 'flash-storage', title: 'Flash Storage for Attention Caches', abstract: 'Flash memory holds the attention cache of a flash-based serving system.' }),
  paperInput({ id: 'by-song-han', title: 'Efficient Streaming Language Models with Attention Sinks', abstract: 'Streaming deployment of language models.', authors: ['Guangxuan Xiao', 'Song Han'] }),
  paperInput({ id: 'song-gen', title: 'Song Generation from Lyrics', abstract: 'We generate a song from lyrics in the style of Han dynasty poems.', authors: ['Ada Lovelace'] }),
  paperInput({ id: 'diffusion-video', title: 'Video Diffusion Models', abstract: 'Diffusion models for video generation.' }),
  paperInput({ id: 'diffusion-image', title: 'Image Diffusion Models', abstract: 'Diffusion models for image generation.' }),
];

describe.each(DIALECTS)('searching by name (%s)', (dialect) => {
  let t: TestDatabase;
  let search: PaperSearch;
  const ids = async (q: string, limit = 10): Promise<string[]> => (await search.search(q, { limit, offset: 0 })).hits.map((h) => h.id);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await storePapers(t.db, PAPERS);
    search = createPaperSearch(t.db);
    await search.sync();
  });
  afterAll(async () => t.drop());

  it('puts the paper whose whole title the query is first, however it is typed', async () => {
    // "Not" would otherwise read as "leave the rest out".
    expect((await ids('LLMs Do Not Think Step-by-step in Implicit Reasoning'))[0]).toBe('not-title');
    expect((await ids('llms do not think step-by-step in implicit reasoning.'))[0]).toBe('not-title');
    expect((await ids('Attention Residuals'))[0]).toBe('short-title');
    expect((await ids('attention residual'))[0]).toBe('short-title');
    // Part of a title is an ordinary search.
    expect((await ids('Do Not Think Step-by-step'))[0]).not.toBe(undefined);
    const page = await search.search('Attention Residuals', { limit: 10, offset: 0 });
    for (let i = 1; i < page.hits.length; i++) expect(page.hits[i]!.score).toBeLessThanOrEqual(page.hits[i - 1]!.score);
    // Within a scope, only if the paper is in it.
    expect((await search.search('Attention Residuals', { limit: 5, offset: 0, within: ['longer-title'] })).hits.map((h) => h.id)).toEqual(['longer-title']);
  });

  it('finds a model by its name and version typed apart, together or hyphenated', async () => {
    for (const q of ['deepseek r1', 'DeepSeek-R1', 'r1']) expect((await ids(q))[0], q).toBe('r1');
    for (const q of ['llama3', 'Llama 3', 'llama-3']) expect((await ids(q))[0], q).toBe('llama3');
  });

  it('finds a name papers write as one word when it is typed as two', async () => {
    const r = await ids('flash attention');
    expect(r.slice(0, 3).sort()).toEqual(['flash-storage', 'flashattention', 'flashattention-3']);
  });

  it("puts a person's papers first for their full name", async () => {
    expect((await ids('Song Han'))[0]).toBe('by-song-han');
    expect((await ids('song han'))[0]).toBe('by-song-han');
    // One of the words alone is still a word.
    expect((await ids('song'))[0]).toBe('song-gen');
  });

  it('suggests the query with its misspelled words corrected', async () => {
    expect(search.suggest('atention models')).toBe('attention models');
    expect(search.suggest('Atention Modles for resoning')).toBe('Attention Models for reasoning');
    // Words papers have, words no common word is near, short words and long pastes are left alone.
    expect(search.suggest('attention models')).toBeUndefined();
    expect(search.suggest('zzzz qqq')).toBeUndefined();
    expect(search.suggest('modl')).toBe('model');
    expect(search.suggest('atention')).toBe('attention');
    expect(search.suggest(`atention ${'x'.repeat(400)}`)).toBeUndefined();
  });

  it('leaves out a word typed with a minus in front', async () => {
    const r = await ids('diffusion models -video');
    expect(r[0]).toBe('diffusion-image');
    expect(r).not.toContain('diffusion-video');
    expect((await search.search('diffusion -video', { limit: 10, offset: 0 })).total).toBe(1);
  });
});
