// Search relevance evaluation: nDCG@10 of Paperboy's search over the judged sample queries, beside the FTS5 baseline.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBaseline } from './baseline-fts5.ts';
import { gradesByTitle, type JudgedQuery, loadQueries, loadSample, QUERIES_PATH, readJsonl, SAMPLE_PATH } from './dataset.ts';
import { mean, ndcgAtK } from './ndcg.ts';
import { openPaperboyRun, type PaperboyRun } from './paperboy-search.ts';

const K = 10;

interface Row {
  query: string;
  paperboy: number;
  baseline: number;
  /** Top k as titles, with their grades (0 = not judged relevant). */
  top: { title: string; grade: number }[];
  /** Judged papers Paperboy did not return in its top k. */
  missed: { title: string; grade: number }[];
}

async function evaluate(queries: readonly JudgedQuery[], run: PaperboyRun, baseline: Map<string, number>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const q of queries) {
    const byTitle = gradesByTitle(q);
    const byId = new Map<string, number>();
    for (const [title, grade] of byTitle) {
      const id = run.idOf(title);
      if (id === undefined) throw new Error(`judged title not found in the store: "${title}"`);
      byId.set(id, grade);
    }
    const ids = await run.search(q.query, K);
    const top = ids.map((id) => ({ title: run.titles.get(id) ?? `<unknown id ${id}>`, grade: byId.get(id) ?? 0 }));
    const returned = new Set(ids);
    const missed = q.judgments
      .filter((j) => j.grade > 0 && !returned.has(run.idOf(j.title) ?? ''))
      .sort((a, b) => b.grade - a.grade);
    rows.push({ query: q.query, paperboy: ndcgAtK(ids, byId, K), baseline: baseline.get(q.query) ?? 0, top, missed });
  }
  return rows;
}

function printText(rows: readonly Row[], verbose: boolean, queryFile: string): void {
  const f = (x: number): string => x.toFixed(3);
  console.log(`nDCG@${K}  paperboy  fts5   diff    query`);
  for (const r of rows) {
    const diff = r.paperboy - r.baseline;
    console.log(`         ${f(r.paperboy)}     ${f(r.baseline)}  ${diff >= 0 ? '+' : ''}${f(diff)}  ${r.query}`);
    if (!verbose) continue;
    r.top.forEach((t, i) => console.log(`      ${String(i + 1).padStart(2)}. [${t.grade || ' '}] ${t.title}`));
    if (r.top.length === 0) console.log('      (no results)');
    for (const m of r.missed) console.log(`      missed [${m.grade}] ${m.title}`);
  }
  console.log(`\nmean nDCG@${K} over ${rows.length} queries (${queryFile}):`);
  console.log(`  Paperboy search:  ${mean(rows.map((r) => r.paperboy)).toFixed(4)}`);
  console.log(`  FTS5 baseline:    ${mean(rows.map((r) => r.baseline)).toFixed(4)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { verbose: { type: 'boolean', short: 'v' }, json: { type: 'boolean' }, queries: { type: 'string' }, 'words-only': { type: 'boolean' } },
  });
  // --queries FILE: another judged set in the queries.json format (e.g. heldout.json), relative to the working directory.
  const queryFile = values.queries === undefined ? QUERIES_PATH : path.resolve(values.queries);
  const sample = loadSample();
  const queries = loadQueries(sample, queryFile);
  const baseline = new Map(runBaseline(queries, sample, K).map((s) => [s.query, s.ndcg]));
  const run = await openPaperboyRun(readJsonl(SAMPLE_PATH), { wordsOnly: values['words-only'] ?? false });
  let rows: Row[];
  try {
    rows = await evaluate(queries, run, baseline);
  } finally {
    await run.close();
  }
  if (values.json) {
    const summary = {
      metric: `ndcg@${K}`,
      queryFile: path.relative(process.cwd(), queryFile),
      queries: rows.length,
      papers: sample.length,
      paperboy: mean(rows.map((r) => r.paperboy)),
      baseline: mean(rows.map((r) => r.baseline)),
      perQuery: rows.map((r) => ({
        query: r.query,
        paperboy: r.paperboy,
        baseline: r.baseline,
        ...(values.verbose ? { top: r.top, missed: r.missed } : {}),
      })),
    };
    console.log(JSON.stringify(summary, null, 2));
  } else {
    printText(rows, values.verbose ?? false, path.relative(process.cwd(), queryFile));
  }
}

await main();
