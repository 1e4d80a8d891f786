/**
 * The bundled sample corpus: two years of Hugging Face Daily Papers plus the 323-paper sample,
 * loaded by `serve` on first run when the store is empty (never by other commands).
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { countPapers } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { type ImportOptions, type ImportReport, importFiles } from './import-papers.ts';

/** The files of the sample corpus under a directory, in load order (daily feed first). */
export function sampleFiles(dir: string): string[] {
  return [
    path.join(dir, 'hf-daily-papers-2024-05-27_to_2026-08-21.tar.gz'),
    path.join(dir, 'hf-papers-sample.jsonl'),
  ];
}

/** Loads the sample corpus if the store holds no paper; returns the report, or undefined if skipped. */
export async function loadSampleIfEmpty(db: Kysely<DB>, dir: string, opts: ImportOptions = {}): Promise<ImportReport | undefined> {
  if ((await countPapers(db)) > 0) return undefined;
  return importFiles(db, sampleFiles(dir), opts);
}
