// Proximity reranking of a name typed apart: a paper writing the name joined ("DeepSeek") has the
// query's words ("deep seek") side by side, as much as a paper writing them apart; a joined form
// rarer than its words apart ("FlashAttention" beside many "flash") is only another spelling.
import { describe, expect, it } from 'vitest';
import { MemoryIndex } from './index/memory-index.ts';
import { planQuery } from './query.ts';
import { proximityBonus, textPositions, titlePositions } from './rerank.ts';
import { SynonymTable } from './text/synonyms.ts';

describe('proximity of a name typed apart', () => {
  const index = new MemoryIndex(new SynonymTable());
  const papers = [
    { id: 'v3', title: 'DeepSeek-V3 Technical Report', abstract: 'DeepSeek-V3 is a mixture-of-experts model.' },
    { id: 'r1', title: 'DeepSeek-R1: Reasoning via RL', abstract: 'We train DeepSeek-R1 with reinforcement learning.' },
    { id: 'apart', title: 'Deep Seek Agents', abstract: 'Agents that seek answers.' },
    { id: 'far', title: 'Deep Research Agents that Seek Information', abstract: 'Agents for the web.' },
    { id: 'fa', title: 'FlashAttention: Fast Exact Attention', abstract: 'FlashAttention reads memory less.' },
    { id: 'fa2', title: 'FlashAttention-2', abstract: 'Faster FlashAttention.' },
    ...['storage', 'memory', 'cache', 'drives'].map((w) => ({ id: w, title: `Flash ${w} for attention`, abstract: `Flash ${w}.` })),
  ];
  for (const p of papers) index.add({ ...p, authors: [] });
  index.commit();
  const bonus = (q: string, id: string): number => {
    const plan = planQuery(q, index);
    const doc = index.docs.docOf(id)!;
    const abstract = papers.find((p) => p.id === id)!.abstract;
    return proximityBonus(plan.concepts, titlePositions(index, doc, plan.concepts, plan.joins), textPositions(index, abstract, plan.concepts, undefined, plan.joins));
  };

  it('counts a name papers write joined as its words side by side', () => {
    expect(planQuery('Deep Seek', index).joins?.map((j) => j.term)).toEqual(['deepseek']);
    expect(bonus('Deep Seek', 'v3')).toBeGreaterThan(0);
    expect(bonus('Deep Seek', 'v3')).toBe(bonus('Deep Seek', 'apart'));
    expect(bonus('Deep Seek', 'far')).toBeLessThan(bonus('Deep Seek', 'v3'));
  });

  it('leaves a joined form rarer than its words alone to scoring', () => {
    const plan = planQuery('flash attention', index);
    expect(plan.terms.some((t) => t.id === index.termId('flashattent'))).toBe(true);
    expect(plan.joins).toBeUndefined();
    expect(bonus('flash attention', 'fa2')).toBe(0);
  });
});
