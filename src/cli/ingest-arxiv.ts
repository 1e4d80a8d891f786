/**
 * `paperboy ingest arxiv`: harvest arXiv by OAI-PMH (default, incremental and resumable; in the
 * arXivRaw format, with versions, or the arXiv format, with structured author names), read
 * today's announcement feed (--announced), back-fill by a search query (--query), or fetch
 * given ids (--ids), or complete papers that came without categories (--missing). Requests to
 * arXiv are spaced by at least 3 seconds whatever the flags, and whatever else runs on the store.
 */
import type { Command } from 'commander';
import { enrichFromArxiv, ingestArxivAnnouncements, ingestArxivIds, ingestArxivOai, ingestArxivQuery } from '../actions/ingest/arxiv.ts';
import { badRequest } from '../core/errors.ts';
import { isValidDate } from '../core/feed-window.ts';
import { arxivClient } from '../jobs/sources.ts';
import { cliIngestEnv, reportRun, sharedSourceOptions } from './ingest-env.ts';
import { openRuntime } from './runtime.ts';

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

/** Registers `ingest arxiv`. */
export function registerArxivIngest(ingest: Command): void {
  ingest
    .command('arxiv')
    .description('pull papers from arXiv (OAI-PMH harvest by default; resumes an interrupted harvest)')
    .option('--categories <list>', 'arXiv categories or whole archives (cs), comma-separated (default: INGEST_CATEGORIES)')
    .option('--since <date>', 'harvest records changed since this date (default: where the last harvest ended)')
    .option('--metadata-prefix <format>', 'OAI-PMH metadata format of the harvest: arXivRaw (versions and their dates) or arXiv', 'arXivRaw')
    .option('--announced', "read today's announcement feed instead of harvesting")
    .option('--query <search>', 'back-fill every result of an arXiv API search, e.g. "cat:cs.LG AND all:diffusion"')
    .option('--max <n>', 'most results for --query or papers for --missing', '1000')
    .option('--ids <list>', 'fetch these arXiv ids (comma-separated)')
    .option('--missing', 'look up papers listed in no category (e.g. from Hugging Face), newest first, and add what arXiv knows')
    .action(async (opts: { categories?: string; since?: string; metadataPrefix: string; announced?: boolean; query?: string; max: string; ids?: string; missing?: boolean }) => {
      const modes = [opts.announced, opts.query, opts.ids, opts.missing].filter(Boolean).length;
      if (modes > 1) throw badRequest('usage', 'give at most one of --announced, --query, --ids and --missing');
      const prefix = opts.metadataPrefix;
      if (prefix !== 'arXivRaw' && prefix !== 'arXiv') throw badRequest('invalid_metadata_prefix', `--metadata-prefix must be arXivRaw or arXiv, not "${prefix}"`);
      if (opts.since && !isValidDate(opts.since)) throw badRequest('invalid_date', `"${opts.since}" is not a date like 2026-08-21`);
      const rt = await openRuntime();
      try {
        const categories = (opts.categories ?? rt.config.ingestCategories).split(',').map((c) => c.trim()).filter(Boolean);
        const bad = categories.filter((c) => !CATEGORY.test(c));
        if (bad.length > 0 || categories.length === 0) throw badRequest('invalid_category', `not arXiv categories: ${bad.join(', ') || '(none)'}`);
        const env = cliIngestEnv(rt);
        const client = arxivClient(rt.config, sharedSourceOptions(rt));
        const max = Number(opts.max);
        if ((opts.query || opts.missing) && (!Number.isInteger(max) || max < 1 || max > 30_000)) throw badRequest('invalid_max', '--max must be between 1 and 30000');
        if (opts.missing) {
          const run = await enrichFromArxiv(env, client, { max });
          if (run) reportRun(run);
          else process.stdout.write('Every paper with an arXiv id already has its categories.\n');
        } else if (opts.ids) {
          reportRun(await ingestArxivIds(env, client, opts.ids.split(',').map((s) => s.trim())));
        } else if (opts.query) {
          reportRun(await ingestArxivQuery(env, client, { query: opts.query, max }));
        } else if (opts.announced) {
          reportRun(await ingestArxivAnnouncements(env, client, { categories }));
        } else {
          const runs = await ingestArxivOai(env, client, { categories, prefix, ...(opts.since ? { since: opts.since } : {}) });
          runs.forEach(reportRun);
          if (runs.some((r) => r.status === 'failed')) process.exitCode = 1;
        }
      } finally {
        await rt.close();
      }
    });
}
