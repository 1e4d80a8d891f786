/**
 * A progress bar on stderr when it is a terminal; silent otherwise (logs, CI), so that piped
 * output stays clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/** A byte-based progress bar with a label, or a no-op when stderr is not a terminal. */
export function progressBar(label: string, extra = ''): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} MB | ETA {eta}s${extra}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
  return {
    update(done, total, payload = {}) {
      if (!started) {
        bar.start(mb(total), 0, payload);
        started = true;
      }
      bar.setTotal(mb(total));
      bar.update(mb(done), payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
