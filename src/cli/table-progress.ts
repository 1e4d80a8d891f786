/**
 * A copy's progress on stderr: on a terminal one bar per table, rows done out of its rows, each
 * left on its own line when the next table starts. Off a terminal nothing is written; the summary
 * the command prints at the end says what was copied.
 */
import cliProgress from 'cli-progress';
import type { ProgressStream } from './progress.ts';

export interface TableProgress {
  update(p: { table: string; done: number; total: number }): void;
  stop(): void;
}

/** Per-table row bars on a terminal, silence elsewhere. */
export function tableProgress(stream: ProgressStream = process.stderr): TableProgress {
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update({ table, done, total }) {
      if (!bar || table !== current) {
        stop();
        current = table;
        bar = new cliProgress.SingleBar(
          { stream: stream as NodeJS.WriteStream, format: `${table.padEnd(20)} [{bar}] {value}/{total} rows`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop,
  };
}
