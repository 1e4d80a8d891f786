/**
 * A paper card as in the original feed: upvote count, title (with its math), the first authors,
 * organization, date, a short abstract snippet, the comment count and the primary arXiv category
 * (a link to that category's papers of the same week).
 */
import { windowContaining } from '../../core/feed-window.ts';
import type { Paper } from '../../core/paper.ts';
import { formatDate, paperPath, shortAuthors, tidy, windowPath, withQuery } from './format.ts';
import { CommentIcon } from './icons.tsx';
import { renderInlineMath, truncateMath } from './math.ts';
import { VoteButton } from './vote-button.tsx';

const SNIPPET_CHARS = 240;

/** The comment count. */
export function Comments(props: { count: number }) {
  return (
    <span class="count">
      <CommentIcon />
      {props.count} {props.count === 1 ? 'comment' : 'comments'}
    </span>
  );
}

/** One paper in a list, its title an h3 (lists sit under an h2). */
export function PaperCard(props: { paper: Paper; showSnippet?: boolean }) {
  const p = props.paper;
  const authors = shortAuthors(p);
  const date = p.feedDate ?? p.publishedOn;
  return (
    <li class="card" id={`paper-${p.id}`}>
      <VoteButton paperId={p.id} count={p.upvotes} />
      <div class="card-body">
        <h3>
          <a href={paperPath(p.id)}>{renderInlineMath(tidy(p.title))}</a>
        </h3>
        {authors ? <p class="authors-line">{authors}</p> : null}
        <div class="meta">
          {p.orgHandle ? (
            <a class="org" href={`/orgs/${p.orgHandle}`} title={p.organization ?? `@${p.orgHandle}`}>
              {p.organization ?? `@${p.orgHandle}`}
            </a>
          ) : p.organization ? (
            <span class="org" title={p.organization}>
              {p.organization}
            </span>
          ) : null}
          {date ? <time datetime={date}>{formatDate(date)}</time> : null}
        </div>
        {props.showSnippet !== false && p.abstract ? <p class="snippet">{renderInlineMath(truncateMath(tidy(p.abstract), SNIPPET_CHARS))}</p> : null}
        <div class="card-foot">
          <Comments count={p.comments} />
          {p.categories[0] ? <Category category={p.categories[0]} feedDate={p.feedDate} /> : null}
        </div>
      </div>
    </li>
  );
}

/** A list of paper cards. `results` marks the list that infinite scroll appends to. */
export function PaperList(props: { papers: Paper[]; results?: boolean; label?: string }) {
  return (
    <ol class="cards" data-results={props.results ? '' : undefined} aria-label={props.label}>
      {props.papers.map((p) => (
        <PaperCard paper={p} />
      ))}
    </ol>
  );
}

/** The primary category: a link to its papers of the week the paper entered the feed, when it did. */
function Category(props: { category: string; feedDate: string | null }) {
  if (!props.feedDate) return <span>{props.category}</span>;
  const week = windowPath(windowContaining('week', props.feedDate));
  return (
    <a class="category" href={withQuery(week, { cat: props.category })} title={`${props.category} papers of that week`}>
      {props.category}
    </a>
  );
}
