/**
 * The search page: a large search box, tips when there is no query, the result count, a "Did
 * you mean" for a misspelled query (or "Showing results for" its correction, with a link to the
 * words as typed), the results, and a plain "More results" link that more.js turns into infinite scroll. With
 * `fragment=1` only the next results and link are rendered, for more.js to append.
 */
import type { SearchSort } from '../../actions/search-papers.ts';
import type { Paper } from '../../core/paper.ts';
import { withQuery } from './format.ts';
import { Layout, SearchForm } from './layout.tsx';
import { alternateFeeds, FeedLinks, feedPathFor } from './feed-links.tsx';
import { PaperList } from './paper-card.tsx';
import type { Site } from './site.ts';

export interface SearchViewProps {
  site: Site;
  query: string;
  total: number;
  papers: Paper[];
  /** Offset of the first result shown and the page size. */
  offset: number;
  limit: number;
  /** arXiv category the results are limited to. */
  category?: string;
  /** No paper has the query's words: the results are the papers closest in meaning. */
  byMeaning?: boolean;
  sort?: SearchSort;
  /** Sorted newest first: how many papers matched, of which the results are the best. */
  matched?: number;
  /** Nothing matched and the query names this arXiv id, which no paper here has. */
  missingArxivId?: string;
  /** The query with its misspelled words corrected: offered as "Did you mean". */
  suggestion?: string;
  /** Nothing matched the query as typed: the results are for this correction of it. */
  corrected?: string;
  /** The words were searched exactly as typed (a "search instead for" link asked for that). */
  verbatim?: boolean;
  /** Which words of the results' snippets answer the query, to mark them. */
  mark?: ((word: string) => boolean) | undefined;
}

/** The search page's own parameters, for links that keep them. */
const params = (props: SearchViewProps, extra: Record<string, string | number | undefined> = {}) => ({
  q: props.query,
  ...(props.category ? { cat: props.category } : {}),
  ...(props.sort === 'newest' ? { sort: 'newest' } : {}),
  ...(props.verbatim ? { verbatim: 1 } : {}),
  ...extra,
});

const EXAMPLES = ['diffusion transformer', 'reinforcement learning from human feedback', 'vision-language-action', 'speculative decoding'];

/** The link to the next page of results, if there is one. */
function More(props: SearchViewProps) {
  const next = props.offset + props.papers.length;
  if (props.papers.length === 0 || next >= props.total) return null;
  return (
    <div class="more">
      <a class="button" href={withQuery('/papers', params(props, { offset: next }))} data-more="">
        More results
      </a>
    </div>
  );
}

/**
 * "12 results for “q”", and what the results are when they are not simply that. Results are every
 * paper sharing a main word with the query, best first, so they are not called "matches".
 */
function Count(props: SearchViewProps & { shown: string }) {
  const n = props.matched ?? props.total;
  const newest = props.sort === 'newest';
  return (
    <>
      {props.total === 0 || props.byMeaning ? 'No papers match ' : `${n} ${n === 1 ? 'result' : 'results'} for `}
      <span class="query">“{props.shown}”</span>
      {props.category ? (
        <>
          {' in '}
          <a class="chip" href={withQuery('/papers', params({ ...props, category: undefined }))} title="Search all categories">
            {props.category} ×
          </a>
        </>
      ) : null}
      {props.byMeaning ? `: ${props.total === 1 ? 'the paper' : `the ${props.total} papers`} closest in meaning` : ''}
      {newest && props.total > 0 ? (n > props.total ? `, the best ${props.total} newest first` : ', newest first') : ''}
      {props.offset > 0 && props.offset < props.total ? `, from result ${props.offset + 1}` : ''}
    </>
  );
}

/**
 * The empty results of a search for an arXiv id no paper here has: the paper on arXiv, and the
 * submit form filled in with the id (through sign-in for visitors who are not signed in).
 */
function NotHereYet(props: { id: string; signedIn: boolean }) {
  const submit = withQuery('/submit', { id: props.id });
  return (
    <div class="empty">
      <h2>arXiv:{props.id} is not on Paperboy yet</h2>
      <p>No paper here has this arXiv id. Read it on arXiv, or submit it to add it to today's papers.</p>
      <div class="actions">
        <a class="button" href={`https://arxiv.org/abs/${props.id}`} rel="noopener noreferrer">
          Open on arXiv
        </a>
        {props.signedIn ? (
          <a class="button primary" href={submit}>
            Submit it
          </a>
        ) : (
          <a class="button primary" href={withQuery('/signin', { next: submit })}>
            Sign in to submit it
          </a>
        )}
      </div>
    </div>
  );
}

/** The full search page. */
export function SearchView(props: SearchViewProps) {
  const typed = props.query.trim();
  // What the results are for: the query, or its correction when nothing matched it as typed.
  const q = props.corrected ?? typed;
  const shown = q.length > 80 ? `${q.slice(0, 80)}…` : q;
  return (
    <Layout
      site={{ ...props.site, query: props.query }}
      {...(q ? { title: `Search: ${shown}`, feeds: alternateFeeds(feedPathFor({ query: q, category: props.category }), `Search: ${shown}`) } : { title: 'Search' })}
    >
      <div class="search-hero">
        <h1>Search papers</h1>
        <SearchForm id="page-search" label="Search papers" query={props.query} autofocus={!q} {...(props.category ? { category: props.category } : {})} />
      </div>
      {!q ? (
        <div class="search-hero tips">
          <p>Search titles, abstracts and authors of every paper in the feed. A few ideas:</p>
          <ul>
            {EXAMPLES.map((e) => (
              <li>
                <a href={withQuery('/papers', { q: e })}>{e}</a>
              </li>
            ))}
          </ul>
          <p>
            Or browse <a href="/">today's papers</a>.
          </p>
        </div>
      ) : (
        <section aria-labelledby="results-title">
          <h2 id="results-title" class="sr-only">
            Results
          </h2>
          <FeedLinks path={feedPathFor({ query: q, category: props.category })} follow={{ kind: 'topic', value: q }} />
          <div class="toolbar">
            <p class="result-count" role="status">
              <Count {...props} shown={shown} />
            </p>
            {props.total > 1 ? (
              <nav class="tabs" aria-label="Sort">
                <a href={withQuery('/papers', params({ ...props, sort: 'relevance' }))} aria-current={props.sort === 'newest' ? undefined : 'page'}>
                  Best match
                </a>
                <a href={withQuery('/papers', params({ ...props, sort: 'newest' }))} aria-current={props.sort === 'newest' ? 'page' : undefined}>
                  Newest
                </a>
              </nav>
            ) : null}
          </div>
          {props.corrected && props.offset === 0 ? (
            <p class="feed-note suggestion">
              Showing results for <a href={withQuery('/papers', params({ ...props, query: props.corrected }))}>{props.corrected}</a>. Search instead for{' '}
              <a href={withQuery('/papers', params({ ...props, verbatim: true }))}>“{typed.length > 80 ? `${typed.slice(0, 80)}…` : typed}”</a>.
            </p>
          ) : null}
          {props.suggestion && props.offset === 0 ? (
            <p class="feed-note suggestion">
              Did you mean <a href={withQuery('/papers', params({ ...props, query: props.suggestion }))}>{props.suggestion}</a>?
            </p>
          ) : null}
          {props.category && props.offset === 0 && props.papers.length > 0 ? (
            <p class="feed-note">
              Only papers whose arXiv categories are known are kept: papers known only from Hugging Face have none yet.{' '}
              <a href={withQuery('/papers', params({ ...props, category: undefined }))}>Search all categories</a>
            </p>
          ) : null}
          {props.papers.length > 0 ? (
            <PaperList papers={props.papers} results label="Search results" mark={props.mark} />
          ) : props.offset > 0 && props.total > 0 ? (
            <div class="empty">
              <h2>No more results</h2>
              <p>This is past the last of the matches.</p>
              <div class="actions">
                <a class="button" href={withQuery('/papers', params(props))}>
                  Back to the first results
                </a>
              </div>
            </div>
          ) : props.missingArxivId ? (
            <NotHereYet id={props.missingArxivId} signedIn={props.site.user !== undefined} />
          ) : (
            <div class="empty">
              <h2>Nothing found</h2>
              <p>Try fewer or different words, or an author's name.</p>
              <div class="actions">
                <a class="button" href="/">
                  Browse today's papers
                </a>
              </div>
            </div>
          )}
          <More {...props} />
        </section>
      )}
    </Layout>
  );
}

/** Just the results and the next link, for infinite scroll. */
export function SearchFragment(props: SearchViewProps) {
  return (
    <div>
      <PaperList papers={props.papers} results mark={props.mark} />
      <More {...props} />
    </div>
  );
}
