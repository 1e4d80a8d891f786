/**
 * Ingesting Hugging Face's daily papers, one day per request and per transaction. The checkpoint
 * holds, for every range run (--since), how far that range has come, keyed by the range's first
 * day, so that a scheduled or single-day run never makes a range skip its days; and the days whose
 * answer was bad: those are retried first on the next runs rather than skipped for ever, and they
 * never block the days after them. A day that failed HF_MAX_ATTEMPTS times is given up (the run's
 * errors say so), so one broken day does not make every later run fail; `--date` reads it again.
 * A run in which a day failed ends "partial".
 */
import { isoDate, parseWindow } from '../../core/feed-window.ts';
import type { PaperInput } from '../../core/paper.ts';
import type { HfDailyClient } from '../../sources/hf-daily.ts';
import { SourceError } from '../../sources/http/source-error.ts';
import { parseRecord } from '../../sources/records.ts';
import { type IngestEnv, type RunProgress, type RunSummary, runIngest } from './runner.ts';

export const HF_SOURCE = 'hf-daily';

export interface HfCheckpoint {
  /** Range runs: the range's first day -> the last day that range has stored (YYYY-MM-DD). */
  ranges: Record<string, string>;
  /** Days whose answer could not be used; retried first next time. */
  failed: string[];
  /** Failed attempts so far of each day in `failed` (a day missing here failed once). */
  attempts?: Record<string, number>;
}

/** Failed attempts after which a day is no longer retried by later runs. */
export const HF_MAX_ATTEMPTS = 3;

const DAY_MS = 86_400_000;

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(isoDate(t));
  return out;
}

/** A stored checkpoint in the current shape (an older one kept a single "done" day for all runs: it is dropped). */
function readCheckpoint(saved: Partial<HfCheckpoint> | undefined): Required<HfCheckpoint> {
  const failed = [...(saved?.failed ?? [])];
  return { ranges: { ...(saved?.ranges ?? {}) }, failed, attempts: Object.fromEntries(failed.map((d) => [d, saved?.attempts?.[d] ?? 1])) };
}

/** Ingests every day of an ISO week (2026-W34) or a month (2026-08) up to today, day by day. */
export async function ingestHfPeriod(env: IngestEnv, client: HfDailyClient, kind: 'week' | 'month', key: string): Promise<RunSummary> {
  const { from, to } = parseWindow(kind, key);
  const today = isoDate(env.now().getTime());
  return ingestHfDaily(env, client, { dates: from > today ? [] : datesBetween(from, to < today ? to : today) }, { [kind]: key });
}

/**
 * Ingests days of the HF daily feed. With `since`, runs from that date (or from where an earlier
 * run of a range with the same first day stopped) to `until` or today; with `dates`, exactly those
 * days. `restart` ignores where the range stopped and reads it whole again.
 */
export async function ingestHfDaily(
  env: IngestEnv,
  client: HfDailyClient,
  opts: { since?: string; until?: string; dates?: string[]; restart?: boolean },
  /** What the run records as its parameters (default: opts). */
  params: unknown = opts,
): Promise<RunSummary> {
  return runIngest<HfCheckpoint>(env, HF_SOURCE, params, async (run) => {
    const saved = readCheckpoint(await run.checkpoint());
    const today = isoDate(env.now().getTime());
    const until = opts.until && opts.until < today ? opts.until : today;
    const range = opts.dates ? undefined : (opts.since ?? until);
    let days = opts.dates ?? datesBetween(range as string, until);
    // Resume: the days of this range up to the last one it completed are stored already
    // (re-reading that last day is cheap and refreshes its counts).
    if (range && opts.restart) delete saved.ranges[range];
    const reached = range ? saved.ranges[range] : undefined;
    if (reached) days = days.filter((d) => d >= reached);
    const retry = saved.failed.filter((d) => !days.includes(d));
    const failed = new Set(saved.failed);
    const { ranges, attempts } = saved;
    const state = (): HfCheckpoint => ({ ranges: { ...ranges }, failed: [...failed].sort(), attempts: { ...attempts } });
    const todo = [...retry, ...days];
    const progress = (i: number): { progress: RunProgress } => ({ progress: { done: i + 1, total: todo.length, unit: 'days' } });
    for (const [i, day] of todo.entries()) {
      run.request();
      let items: unknown[];
      try {
        items = await client.day(day);
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        run.problem('failed', `${day}: ${err.message}`);
        const n = (attempts[day] ?? 0) + 1;
        if (n >= HF_MAX_ATTEMPTS) {
          failed.delete(day);
          delete attempts[day];
          run.problem('error', `${day}: given up after ${n} failed attempts; \`ingest hf --date ${day}\` reads it again`);
        } else {
          failed.add(day);
          attempts[day] = n;
        }
        await run.commit([], state(), `${day}: failed`, progress(i));
        continue;
      }
      const papers: PaperInput[] = [];
      items.forEach((item, n) => {
        const r = parseRecord(item, { day });
        if (r.ok) papers.push(r.paper);
        else run.problem('rejected', `${day} #${n + 1}: ${r.reason}`);
      });
      failed.delete(day);
      delete attempts[day];
      const upTo = range ? ranges[range] : undefined;
      if (range && !retry.includes(day) && (!upTo || day > upTo)) ranges[range] = day;
      await run.commit(papers, state(), day, progress(i));
    }
  });
}
