/**
 * Ingesting Hugging Face's daily papers, one day per request and per transaction. The checkpoint
 * holds the last day completed and the days whose answer was bad: those are retried first on the
 * next run rather than skipped for ever, and they never block the days after them.
 */
import { isoDate } from '../../core/feed-window.ts';
import type { PaperInput } from '../../core/paper.ts';
import type { HfDailyClient } from '../../sources/hf-daily.ts';
import { SourceError } from '../../sources/http/source-error.ts';
import { parseRecord } from '../../sources/records.ts';
import { type IngestEnv, type RunSummary, runIngest } from './runner.ts';

export const HF_SOURCE = 'hf-daily';

export interface HfCheckpoint {
  /** Last day fully stored, YYYY-MM-DD. */
  done: string | null;
  /** Days whose answer could not be used; retried first next time. */
  failed: string[];
}

const DAY_MS = 86_400_000;

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(isoDate(t));
  return out;
}

/** Ingests a whole week or month of the HF feed in one request (no checkpoint: it is one step). */
export async function ingestHfPeriod(env: IngestEnv, client: HfDailyClient, kind: 'week' | 'month', key: string): Promise<RunSummary> {
  return runIngest<HfCheckpoint>(env, HF_SOURCE, { [kind]: key }, async (run) => {
    const saved = (await run.checkpoint()) ?? { done: null, failed: [] };
    run.request();
    const papers: PaperInput[] = [];
    (await client.period(kind, key)).forEach((item, i) => {
      const r = parseRecord(item);
      if (r.ok) papers.push(r.paper);
      else run.problem('rejected', `${key} #${i + 1}: ${r.reason}`);
    });
    await run.commit(papers, saved, key);
  });
}

/**
 * Ingests days of the HF daily feed. With `since`, runs from that date (or from where an earlier
 * run of the same range stopped) to `until` or today; with `dates`, exactly those days. `restart` ignores
 * the checkpoint.
 */
export async function ingestHfDaily(
  env: IngestEnv,
  client: HfDailyClient,
  opts: { since?: string; until?: string; dates?: string[]; restart?: boolean },
): Promise<RunSummary> {
  return runIngest<HfCheckpoint>(env, HF_SOURCE, opts, async (run) => {
    const saved = (opts.restart ? undefined : await run.checkpoint()) ?? { done: null, failed: [] };
    const today = isoDate(env.now().getTime());
    const until = opts.until && opts.until < today ? opts.until : today;
    let days = opts.dates ?? datesBetween(opts.since ?? until, until);
    // Resume: days up to the last one completed were stored already (re-reading the last is cheap
    // and refreshes its counts).
    if (!opts.dates && saved.done && opts.since && saved.done >= opts.since) days = days.filter((d) => d >= (saved.done as string));
    const retry = saved.failed.filter((d) => !days.includes(d));
    const failed = new Set(saved.failed);
    let done = saved.done;
    for (const day of [...retry, ...days]) {
      run.request();
      let items: unknown[];
      try {
        items = await client.day(day);
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        run.problem('error', `${day}: ${err.message}`);
        failed.add(day);
        await run.commit([], { done, failed: [...failed].sort() }, `${day}: failed`);
        continue;
      }
      const papers: PaperInput[] = [];
      items.forEach((item, i) => {
        const r = parseRecord(item);
        if (r.ok) papers.push({ ...r.paper, feedDate: r.paper.feedDate ?? day });
        else run.problem('rejected', `${day} #${i + 1}: ${r.reason}`);
      });
      failed.delete(day);
      if (!retry.includes(day) && (!done || day > done)) done = day;
      await run.commit(papers, { done, failed: [...failed].sort() }, day);
    }
  });
}
