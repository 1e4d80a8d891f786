/**
 * Progress on stderr when it is a terminal: a byte bar for imports, and for ingestion a bar when
 * the total is known (the days of a range, an OAI-PMH list's completeListSize) or a one-line
 * counter when it is not. Off a terminal (logs, CI) only notable lines are written, so that piped
 * output stays clean.
 */
import cliProgress from 'cli-progress';
import type { RunProgress } from '../actions/ingest/runner.ts';
import type { RunCounts } from '../db/ingest.ts';

export interface Progress {
  update(done: number, total: number, payload?: Record<string, string | number>): void;
  /** Prints a line on stderr above the bar, which carries on below it. */
  log(line: string): void;
  stop(): void;
}

/** A byte-based progress bar with a label on a terminal; off one, only the lines it logs. */
export function progressBar(label: string, extra = '', stream: ProgressStream = process.stderr): Progress {
  if (stream.isTTY !== true) return { update: () => undefined, log: (line) => void stream.write(`${line}\n`), stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: stream as NodeJS.WriteStream, format: `${label} [{bar}] {percentage}% | {value}/{total} MB | ETA {eta}s${extra}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let last = { done: 0, total: 0, payload: {} as Record<string, string | number> };
  const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
  return {
    update(done, total, payload = {}) {
      last = { done, total, payload };
      if (!started) {
        bar.start(mb(total), 0, payload);
        started = true;
      }
      bar.setTotal(mb(total));
      bar.update(mb(done), payload);
    },
    log(line) {
      if (!started) {
        stream.write(`${line}\n`);
        return;
      }
      bar.stop();
      stream.write(`${line}\n`);
      bar.start(mb(last.total), mb(last.done), last.payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** Where ingestion progress is written: stderr, or a fake terminal in tests. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

export interface IngestProgress {
  /** Shows a run's counts (and its position, when known) after a batch or a problem. */
  update(source: string, counts: RunCounts, note?: string, progress?: RunProgress): void;
  /** Ends the display, leaving the cursor at the start of a fresh line. */
  stop(): void;
  /** True when a problem was already written as it happened (off a terminal): the report leaves it out. */
  shown(note: string): boolean;
}

/** The ingestion display for a stream: bar, counter line, or plain lines off a terminal. */
export function ingestProgress(stream: ProgressStream = process.stderr): IngestProgress {
  const tty = stream.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  let barOf = '';
  let counterShown = false;
  const written = new Set<string>();
  const summary = (c: RunCounts): string =>
    `${c.requests} requests, ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.rejected} rejected`;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
    if (counterShown) stream.write('\n');
    counterShown = false;
  };
  return {
    update(source, counts, note, progress) {
      if (!tty) {
        // Routine notes (a day done, or failed: its problem was logged) stay quiet; problems and milestones are logged.
        if (note && !/^\d{4}-\d{2}-\d{2}(: failed)?$/.test(note)) {
          stream.write(`${source}: ${summary(counts)} (${note})\n`);
          written.add(note);
        }
        return;
      }
      if (progress && progress.total > 0) {
        if (!bar || barOf !== `${source} ${progress.unit}`) {
          // A counter line gives way to the bar (its note, a problem, is in the final report).
          if (counterShown) stream.write('\r\x1b[K');
          counterShown = false;
          stop();
          bar = new cliProgress.SingleBar(
            { stream: stream as NodeJS.WriteStream, format: `${source} [{bar}] {value}/{total} ${progress.unit} | {summary}`, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(progress.total, progress.done, { summary: summary(counts) });
          barOf = `${source} ${progress.unit}`;
        } else {
          bar.setTotal(progress.total);
          bar.update(progress.done, { summary: summary(counts) });
        }
        return;
      }
      if (bar) {
        bar.update({ summary: summary(counts) });
        return;
      }
      const line = `${source}: ${summary(counts)}${note ? ` (${note})` : ''}`;
      stream.write(`\r\x1b[K${line.slice(0, (stream.columns ?? 120) - 1)}`);
      counterShown = true;
    },
    stop,
    shown: (note) => written.has(note),
  };
}
