/**
 * The bundled sample corpus: two years of Hugging Face Daily Papers plus the 323-paper sample,
 * loaded by `serve` on first run when the store is empty (never by other commands). Hugging Face
 * gives no arXiv categories, so the sample ships those it has from arXiv's metadata
 * (arxiv-categories.tsv.gz, built by scripts/sample-categories) and they are applied after the
 * papers, so category filters work from the first start.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { addCategoriesWhereMissing } from '../db/paper-categories.ts';
import { countPapers } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { getSetting, putSetting } from '../db/settings.ts';
import { type ImportOptions, type ImportReport, importFiles } from './import-papers.ts';

/** The files of the sample corpus under a directory, in load order (daily feed first). */
export function sampleFiles(dir: string): string[] {
  return [
    path.join(dir, 'hf-daily-papers-2024-05-27_to_2026-08-21.tar.gz'),
    path.join(dir, 'hf-papers-sample.jsonl'),
  ];
}

/** The sample's categories file in a directory. */
const CATEGORIES_FILE = 'arxiv-categories.tsv.gz';

/** Reads "ID<TAB>cat1 cat2" lines into arXiv id -> categories; nothing when the file is absent. */
export function readSampleCategories(dir: string): Map<string, string[]> {
  const file = path.join(dir, CATEGORIES_FILE);
  const out = new Map<string, string[]>();
  if (!existsSync(file)) return out;
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    const [id, cats] = line.split('\t');
    if (id && cats) out.set(id, cats.split(' ').filter(Boolean));
  }
  return out;
}

/** The setting that records the sample's load: 'loading', then 'loaded'. */
const SAMPLE_SETTING = 'sample_corpus';

/**
 * Loads the sample corpus if the store holds no paper, or finishes a load that was interrupted
 * (the process killed mid-way: the store is then no longer empty, but the load is marked as
 * begun, and importing again is an idempotent upsert). Returns the report, or undefined if skipped.
 */
export async function loadSampleIfEmpty(db: Kysely<DB>, dir: string, opts: ImportOptions = {}): Promise<(ImportReport & { categorized: number }) | undefined> {
  const state = await getSetting(db, SAMPLE_SETTING);
  if (state === 'loaded') return undefined;
  if (state !== 'loading' && (await countPapers(db)) > 0) return undefined;
  await putSetting(db, SAMPLE_SETTING, 'loading');
  const report = await importFiles(db, sampleFiles(dir), opts);
  const categorized = await addCategoriesWhereMissing(db, readSampleCategories(dir));
  await putSetting(db, SAMPLE_SETTING, 'loaded');
  return { ...report, categorized };
}
