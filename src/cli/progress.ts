/**
 * A progress bar on stderr when it is a terminal; silent otherwise (logs, CI), so that piped
 * output stays clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, payload?: Record<string, string | number>): void;
  /** Prints a line on stderr above the bar, which carries on below it. */
  log(line: string): void;
  stop(): void;
}

/** A byte-based progress bar with a label, or a no-op when stderr is not a terminal. */
export function progressBar(label: string, extra = ''): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, log: (line) => void process.stderr.write(`${line}\n`), stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} MB | ETA {eta}s${extra}`, hideCursor: true },
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
        process.stderr.write(`${line}\n`);
        return;
      }
      bar.stop();
      process.stderr.write(`${line}\n`);
      bar.start(mb(last.total), mb(last.done), last.payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
