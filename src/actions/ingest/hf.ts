/**
 * Ingesting Hugging Face's daily papers, one day per request and per transaction. The checkpoint
 * holds, for every range run (--since), how far that range has come, keyed by the range's first
 * day, so that a scheduled or single-day run never makes a range skip its days; and the days whose
 * answer was bad: those are retried first on the next runs rather than skipped for ever, and they
 * never block the days after them. A day that failed HF_MAX_ATTEMPTS times is given up (the run's
 * errors say so), so one broken day does not make every later run fail; `--date` reads it again.
 * A run in which a day failed ends "partial". Scheduled runs keep where they stand in the
 * checkpoint too (see hf-schedule.ts).
 */
import { isoDate, parseWindow } from '../../core/feed-window.ts';
import type { PaperInput } from '../../core/paper.ts';
import type { HfDailyClient } from '../../sources/hf-daily.ts';
import { SourceError } from '../../sources/http/source-error.ts';
import { parseRecord } from '../../sources/records.ts';
import { type HfSchedule, scheduledDays } from './hf-schedule.ts';
import { type IngestEnv, type RunProgress, type RunSummary, runIngest } from './runner.ts';

export const HF_SOURCE = 'hf-daily';

export interface HfCheckpoint {
  /** Range runs: the range's first day -> the last day that range has stored (YYYY-MM-DD). */
  ranges: Record<string, string>;
  /** Days whose answer could not be used; retried first next time. */
  failed: string[];
  /** Failed attempts so far of each day in `failed` (a day missing here failed once). */
  attempts?: Record<string, number>;
  /** Where scheduled runs stand: the days they read follow from it. */
  schedule?: HfSchedule;
}

/** Failed attempts after which a day is no longer retried by later runs. */
export const HF_MAX_ATTEMPTS = 3;

/**
 * A run stops after this many days in a row without any answer (each already tried again
 * briefly): the source is unreachable. A scheduled run's days left are read by the next scheduled
 * run; those of a range or of named days, by running the same command again.
 */
export const HF_UNREACHABLE_STOP = 2;

const DAY_MS = 86_400_000;

/** Days without papers named in a run's notes. */
const MAX_EMPTY_LISTED = 5;

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(isoDate(t));
  return out;
}

/** A stored checkpoint in the current shape (an older one kept a single "done" day for all runs: it is dropped). */
function readCheckpoint(saved: Partial<HfCheckpoint> | undefined): HfCheckpoint & { attempts: Record<string, number> } {
  const failed = [...(saved?.failed ?? [])];
  return {
    ranges: { ...(saved?.ranges ?? {}) },
    failed,
    attempts: Object.fromEntries(failed.map((d) => [d, saved?.attempts?.[d] ?? 1])),
    ...(saved?.schedule ? { schedule: { ...saved.schedule } } : {}),
  };
}

/**
 * The scheduled run: the days scheduledDays gives for the checkpoint's schedule, which then moves
 * to the latest day stored (and to today's refresh once the past week was read without a failure).
 * Returns the run and the days it read.
 */
export async function ingestHfScheduled(env: IngestEnv, client: HfDailyClient): Promise<{ run: RunSummary; days: string[] }> {
  let days: string[] = [];
  const run = await ingestHfDaily(env, client, { scheduled: (planned) => (days = planned) }, { scheduled: true });
  return { run, days };
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
 * days; with `scheduled`, the days of the schedule (see ingestHfScheduled), told to that callback.
 * `restart` ignores where the range stopped and reads it whole again.
 */
export async function ingestHfDaily(
  env: IngestEnv,
  client: HfDailyClient,
  opts: { since?: string; until?: string; dates?: string[]; restart?: boolean; scheduled?: (days: string[]) => void },
  /** What the run records as its parameters (default: opts). */
  params: unknown = opts,
): Promise<RunSummary> {
  /** Days Hugging Face answered with no paper (a weekend, a quiet day): the report names them. */
  const empty: string[] = [];
  const summary = await runIngest<HfCheckpoint>(env, HF_SOURCE, params, async (run) => {
    const saved = readCheckpoint(await run.checkpoint());
    const today = isoDate(env.now().getTime());
    const until = opts.until && opts.until < today ? opts.until : today;
    const plan = opts.scheduled ? scheduledDays(saved.schedule, today) : undefined;
    if (plan) opts.scheduled?.(plan.days);
    const range = opts.dates || plan ? undefined : (opts.since ?? until);
    let days = plan?.days ?? opts.dates ?? datesBetween(range as string, until);
    // Resume: the days of this range up to the last one it completed are stored already
    // (re-reading that last day is cheap and refreshes its counts).
    if (range && opts.restart) delete saved.ranges[range];
    const reached = range ? saved.ranges[range] : undefined;
    if (reached) days = days.filter((d) => d >= reached);
    // Days asked for by name (--date, --week, --month) are all such a run reads: older failed days
    // wait for the next range or scheduled run.
    const retry = opts.dates ? [] : saved.failed.filter((d) => !days.includes(d));
    const failed = new Set(saved.failed);
    const { ranges, attempts } = saved;
    let schedule = saved.schedule;
    /** Set when one of the run's own days (not an older one retried) failed. */
    let dayFailed = false;
    const state = (): HfCheckpoint => ({ ranges: { ...ranges }, failed: [...failed].sort(), attempts: { ...attempts }, ...(schedule ? { schedule: { ...schedule } } : {}) });
    const todo = [...retry, ...days];
    const progress = (i: number): { progress: RunProgress } => ({ progress: { done: i + 1, total: todo.length, unit: 'days' } });
    /** Days in a row that got no answer at all (a wrong base URL, no network). */
    let unreachable = 0;
    for (const [i, day] of todo.entries()) {
      if (unreachable >= HF_UNREACHABLE_STOP) {
        const left = todo.length - i;
        const count = left === 1 ? '1 day' : `${left} days`;
        const then = plan ? `${count} left, which the next scheduled run reads` : `${count} left: run the same command again to read ${left === 1 ? 'it' : 'them'}`;
        run.problem('error', `stopped: Hugging Face could not be reached for ${unreachable} days in a row (check HF_BASE_URL and the network); ${then}`);
        break;
      }
      run.request();
      let items: unknown[];
      try {
        items = await client.day(day);
        unreachable = 0;
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        unreachable = err.status === undefined ? unreachable + 1 : 0;
        run.problem('failed', `${day}: ${err.message}`);
        if (days.includes(day)) dayFailed = true;
        const n = (attempts[day] ?? 0) + 1;
        if (n >= HF_MAX_ATTEMPTS) {
          failed.delete(day);
          delete attempts[day];
          run.problem('error', `${day}: given up after ${n} failed attempts; later runs no longer retry it, \`npx paperboy ingest hf --date ${day}\` reads it again`);
        } else {
          failed.add(day);
          attempts[day] = n;
        }
        await run.commit([], state(), `${day}: failed`, progress(i));
        continue;
      }
      if (items.length === 0) empty.push(day);
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
      if (plan && (!schedule || day > schedule.reached)) schedule = { reached: day, refreshed: schedule?.refreshed ?? null };
      await run.commit(papers, state(), day, progress(i));
    }
    // The day's refresh is done once every day of it was read; otherwise the next run does it again.
    if (plan?.refresh && schedule && !dayFailed) {
      schedule = { ...schedule, refreshed: today };
      await run.commit([], state(), `refreshed the days up to ${today}`);
    }
  });
  if (empty.length === 0) return summary;
  const listed = empty.length > MAX_EMPTY_LISTED ? `${empty.slice(0, MAX_EMPTY_LISTED).join(', ')} and ${empty.length - MAX_EMPTY_LISTED} more days` : empty.join(', ');
  return { ...summary, notes: [`no papers listed for ${listed}`] };
}
