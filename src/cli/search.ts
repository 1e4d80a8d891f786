/**
 * `paperboy search "QUERY" [--limit N] [--offset N] [--sort newest] [--json]`: the same ranking as the site.
 * With --json, stdout holds only a JSON array (best first); logs go to stderr.
 */
import type { Command } from 'commander';
import { parseCategory } from '../actions/feed.ts';
import { parsePaging, parseSearchSort, searchPapers } from '../actions/search-papers.ts';
import { openRuntime } from './runtime.ts';

/** Registers the search command. */
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search papers by title and abstract')
    .argument('<query...>', 'free text')
    .option('--limit <n>', 'number of results', '10')
    .option('--offset <n>', 'results to skip', '0')
    .option('--cat <category>', 'only papers listed in this arXiv category, e.g. cs.LG')
    .option('--sort <order>', 'relevance (best match first) or newest (the best matches, up to 100, newest first)', 'relevance')
    .option('--json', 'print a JSON array of {id, title, score, ...} on stdout')
    // A query may start with a dash ("-1 bit LLM"): words commander does not know are query words.
    .allowUnknownOption()
    .action(async (words: string[], opts: { limit: string; offset: string; cat?: string; sort: string; json?: boolean }) => {
      const rt = await openRuntime();
      try {
        const paging = parsePaging({ limit: opts.limit, offset: opts.offset }, { limit: 10 });
        const search = rt.search();
        await search.sync();
        const category = parseCategory(opts.cat);
        const sort = parseSearchSort(opts.sort);
        const { total, papers, byMeaning } = await searchPapers(rt.database.db, search, { query: words.join(' '), ...paging, sort, ...(category ? { category } : {}) });
        if (opts.json) {
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
        process.stdout.write(`\n${papers.length} of ${total} matching papers\n`);
      } finally {
        await rt.close();
      }
    });
}
