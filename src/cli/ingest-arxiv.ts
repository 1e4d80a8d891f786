/**
 * `paperboy ingest arxiv`: harvest arXiv by OAI-PMH (default, incremental and resumable; in the
 * arXivRaw format, with versions, or the arXiv format, with structured author names), read
 * today's announcement feed (--announced), back-fill by a search query (--query), or fetch
 * given ids (--ids), or complete papers that came without categories (--missing). Requests to
 * arXiv are spaced by at least 3 seconds whatever the flags, and whatever else runs on the store.
 */
import type { Command } from 'commander';
import { enrichFromArxiv, ingestArxivAnnouncements, ingestArxivIds, ingestArxivOai, ingestArxivQuery } from '../actions/ingest/arxiv.ts';
import { unknownCategoriesMessage } from '../core/arxiv-taxonomy.ts';
import { badRequest } from '../core/errors.ts';
import { arxivClient } from '../jobs/sources.ts';
import { cliIngestEnv, reportRun, sharedSourceOptions, warnPlaceholderContact } from './ingest-env.ts';
import { openRuntime } from './runtime.ts';
import { arxivIdList, nonEmpty, notFutureDate } from './usage.ts';

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

/**
 * Categories from a comma-separated list; refused when empty, when one is not shaped like a
 * category, or when arXiv has no such category or archive (a typo would harvest and keep nothing).
 */
function categoryList(list: string): string[] {
  const categories = list.split(',').map((c) => c.trim()).filter(Boolean);
  const bad = categories.filter((c) => !CATEGORY.test(c));
  if (bad.length > 0 || categories.length === 0) throw badRequest('invalid_category', `not arXiv categories: ${bad.join(', ') || '(none)'}`);
  const unknown = unknownCategoriesMessage(categories);
  if (unknown) throw badRequest('invalid_category', `--categories: ${unknown}`);
  return categories;
}

/** The mode a run of `ingest arxiv` is in, as its options choose it. */
type Mode = '--announced' | '--query' | '--ids' | '--missing' | 'a harvest';

/**
 * Refuses an option the chosen mode does not read (`--max` on a harvest, `--since` with --query),
 * which would otherwise be ignored without a word: the run would not be the one asked for.
 */
function refuseUnusedOptions(opts: { announced?: boolean; query?: string; ids?: string; missing?: boolean }, given: (key: string) => boolean): void {
  const mode: Mode = opts.announced ? '--announced' : opts.query !== undefined ? '--query' : opts.ids !== undefined ? '--ids' : opts.missing ? '--missing' : 'a harvest';
  const readBy: [key: string, option: string, modes: Mode[]][] = [
    ['since', '--since', ['a harvest']],
    ['metadataPrefix', '--metadata-prefix', ['a harvest']],
    ['categories', '--categories', ['a harvest', '--announced']],
    ['max', '--max', ['--query', '--missing']],
  ];
  for (const [key, option, modes] of readBy) {
    if (given(key) && !modes.includes(mode)) {
      throw badRequest('usage', `${option} is not used by ${mode}; it applies to ${modes.join(' and ')} only`);
    }
  }
}

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
    .option('--ids <list>', 'fetch these arXiv ids (comma-separated; 2501.05441, arXiv:2501.05441v2 or arxiv.org links)')
    .option('--missing', 'look up papers listed in no category (e.g. from Hugging Face), newest first, and add what arXiv knows')
    .action(async (opts: { categories?: string; since?: string; metadataPrefix: string; announced?: boolean; query?: string; max: string; ids?: string; missing?: boolean }, cmd: Command) => {
      // An option given empty (--ids "") is given: it must not fall through to a full harvest.
      const modes = [opts.announced, opts.query !== undefined, opts.ids !== undefined, opts.missing].filter(Boolean).length;
      if (modes > 1) throw badRequest('usage', 'give at most one of --announced, --query, --ids and --missing');
      refuseUnusedOptions(opts, (key) => cmd.getOptionValueSource(key) === 'cli');
      const prefix = opts.metadataPrefix;
      if (prefix !== 'arXivRaw' && prefix !== 'arXiv') throw badRequest('invalid_metadata_prefix', `--metadata-prefix must be arXivRaw or arXiv, not "${prefix}"`);
      if (opts.since !== undefined) notFutureDate('--since', opts.since);
      const query = opts.query !== undefined ? nonEmpty('--query', opts.query) : undefined;
      // Checked before the store is opened: a bad id records no run.
      const ids = opts.ids !== undefined ? arxivIdList('--ids', opts.ids) : undefined;
      const max = Number(opts.max);
      if ((query !== undefined || opts.missing) && (!Number.isInteger(max) || max < 1 || max > 30_000)) throw badRequest('invalid_max', '--max must be between 1 and 30000');
      if (opts.categories !== undefined) categoryList(opts.categories);
      const rt = await openRuntime();
      warnPlaceholderContact(rt);
      try {
        const categories = categoryList(opts.categories ?? rt.config.ingestCategories);
        const env = cliIngestEnv(rt);
        const client = arxivClient(rt.config, sharedSourceOptions(rt));
        if (opts.missing) {
          const run = await enrichFromArxiv(env, client, { max });
          if (run) reportRun(run);
          else process.stdout.write('Every paper with an arXiv id already has its categories.\n');
        } else if (ids) {
          reportRun(await ingestArxivIds(env, client, ids));
        } else if (query !== undefined) {
          reportRun(await ingestArxivQuery(env, client, { query, max }));
        } else if (opts.announced) {
          reportRun(await ingestArxivAnnouncements(env, client, { categories }));
        } else {
          // One run per OAI set: the exit code is the worst of them (reportRun keeps it).
          const runs = await ingestArxivOai(env, client, { categories, prefix, ...(opts.since ? { since: opts.since } : {}) });
          runs.forEach(reportRun);
        }
      } finally {
        await rt.close();
      }
    });
}
