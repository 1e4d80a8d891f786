/**
 * A paper card as in the original feed: upvote count, title (with its math), the first authors
 * and the organization (links to their pages), date, a short abstract snippet (in search results,
 * with the query's words marked), the comment count
 * the primary arXiv category (a link to that category's papers of the same week, or on a feed
 * to the same view filtered to it) and who submitted it to the daily feed (a Hugging Face user
 * links to their page there).
 */
import { windowContaining } from '../../core/feed-window.ts';
import { nameKey, type Paper } from '../../core/paper.ts';
import { formatDate, paperPath, tidy, windowPath, withQuery } from './format.ts';
import { CommentIcon } from './icons.tsx';
import { renderInlineMath } from './math.ts';
import { authorPath, OrgLink } from './name-links.tsx';
import { Snippet } from './snippet.tsx';
import { Submitter } from './submitter.tsx';
import { VoteButton } from './vote-button.tsx';

/** Authors named on a card before "et al.". */
const SHOWN_AUTHORS = 3;

/** The comment count (here and on the paper's source), a link to the discussion when given one. */
export function Comments(props: { count: number; href?: string }) {
  const text = (
    <>
      <CommentIcon />
      {props.count} {props.count === 1 ? 'comment' : 'comments'}
    </>
  );
  return props.href ? (
    <a class="count" href={props.href}>
      {text}
    </a>
  ) : (
    <span class="count">{text}</span>
  );
}

/**
 * Where a card's category leads on a feed: the view being read (its window and sort) filtered to
 * that category, with the chip's tooltip. Elsewhere the category leads to its papers of the week
 * the paper entered the feed.
 */
export interface CategoryLink {
  href: (category: string) => string;
  title: (category: string) => string;
}

/**
 * One paper in a list, its title an h3 (lists sit under an h2). On an author's page, `author`
 * names them: the card then shows them among its authors even when they come after the first few.
 */
export function PaperCard(props: { paper: Paper; showSnippet?: boolean; categoryLink?: CategoryLink | undefined; mark?: ((word: string) => boolean) | undefined; author?: string | undefined }) {
  const p = props.paper;
  const date = p.feedDate ?? p.publishedOn;
  return (
    <li class="card" id={`paper-${p.id}`}>
      <VoteButton paperId={p.id} count={p.upvotes} />
      <div class="card-body">
        <h3>
          <a href={paperPath(p.id)}>{renderInlineMath(tidy(p.title))}</a>
        </h3>
        <CardAuthors paper={p} author={props.author} />
        <div class="meta">
          <OrgLink paper={p} titled />
          {date ? <time datetime={date}>{formatDate(date)}</time> : null}
        </div>
        {props.showSnippet !== false && p.abstract ? <Snippet abstract={p.abstract} mark={props.mark} /> : null}
        <div class="card-foot">
          <Comments count={p.comments} href={`${paperPath(p.id)}#discussion`} />
          {p.categories[0] ? <Category category={p.categories[0]} feedDate={p.feedDate} link={props.categoryLink} /> : null}
          {p.submittedBy ? (
            <span class="submitter">
              submitted by <Submitter paper={p} />
            </span>
          ) : null}
        </div>
      </div>
    </li>
  );
}

/**
 * The first authors, each a link to their page, and "et al." (or "N authors" when only the count
 * is known), as shortAuthors writes them; with `author` (an author's page) placed after them,
 * behind "…", when they come later in the list ("A, B, C, …, Author et al.").
 */
function CardAuthors(props: { paper: Paper; author?: string | undefined }) {
  const p = props.paper;
  const total = Math.max(p.authors.length, p.authorsCount);
  if (total === 0) return null;
  if (p.authors.length === 0) return <p class="authors-line">{`${total} author${total === 1 ? '' : 's'}`}</p>;
  const shown = p.authors.slice(0, SHOWN_AUTHORS);
  const key = props.author ? nameKey(props.author) : undefined;
  const at = key === undefined ? -1 : p.authors.findIndex((a) => nameKey(a) === key);
  const later = at >= SHOWN_AUTHORS ? p.authors[at] : undefined;
  const last = later ? at : shown.length - 1;
  return (
    <p class="authors-line">
      {shown.map((a, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={authorPath(a)}>{a}</a>
        </>
      ))}
      {later ? (
        <>
          {at > SHOWN_AUTHORS ? ', …, ' : ', '}
          <a href={authorPath(later)}>{later}</a>
        </>
      ) : null}
      {total > last + 1 ? ' et al.' : ''}
    </p>
  );
}

/** A list of paper cards. `results` marks the list that infinite scroll appends to; `author` is an author page's author. */
export function PaperList(props: { papers: Paper[]; results?: boolean; label?: string; categoryLink?: CategoryLink; mark?: ((word: string) => boolean) | undefined; author?: string }) {
  return (
    <ol class="cards" data-results={props.results ? '' : undefined} aria-label={props.label}>
      {props.papers.map((p) => (
        <PaperCard paper={p} categoryLink={props.categoryLink} mark={props.mark} author={props.author} />
      ))}
    </ol>
  );
}

/** The primary category: a link to its papers of the week the paper entered the feed, when it did. */
function Category(props: { category: string; feedDate: string | null; link: CategoryLink | undefined }) {
  if (props.link) {
    return (
      <a class="category" href={props.link.href(props.category)} title={props.link.title(props.category)}>
        {props.category}
      </a>
    );
  }
  if (!props.feedDate) return <span>{props.category}</span>;
  const week = windowPath(windowContaining('week', props.feedDate));
  return (
    <a class="category" href={withQuery(week, { cat: props.category })} title={`${props.category} papers of that week`}>
      {props.category}
    </a>
  );
}
