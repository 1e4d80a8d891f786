// Related-papers quality: for each paper judged highly relevant to a query, the other papers
// judged relevant to that query (any judged set) are its related papers; nDCG@5 of Paperboy's
// five related papers against them, with and without ranking by meaning.
import { parseArgs } from 'node:util';
import { loadQueries, loadSample, QUERIES_PATH, readJsonl, SAMPLE_PATH } from './dataset.ts';
import { mean, ndcgAtK } from './ndcg.ts';
import { openPaperboyRun, type PaperboyRun } from './paperboy-search.ts';

const K = 5;
const HELDOUT_PATH = new URL('./heldout.json', import.meta.url).pathname;

/** Paper id -> the papers judged relevant beside it (best grade over all queries). */
function relatedJudgments(run: PaperboyRun, files: string[]): Map<string, Map<string, number>> {
  const sample = loadSample();
  const out = new Map<string, Map<string, number>>();
  for (const file of files) {
    for (const q of loadQueries(sample, file)) {
      const judged = q.judgments.map((j) => [run.idOf(j.title)!, j.grade] as const);
      for (const [a, gradeA] of judged) {
        if (gradeA < 2) continue;
        const m = out.get(a) ?? new Map<string, number>();
        for (const [b, gradeB] of judged) if (b !== a && gradeB > 0) m.set(b, Math.max(m.get(b) ?? 0, gradeB));
        if (m.size > 0) out.set(a, m);
      }
    }
  }
  return out;
}

async function score(wordsOnly: boolean): Promise<{ papers: number; ndcg: number }> {
  const run = await openPaperboyRun(readJsonl(SAMPLE_PATH), { wordsOnly });
  try {
    const judged = relatedJudgments(run, [QUERIES_PATH, HELDOUT_PATH]);
    const scores: number[] = [];
    for (const [id, grades] of judged) scores.push(ndcgAtK(await run.related(id, K), grades, K));
    return { papers: scores.length, ndcg: mean(scores) };
  } finally {
    await run.close();
  }
}

const { values } = parseArgs({ options: { json: { type: 'boolean' } } });
const words = await score(true);
const meaning = await score(false);
if (values.json) console.log(JSON.stringify({ metric: `ndcg@${K}`, papers: words.papers, wordsOnly: words.ndcg, withMeaning: meaning.ndcg }));
else {
  console.log(`related papers, nDCG@${K} over ${words.papers} papers:`);
  console.log(`  words only:          ${words.ndcg.toFixed(4)}`);
  console.log(`  words, then meaning: ${meaning.ndcg.toFixed(4)}`);
}
