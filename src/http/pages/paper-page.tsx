/**
 * A paper's page: title, every author (each a link to their page, then to their profile when they
 * claimed the name, and to the feed of their papers), organization (a link to its page), dates,
 * upvotes and comments, who submitted it to the daily feed (a link to their profile here or on
 * Hugging Face), links (arXiv, PDF, code, project page), the abstract in paragraphs,
 * categories, a "BibTeX" link to its entry (with "Copy BibTeX" where scripts run), and related
 * papers as cards.
 */
import type { Child } from 'hono/jsx';
import { isHttpUrl, type Paper, paperLinks } from '../../core/paper.ts';
import { bibtexEntry } from '../../core/bibtex.ts';
import { formatDate, paperPath, paragraphs, tidy, windowPath, withQuery } from './format.ts';
import { feedLinks } from '../feeds/routes.ts';
import { alternateFeeds, authorFeedPath } from './feed-links.tsx';
import { ExternalIcon, FeedIcon } from './icons.tsx';
import { Layout } from './layout.tsx';
import { renderInlineMath } from './math.ts';
import { Submitter } from './submitter.tsx';
import { authorPath, OrgLink } from './name-links.tsx';
import { Comments, PaperList } from './paper-card.tsx';
import { VoteButton } from './vote-button.tsx';
import type { Site } from './site.ts';
import { mathToText } from '../../core/math-text.ts';

/** Authors listed before the rest fold away. */
const SHOWN_AUTHORS = 12;

/** One author: a link to their page, their profile when they claimed the name, and their feed. */
function Author(props: { name: string; handle: string | undefined }) {
  const a = props.name;
  const feed = feedLinks(authorFeedPath(a), '')[0]!.href;
  return (
    <li>
      <a class="author-name" href={authorPath(a)} title={`Papers by ${a}`}>
        {a}
      </a>
      {props.handle ? (
        <a class="author-profile" href={`/users/${props.handle}`} title={`${a} on this site: their profile`}>
          @{props.handle}
        </a>
      ) : null}
      <a class="author-feed" href={feed} title={`Feed of papers by ${a}`}>
        <FeedIcon />
        <span class="sr-only">Feed of papers by {a}</span>
      </a>
    </li>
  );
}

/** The paper page. */
export function PaperView(props: {
  site: Site;
  paper: Paper;
  related: Paper[];
  extras?: { actions: Child[]; sections: Child[]; authorLinks: Record<string, string>; submitterHandle?: string };
  /** A moderator hid it: this is the staff's view, without votes, discussion or related papers. */
  hidden?: boolean;
}) {
  const extras = props.extras ?? { actions: [], sections: [], authorLinks: {} };
  const p = props.paper;
  const title = tidy(p.title);
  const extraAuthors = p.authorsCount - p.authors.length;
  return (
    <Layout site={props.site} title={mathToText(title)} description={mathToText(tidy(p.abstract)).slice(0, 200)} feeds={p.authors.slice(0, 3).flatMap((a) => alternateFeeds(authorFeedPath(a), `Papers by ${a}`))} scripts={['copy.js']}>
      <article class="paper" aria-labelledby="paper-title">
        <p class="kicker">
          {p.arxivId ? <>arXiv:{p.arxivId}</> : 'Paper'}
          {p.feedDate ? (
            <>
              {' · '}
              <a href={windowPath({ kind: 'day', key: p.feedDate })}>Daily Papers, {formatDate(p.feedDate)}</a>
            </>
          ) : null}
        </p>
        <h1 id="paper-title">{renderInlineMath(title)}</h1>
        {props.hidden ? (
          <p class="notice" role="status">
            A moderator hid this paper: only moderators and administrators see this page. <a href="/moderation#hidden-papers-title">Unhide it on the moderation page</a>.
          </p>
        ) : null}
        {p.withdrawn ? (
          <p class="withdrawn" role="note">
            Withdrawn: the authors have withdrawn this paper on arXiv.
          </p>
        ) : null}
        {p.authors.length > 0 || p.authorsCount > 0 ? (
          <>
            <h2 class="sr-only">Authors</h2>
            <ul class="authors">
              {p.authors.slice(0, SHOWN_AUTHORS).map((a) => (
                <Author name={a} handle={extras.authorLinks[a]} />
              ))}
              {extraAuthors > 0 && p.authors.length <= SHOWN_AUTHORS ? <li>{p.authors.length > 0 ? `and ${extraAuthors} more` : `${extraAuthors} authors`}</li> : null}
            </ul>
            {p.authors.length > SHOWN_AUTHORS ? (
              // A long list (collaborations list hundreds) stays folded, so the paper comes first.
              <details class="more-authors">
                <summary>
                  and {p.authors.length - SHOWN_AUTHORS + Math.max(0, extraAuthors)} more author{p.authors.length - SHOWN_AUTHORS + Math.max(0, extraAuthors) === 1 ? '' : 's'}
                </summary>
                <ul class="authors">
                  {p.authors.slice(SHOWN_AUTHORS).map((a) => (
                    <Author name={a} handle={extras.authorLinks[a]} />
                  ))}
                  {extraAuthors > 0 ? <li>and {extraAuthors} more</li> : null}
                </ul>
              </details>
            ) : null}
          </>
        ) : null}
        <div class="paper-meta">
          <VoteButton paperId={p.id} count={p.upvotes} large />
          <Comments count={p.comments} href="#discussion" />
          <OrgLink paper={p} />
          {p.publishedOn ? (
            <span>
              Published on <time datetime={p.publishedOn}>{formatDate(p.publishedOn)}</time>
            </span>
          ) : null}
          {p.feedDate ? (
            <span>
              Submitted to the daily feed on <time datetime={p.feedDate}>{formatDate(p.feedDate)}</time>
              {p.submittedBy ? (
                <>
                  {' by '}
                  <Submitter paper={p} handle={extras.submitterHandle} />
                </>
              ) : null}
            </span>
          ) : null}
          {p.version && p.version > 1 ? <span>Version {p.version}</span> : null}
          {p.githubStars != null && p.githubRepo ? (
            isHttpUrl(p.githubRepo) ? (
              <a href={p.githubRepo} rel="noopener noreferrer">
                {p.githubStars.toLocaleString('en-US')} GitHub stars
              </a>
            ) : (
              <span>{p.githubStars.toLocaleString('en-US')} GitHub stars</span>
            )
          ) : null}
        </div>
        <div class="paper-actions">
          <PaperLinks paper={p} />
          {props.hidden ? null : <Cite paper={p} />}
          {extras.actions}
        </div>
        {p.aiSummary ? (
          <section class="tldr" aria-labelledby="tldr-title">
            <h2 id="tldr-title">In brief</h2>
            <p>{renderInlineMath(tidy(p.aiSummary))}</p>
            {p.aiKeywords.length > 0 ? (
              <ul class="keywords" aria-label="Keywords">
                {p.aiKeywords.slice(0, 12).map((k) => (
                  <li>
                    <a href={withQuery('/papers', { q: k })}>{k}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : null}
        <section class="abstract" aria-labelledby="abstract-title">
          <h2 id="abstract-title">Abstract</h2>
          {paragraphs(p.abstract).map((para) => (
            <p>{renderInlineMath(para)}</p>
          ))}
          {p.abstract.trim() ? null : <p>No abstract available.</p>}
        </section>
        {p.categories.length > 0 ? (
          <>
            <h2 class="sr-only">Categories</h2>
            <ul class="categories">
              {p.categories.map((cat) => (
                <li>
                  <a class="chip" href={withQuery('/', { cat })}>
                    {cat}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {extras.sections}
        {props.related.length > 0 ? (
          <section aria-labelledby="related-title">
            <h2 id="related-title" class="section-title">
              Related papers
            </h2>
            <PaperList papers={props.related} label="Related papers" />
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

/**
 * The paper's BibTeX: a link to the entry as text, and a button (shown by copy.js) that copies
 * the same entry, which the page carries in a hidden field.
 */
function Cite(props: { paper: Paper }) {
  return (
    <span class="cite">
      <a class="button" href={`${paperPath(props.paper.id)}/bibtex`} title="This paper's BibTeX entry">
        BibTeX
      </a>
      <textarea id="bibtex-entry" hidden readonly aria-hidden="true">
        {bibtexEntry(props.paper)}
      </textarea>
      <button class="button" type="button" data-copy="bibtex-entry" hidden>
        Copy BibTeX
      </button>
    </span>
  );
}

function PaperLinks(props: { paper: Paper }) {
  const links = paperLinks(props.paper);
  // A paper known without its arXiv id (a page capture, an import without ids): arXiv's search
  // for its title usually finds it, PDF and all.
  if (!props.paper.arxivId) links.unshift({ label: 'Find on arXiv', url: withQuery('https://arxiv.org/search/', { query: mathToText(tidy(props.paper.title)), searchtype: 'title' }) });
  return (
    <ul class="links" aria-label="Links">
      {links.map((l) => (
        <li>
          <a class="button" href={l.url} rel="noopener noreferrer" target="_blank">
            {l.label} <ExternalIcon />
            <span class="sr-only">(opens in a new tab)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
