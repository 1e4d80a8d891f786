/**
 * Importing paper files (JSONL, Hugging Face daily_papers JSON, gzip, tar.gz) into the store:
 * records are validated, then upserted in batches, one transaction per batch, so a crash loses at
 * most the batch in flight and a re-run converges. Rejections are reported with place and reason.
 */
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
  /** Called after each batch with bytes read so far. */
  onProgress?: (progress: ReadProgress, report: ImportReport) => void;
}

const KEEP_REJECTED = 1000;

/** Imports files in order; returns what happened. Never throws for bad content, only for store errors. */
export async function importFiles(db: Kysely<DB>, files: string[], opts: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const report: ImportReport = { records: 0, inserted: 0, updated: 0, unchanged: 0, rejectedCount: 0, rejected: [], fileErrors: [] };
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
        report.fileErrors.push({ where: event.where, reason: event.reason });
        opts.onProblem?.(event);
      }
    }
  }
  await flush();
  opts.onProgress?.(progress, report);
  return report;
}
