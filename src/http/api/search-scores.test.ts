// Search scores over pages: the best matches are reranked (by proximity and meaning) and the rest
// keep the first stage's order, yet the scores read in order never rise, across page boundaries too.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RERANK_DEPTH } from '../../search/ranking.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

// The bundled sample's real titles and abstracts: enough papers on language models to page past the rerank.
const corpus = readFileSync(new URL('../../../data/sample/hf-papers-sample.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line, i) => {
    const { title, abstract } = JSON.parse(line) as { title: string; abstract: string };
    return paperInput({ id: `2608.${String(20000 + i)}`, title, abstract, feedDate: '2026-08-21' });
  });

describe.each(DIALECTS)('search scores (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, corpus);
  });
  afterAll(async () => t.close());

  const page = async (q: string, offset: number, limit: number): Promise<{ id: string; score: number }[]> => {
    const res = await t.app.request(`/api/papers/search?q=${encodeURIComponent(q)}&limit=${limit}&offset=${offset}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { paper: { id: string }; score: number }[]).map((i) => ({ id: i.paper.id, score: i.score }));
  };

  it.each(['efficient inference of large language models on consumer GPUs', 'quantization memory', 'diffusion image generation'])('never rise in order across pages spanning the rerank: %s', async (q) => {
    const pages = [...(await page(q, 0, 40)), ...(await page(q, 40, 20)), ...(await page(q, 60, 20))];
    expect(pages.length).toBeGreaterThan(RERANK_DEPTH + 5);
    const rises = pages.flatMap((r, i) => (i > 0 && r.score > pages[i - 1]!.score ? [`${i}: ${pages[i - 1]!.score} -> ${r.score}`] : []));
    expect(rises).toEqual([]);
    // The same order as one long page: the ranking itself is as it was.
    expect(pages.map((r) => r.id)).toEqual((await page(q, 0, 80)).map((r) => r.id));
  });
});
