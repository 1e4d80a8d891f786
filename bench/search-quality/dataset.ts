// Loads the bundled sample corpus and the judged query set, checking every judged title is in the corpus.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const SAMPLE_PATH = fileURLToPath(new URL('../../data/sample/hf-papers-sample.jsonl', import.meta.url));
export const QUERIES_PATH = fileURLToPath(new URL('./queries.json', import.meta.url));

/** What the evaluation needs of a sample paper. */
export interface SamplePaper {
  title: string;
  abstract: string;
}

/** One query with its graded judgments (2 = highly relevant, 1 = partially relevant). */
export interface JudgedQuery {
  query: string;
  judgments: { title: string; grade: number }[];
}

const queryFile = z.array(
  z.object({
    query: z.string().min(1),
    judgments: z.array(z.object({ title: z.string().min(1), grade: z.number().int().min(0).max(3) })).min(1),
  }),
);

/** Every line of a JSONL file, parsed. */
export function readJsonl(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** The sample papers' titles and abstracts, in file order. */
export function loadSample(path = SAMPLE_PATH): SamplePaper[] {
  const record = z.object({ title: z.string(), abstract: z.string().default('') });
  return readJsonl(path).map((r) => record.parse(r));
}

/** The judged queries; throws when a judged title is not exactly a sample title, or a query is repeated. */
export function loadQueries(sample: readonly SamplePaper[], path = QUERIES_PATH): JudgedQuery[] {
  const queries = queryFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  const titles = new Set(sample.map((p) => p.title));
  const seen = new Set<string>();
  for (const q of queries) {
    if (seen.has(q.query)) throw new Error(`query judged twice: "${q.query}"`);
    seen.add(q.query);
    if (!q.judgments.some((j) => j.grade > 0)) throw new Error(`query "${q.query}" has no relevant paper`);
    const unknown = q.judgments.filter((j) => !titles.has(j.title)).map((j) => j.title);
    if (unknown.length > 0) throw new Error(`query "${q.query}" judges titles not in the sample: ${unknown.join(' | ')}`);
  }
  return queries;
}

/** The judgments of a query keyed by title. */
export function gradesByTitle(q: JudgedQuery): Map<string, number> {
  return new Map(q.judgments.map((j) => [j.title, j.grade]));
}
