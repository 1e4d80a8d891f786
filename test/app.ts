/**
 * A small, realistic corpus for page and browser tests: a few days of papers with a gap day,
 * an old-style arXiv id, LaTeX titles and one paper whose every text field is an XSS payload.
 * Dates sit around the test clock (2026-08-21), so `/` shows 2026-08-21.
 */
import type { PaperInput } from '../src/core/paper.ts';
import { paperInput } from './papers.ts';

/** The payloads the hostile paper carries, for asserting they come out as text. */
export const XSS = {
  title: '<img src=x onerror="window.__xss=1">Evil <script>window.__xss=2</script> title',
  abstract: 'Bold <b>claims</b> and $<img src=x onerror="window.__xss=3">$ math.',
  author: '<script>window.__xss=4</script>Mallory',
  organization: '<i onmouseover="window.__xss=5">Evil Org</i>',
};

/** The corpus: ids 2608.00101-00105, hep-th/9901001 and 2607.00101. */
export function pageCorpus(): PaperInput[] {
  return [
    paperInput({
      id: '2608.00101',
      title: 'Speculative Decoding at Scale: Drafting Tokens for Large Language Models',
      abstract:
        'Speculative decoding drafts tokens with a small language model and verifies them with a large one.\n\nWe show speculative decoding speeds up large language model inference threefold.',
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
      authorsCount: 5,
      organization: 'NVIDIA',
      publishedOn: '2026-08-19',
      feedDate: '2026-08-21',
      upvotes: 42,
      comments: 3,
      categories: ['cs.CL', 'cs.LG'],
      githubRepo: 'https://github.com/example/spec-decode',
      projectPage: 'https://example.org/spec-decode',
    }),
    paperInput({
      id: '2608.00102',
      title: 'MERGE$^3$: Efficient Evolutionary Merging on Consumer-grade GPUs',
      abstract: 'Evolutionary model merging of large language models on consumer GPUs, with $\\mathcal{O}(n)$ cost.',
      organization: 'Sapienza University',
      feedDate: '2026-08-21',
      upvotes: 17,
      categories: ['cs.LG'],
    }),
    paperInput({
      id: '2608.00103',
      title: 'Policy Learning with $\\pi_{RL}$ for Robot Manipulation',
      abstract: 'Reinforcement learning of robot policies, drafting actions like speculative decoding drafts tokens.',
      feedDate: '2026-08-21',
      upvotes: 8,
      comments: 1,
      categories: ['cs.RO'],
    }),
    paperInput({
      id: 'hep-th/9901001',
      arxivId: 'hep-th/9901001',
      title: 'Strings on Old-Style Identifiers',
      abstract: 'A classic paper about string theory, language and large models of the universe.',
      publishedOn: '1999-01-01',
      feedDate: '2026-08-19',
      upvotes: 5,
    }),
    paperInput({
      id: '2608.00105',
      title: XSS.title,
      abstract: XSS.abstract,
      authors: [XSS.author, 'Eve'],
      authorsCount: 2,
      organization: XSS.organization,
      feedDate: '2026-08-19',
      upvotes: 2,
    }),
    paperInput({ id: '2607.00101', title: 'A July Paper on Language Models', feedDate: '2026-07-30', upvotes: 100 }),
  ];
}
