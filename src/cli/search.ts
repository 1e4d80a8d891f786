/**
 * `paperboy search "QUERY" [--limit N] [--offset N] [--sort newest] [--json]`: the same ranking as the site.
 * With --json, stdout holds only a JSON array (best first); logs go to stderr. An unknown option
 * is an error; a query that starts with a dash goes after `--`.
 */
import type { Command } from 'commander';
import { parseCategory } from '../actions/feed.ts';
import { parsePaging, parseSearchSort, searchPapers } from '../actions/search-papers.ts';
import { badRequest } from '../core/errors.ts';
import { openRuntime } from './runtime.ts';

/** A word that reads as an option (--limt, -x, --limt=2), not as the start of a query ("-1", "-speculative decoding"). */
const OPTION_LIKE = /^(--?[A-Za-z][\w-]*|--[A-Za-z][\w-]*=.*)$/;

/**
 * Refuses an option this command does not know given before `--`, so that a typo (--limt, --jsno)
 * is an error rather than words added to the query. Reads the raw arguments: commander drops the
 * `--` that tells an option from a query that starts with a dash.
 */
function checkOptions(command: Command): void {
  // The arguments main.ts hands to commander (commander keeps them untyped, as rawArgs).
  const raw = process.argv.slice(2);
  const args = raw.slice(raw.indexOf(command.name()) + 1);
  const known = new Map<string, boolean>();
  for (const o of command.options) for (const flag of [o.long, o.short]) if (flag) known.set(flag, o.required || o.optional);
  known.set('--help', false).set('-h', false);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return;
    // --limit=5 carries its value.
    const option = arg.startsWith('--') ? (arg.split('=')[0] as string) : arg;
    if (known.has(arg)) {
      if (known.get(arg)) i++;
    } else if (OPTION_LIKE.test(arg) && !known.has(option)) {
      throw badRequest('unknown_option', `unknown option ${option}; a query that starts with a dash goes after --, e.g. paperboy search -- ${option} ...`);
    }
  }
}

/** Registers the search command. */
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search papers by title, abstract and authors')
    .argument('<query...>', 'free text; a word with a minus in front (-video) leaves out the papers that have it; a misspelled word gets "Did you mean: ..." on stderr, and when nothing matches as typed the results are the correction\'s ("Showing results for: ...")')
    .option('--limit <n>', 'number of results', '10')
    .option('--offset <n>', 'results to skip', '0')
    .option('--cat <category>', 'only papers listed in this arXiv category, e.g. cs.LG')
    .option('--sort <order>', 'relevance (best match first) or newest (the best matches, up to 100, newest first)', 'relevance')
    .option('--verbatim', 'search the words exactly as typed, never a correction of them')
    .option('--json', 'print a JSON array of {id, title, score, ...} on stdout')
    // Words commander does not know reach the query ("-1 bit LLM"), but a mistyped option must not
    // (checkOptions); after `--`, everything is the query.
    .allowUnknownOption()
    .action(async (words: string[], opts: { limit: string; offset: string; cat?: string; sort: string; verbatim?: boolean; json?: boolean }, command: Command) => {
      checkOptions(command);
      const rt = await openRuntime({ existing: true });
      try {
        const paging = parsePaging({ limit: opts.limit, offset: opts.offset }, { limit: 10 });
        const search = rt.search();
        await search.sync();
        const category = parseCategory(opts.cat);
        const sort = parseSearchSort(opts.sort);
        const { total, papers, byMeaning, suggestion, corrected } = await searchPapers(rt.database.db, search, { query: words.join(' '), ...paging, sort, verbatim: opts.verbatim === true, ...(category ? { category } : {}) });
        // On stderr, so that --json keeps stdout to the results alone.
        if (suggestion) process.stderr.write(`Did you mean: ${suggestion}\n`);
        if (corrected) process.stderr.write(`Showing results for: ${corrected} (for "${words.join(' ')}" as typed, add --verbatim)\n`);
        if (opts.json) {
          // The API says so in X-Search-Match; here stderr does, the array staying alone on stdout.
          if (byMeaning && papers.length > 0) process.stderr.write('No papers match these words; the papers closest in meaning follow.\n');
          const rows = papers.map((p) => ({
            id: p.id,
            title: p.title,
            score: p.score,
            authors: p.authors,
            organization: p.organization,
            publishedOn: p.publishedOn,
            feedDate: p.feedDate,
            upvotes: p.upvotes,
            arxivId: p.arxivId,
            categories: p.categories,
          }));
          process.stdout.write(`${JSON.stringify(rows)}\n`);
          return;
        }
        if (papers.length === 0) {
          process.stdout.write('No papers match.\n');
          return;
        }
        if (byMeaning) process.stdout.write('No papers match these words; the papers closest in meaning:\n');
        papers.forEach((p, i) => {
          const meta = [p.id, p.feedDate ?? p.publishedOn, p.organization, `${p.upvotes} upvotes`].filter(Boolean).join(' · ');
          process.stdout.write(`${String(paging.offset + i + 1).padStart(3)}. ${p.title}\n     ${meta} · score ${p.score.toFixed(2)}\n`);
        });
        process.stdout.write(`\n${papers.length} of ${total} results\n`);
      } finally {
        await rt.close();
      }
    });
}
