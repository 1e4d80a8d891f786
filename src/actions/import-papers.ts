/**
 * Importing paper files (JSONL, Hugging Face daily_papers JSON, gzip, tar.gz) into the store:
 * records are validated, then upserted in batches, one transaction per batch, so a crash loses at
 * most the batch in flight and a re-run converges. Rejections are reported with place and reason.
 */
import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { PaperInput } from '../core/paper.ts';
import { upsertPapers, type UpsertCounts } from '../db/papers.ts';
import type { DB } from '../db/schema.ts';
import { type ReadProgress, readPaperFile } from '../sources/files.ts';

export interface Problem {
  where: string;
  reason: string;
}

export interface ImportReport extends UpsertCounts {
  /** Records read, valid or not. */
  records: number;
  rejectedCount: number;
  /** The first rejections (all are passed to onProblem as they happen). */
  rejected: Problem[];
  /** Whole files that could not be read or were not in a known format. */
  fileErrors: Problem[];
  /** Files of 0 bytes: read, with nothing in them. */
  emptyFiles: string[];
  /** Files of which nothing could be read: each gave a file error and no record. */
  unreadFiles: number;
}

/**
 * Records per transaction by default. Larger transactions write each touched index page once for
 * more rows (10,000: 30.9 s for 190k papers at 1,000, 25.7 s at 10,000; see BENCHMARKS.md), and a
 * batch of 10,000 holds a writer for about a second.
 */
export const DEFAULT_BATCH = 10_000;

export interface ImportOptions {
  /** Records per transaction (DEFAULT_BATCH). */
  batchSize?: number;
  /** Called for each rejected record or unreadable file, as it happens. */
  onProblem?: (p: Problem & { kind: 'rejected' | 'file-error' }) => void;
  /** Called for each empty file (0 bytes), which is no problem. */
  onEmpty?: (file: string) => void;
  /** Called after each batch with bytes read so far. */
  onProgress?: (progress: ReadProgress, report: ImportReport) => void;
}

const KEEP_REJECTED = 1000;

/** Why a file cannot be opened, in words (undefined: it can be read; 'empty': it holds nothing). */
async function cannotOpen(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'is a directory, not a file';
    return info.isFile() && info.size === 0 ? 'empty' : undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    return `cannot read: ${code ?? String(err)}`;
  }
}

/** Imports files in order; returns what happened. Never throws for bad content, only for store errors. */
export async function importFiles(db: Kysely<DB>, files: string[], opts: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const report: ImportReport = { records: 0, inserted: 0, updated: 0, unchanged: 0, rejectedCount: 0, rejected: [], fileErrors: [], emptyFiles: [], unreadFiles: 0 };
  const progress: ReadProgress = { bytesRead: 0, totalBytes: 0 };
  let batch: PaperInput[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const papers = batch;
    batch = [];
    const counts = await db.transaction().execute((trx) => upsertPapers(trx, papers));
    report.inserted += counts.inserted;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    opts.onProgress?.(progress, report);
  };
  for (const file of files) {
    const why = await cannotOpen(file);
    if (why === 'empty') {
      report.emptyFiles.push(file);
      opts.onEmpty?.(file);
      continue;
    }
    if (why !== undefined) {
      report.fileErrors.push({ where: file, reason: why });
      report.unreadFiles++;
      opts.onProblem?.({ kind: 'file-error', where: file, reason: why });
      continue;
    }
    const recordsBefore = report.records;
    let fileError = false;
    for await (const event of readPaperFile(file, progress)) {
      if (event.kind === 'paper') {
        report.records++;
        batch.push(event.paper);
        if (batch.length >= batchSize) await flush();
      } else if (event.kind === 'rejected') {
        report.records++;
        report.rejectedCount++;
        if (report.rejected.length < KEEP_REJECTED) report.rejected.push({ where: event.where, reason: event.reason });
        opts.onProblem?.(event);
      } else {
        fileError = true;
        report.fileErrors.push({ where: event.where, reason: event.reason });
        opts.onProblem?.(event);
      }
    }
    if (fileError && report.records === recordsBefore) report.unreadFiles++;
  }
  await flush();
  opts.onProgress?.(progress, report);
  return report;
}
