/**
 * `paperboy import FILE...`: loads JSONL, Hugging Face daily_papers JSON, .gz and .tar.gz files.
 * Each rejected record is printed with its place and reason; the exit code is 0 when everything
 * loaded, 3 when some records or files were rejected (the valid ones are still stored).
 */
import type { Command } from 'commander';
import { DEFAULT_BATCH, importFiles } from '../actions/import-papers.ts';
import { progressBar } from './progress.ts';
import { openRuntime } from './runtime.ts';

/** Registers the import command. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import papers from JSONL / JSON / .gz / .tar.gz files (upsert by id)')
    .argument('<files...>', 'files to import')
    .option('--batch <n>', 'records per transaction', String(DEFAULT_BATCH))
    .action(async (files: string[], opts: { batch: string }) => {
      const rt = await openRuntime();
      const bar = progressBar('Importing', ' | {records} records');
      const started = Date.now();
      try {
        const report = await importFiles(rt.database.db, files, {
          batchSize: Math.max(1, Number(opts.batch) || DEFAULT_BATCH),
          onProblem: (p) => bar.log(`${p.kind === 'file-error' ? 'skipped file' : 'rejected'} ${p.where}: ${p.reason}`),
          onProgress: (progress, r) => bar.update(progress.bytesRead, progress.totalBytes, { records: r.records }),
        });
        bar.stop();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `${report.records} records in ${seconds}s: ${report.inserted} new, ${report.updated} updated, ` +
            `${report.unchanged} unchanged, ${report.rejectedCount} rejected` +
            (report.fileErrors.length ? `, ${report.fileErrors.length} file(s) skipped` : '') +
            '\n',
        );
        if (report.rejectedCount > 0 || report.fileErrors.length > 0) process.exitCode = 3;
      } finally {
        bar.stop();
        await rt.close();
      }
    });
}
