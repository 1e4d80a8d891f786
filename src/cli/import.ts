/**
 * `paperboy import FILE...`: loads JSONL, Hugging Face daily_papers JSON, .gz and .tar.gz files.
 * Each rejected record is printed with its place and reason; the exit code is 0 when everything
 * loaded, 3 when some records or files were rejected (the valid ones are still stored), 1 when no
 * file could be read at all. An empty file is said so, and is no problem.
 */
import type { Command } from 'commander';
import { DEFAULT_BATCH, importFiles } from '../actions/import-papers.ts';
import { progressBar } from './progress.ts';
import { openRuntime } from './runtime.ts';
import { intOption } from './usage.ts';

/**
 * The largest --batch: a batch of 10,000 holds the writer for about a second, so 50,000 stays
 * well inside the 10-second wait of another SQLite process.
 */
const MAX_BATCH = 50_000;

/** Registers the import command. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import papers from JSONL / JSON / .gz / .tar.gz files (upsert by id)')
    .argument('<files...>', 'files to import')
    .option('--batch <n>', 'records per transaction (1 to 50,000)', String(DEFAULT_BATCH))
    .action(async (files: string[], opts: { batch: string }) => {
      const batchSize = intOption('--batch', opts.batch, 1, MAX_BATCH);
      const rt = await openRuntime();
      const bar = progressBar('Importing', ' | {records} records');
      const started = Date.now();
      try {
        const report = await importFiles(rt.database.db, files, {
          batchSize,
          onProblem: (p) => bar.log(`${p.kind === 'file-error' ? 'skipped file' : 'rejected'} ${p.where}: ${p.reason}`),
          onEmpty: (file) => bar.log(`${file}: empty, nothing to import`),
          onProgress: (progress, r) => bar.update(progress.bytesRead, progress.totalBytes, { records: r.records }),
        });
        bar.stop();
        if (report.unreadFiles === files.length) {
          // Nothing could be read: a failure (exit 1), not an import done in part.
          const what = files.length === 1 ? 'the file could not be read' : `none of the ${files.length} files could be read`;
          process.stderr.write(`paperboy: nothing imported: ${what}\n`);
          process.exitCode = 1;
          return;
        }
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
