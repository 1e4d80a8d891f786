// Reference baseline: SQLite FTS5 over title + abstract, OR of the quoted query words, bm25 with title weighted 2x.
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { gradesByTitle, type JudgedQuery, loadQueries, loadSample, type SamplePaper } from './dataset.ts';
import { mean, ndcgAtK } from './ndcg.ts';

/** nDCG@k of one query, with the ranking (titles) it was computed from. */
export interface QueryScore {
  query: string;
  ndcg: number;
  ranked: string[];
}

/** The FTS5 MATCH expression for a query: every whitespace-separated word quoted, joined by OR; null if none. */
export function matchExpression(query: string): string | null {
  const words = query.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length === 0 ? null : words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ');
}

/** An in-memory FTS5 index of the papers; search() returns titles, best first. */
export function createFts5Baseline(papers: readonly SamplePaper[]): { search(query: string, k: number): string[]; close(): void } {
  const db = new SQLite(':memory:');
  db.exec('CREATE VIRTUAL TABLE fts USING fts5(title, abstract)');
  const insert = db.prepare('INSERT INTO fts (title, abstract) VALUES (?, ?)');
  db.transaction(() => {
    for (const p of papers) insert.run(p.title, p.abstract);
  })();
  const select = db.prepare<[string, number], { title: string }>(
    'SELECT title FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 2.0, 1.0), rowid LIMIT ?',
  );
  return {
    search(query, k) {
      const expr = matchExpression(query);
      return expr === null ? [] : select.all(expr, k).map((r) => r.title);
    },
    close: () => db.close(),
  };
}

/** Runs every query through the baseline and scores its top k. */
export function runBaseline(queries: readonly JudgedQuery[], papers: readonly SamplePaper[], k = 10): QueryScore[] {
  const index = createFts5Baseline(papers);
  try {
    return queries.map((q) => {
      const ranked = index.search(q.query, k);
      return { query: q.query, ndcg: ndcgAtK(ranked, gradesByTitle(q), k), ranked };
    });
  } finally {
    index.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const papers = loadSample();
  const scores = runBaseline(loadQueries(papers), papers);
  for (const s of scores) console.log(`${s.ndcg.toFixed(3)}  ${s.query}`);
  console.log(`FTS5 baseline mean nDCG@10 over ${scores.length} queries: ${mean(scores.map((s) => s.ndcg)).toFixed(4)}`);
}
