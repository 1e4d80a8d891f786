/**
 * The daily feed page: Daily / Weekly / Monthly tabs, the window's label with previous and next
 * windows, sort tabs (top or trending), an optional category filter, the paper cards, pagination,
 * and an empty state that points at the nearest days (weeks, months) with papers.
 */
import type { FeedPage } from '../../actions/feed.ts';
import type { FeedSurroundings } from '../../actions/feed-surroundings.ts';
import { type FeedWindow, type WindowKind, windowContaining, windowLabel } from '../../core/feed-window.ts';
import { formatDate, windowPath, withQuery } from './format.ts';
import { ArrowLeftIcon, ArrowRightIcon } from './icons.tsx';
import { Layout } from './layout.tsx';
import { alternateFeeds, FeedLinks, feedPathFor } from './feed-links.tsx';
import { PaperList } from './paper-card.tsx';
import { Pager } from './pager.tsx';
import type { Site } from './site.ts';

export interface FeedViewProps {
  site: Site;
  feed: FeedPage;
  around: FeedSurroundings;
  /** True on `/` without a window: same-window links stay on `/`. */
  home: boolean;
  category?: string;
  /** The categories the picker offers (the current one is added when missing). */
  categories?: readonly string[];
  /** Today (UTC), the latest day the date field offers. */
  today?: string;
}

const KINDS: { kind: WindowKind; label: string }[] = [
  { kind: 'day', label: 'Daily' },
  { kind: 'week', label: 'Weekly' },
  { kind: 'month', label: 'Monthly' },
];

const TITLES: Record<WindowKind, string> = { day: 'Daily Papers', week: 'Weekly Papers', month: 'Monthly Papers' };

/** The feed page. */
export function FeedView(props: FeedViewProps) {
  const { feed, around, category } = props;
  const sort = feed.sort === 'trending' ? 'trending' : undefined;
  const here = props.home ? '/' : windowPath(feed.window);
  const link = (path: string, extra: { sort?: string; p?: number } = { sort }): string => withQuery(path, { ...extra, cat: category });
  const anchor = around.latestInWindow ?? feed.window.from;
  const label = windowLabel(feed.window);
  const pages = Math.max(1, Math.ceil(feed.total / feed.limit));
  const feedPath = feedPathFor({ kind: feed.window.kind, trending: Boolean(sort), category });
  return (
    <Layout site={props.site} feeds={alternateFeeds(feedPath, sort ? 'Trending papers' : TITLES[feed.window.kind])} {...(props.home ? {} : { title: `${TITLES[feed.window.kind]}: ${label}` })}>
      <div class="page-head">
        <div>
          <h1>{TITLES[feed.window.kind]}</h1>
          <p class="tagline">Trending research, picked by the community</p>
          <FeedLinks path={feedPath} {...(category ? { follow: { kind: 'category' as const, value: category } } : {})} />
        </div>
        <nav class="tabs" aria-label="Period">
          {KINDS.map(({ kind, label: text }) => (
            <a href={link(windowPath(windowContaining(kind, anchor)))} aria-current={kind === feed.window.kind ? 'page' : undefined}>
              {text}
            </a>
          ))}
        </nav>
      </div>
      <div class="window-bar">
        <NavButton window={feed.prev} shown={feed.window} dir="prev" href={feed.prev && link(windowPath(feed.prev))} />
        <h2>{label}</h2>
        <NavButton window={feed.next} shown={feed.window} dir="next" href={feed.next && link(windowPath(feed.next))} />
      </div>
      <div class="toolbar">
        <span class="toolbar-start">
          {feed.window.kind === 'day' ? <DayPicker day={feed.window.key} category={category} today={props.today} /> : null}
          <span class="feed-count">
            {feed.total} {feed.total === 1 ? 'paper' : 'papers'}
            {category ? (
              <>
                {' in '}
                <a class="chip" href={withQuery(here, { sort })} title="Remove the category filter">
                  {category} <span aria-hidden="true">×</span>
                  <span class="sr-only">(remove filter)</span>
                </a>
              </>
            ) : null}
          </span>
          {props.categories && props.categories.length > 0 ? <CategoryPicker action={here} sort={sort} current={category} categories={props.categories} /> : null}
        </span>
        {/* Every view offers both sorts, the daily one too: within one day trending ranks as
            Top does but for comments, each counting half a vote. */}
        <nav class="tabs" aria-label="Sort">
          <a href={link(here, {})} aria-current={sort ? undefined : 'page'}>
            Top
          </a>
          <a href={link(here, { sort: 'trending' })} aria-current={sort ? 'page' : undefined}>
            Trending
          </a>
        </nav>
      </div>
      {category && feed.papers.length > 0 && feed.uncategorized ? <UncategorizedNote n={feed.uncategorized} kind={feed.window.kind} all={withQuery(here, { sort })} /> : null}
      {feed.papers.length > 0 ? (
        <PaperList papers={feed.papers} label={`Papers, ${label}`} categoryLink={{ href: (cat) => withQuery(here, { sort, cat }), title: (cat) => `${cat} papers of ${label}` }} />
      ) : (
        <Empty feed={feed} link={link} lastPage={{ n: pages, href: link(here, { sort, p: pages > 1 ? pages : undefined }) }} allCategories={category ? withQuery(here, { sort }) : undefined} category={category} />
      )}
      {feed.papers.length > 0 ? <Pager page={feed.page} pages={pages} href={(n) => link(here, { sort, p: n > 1 ? n : undefined })} /> : null}
    </Layout>
  );
}

/** A neighbour's short name; its year only when it differs from the shown window's ("Week 52, 2025"). */
function shortWindowLabel(w: FeedWindow, shown: FeedWindow): string {
  const otherYear = w.key.slice(0, 4) !== shown.key.slice(0, 4);
  if (w.kind === 'day') return otherYear ? formatDate(w.key) : formatDate(w.key).replace(/, \d{4}$/, '');
  if (w.kind === 'week') return `Week ${Number(w.key.slice(6))}${otherYear ? `, ${w.key.slice(0, 4)}` : ''}`;
  // The month's label as the heading writes it ("July 2026"), so the link's name holds its text.
  return windowLabel(w);
}

function NavButton(props: { window: FeedWindow | undefined; shown: FeedWindow; dir: 'prev' | 'next'; href: string | undefined }) {
  if (!props.window || !props.href) {
    return (
      <span class="nav-btn" aria-disabled="true">
        {props.dir === 'prev' ? 'Previous' : 'Next'}
      </span>
    );
  }
  // Named as the neighbour it leads to, short enough for a phone: "Aug 20", "Week 33", "July 2026".
  const text = shortWindowLabel(props.window, props.shown);
  return (
    <a class="nav-btn" rel={props.dir} href={props.href} aria-label={`${props.dir === 'prev' ? 'Previous' : 'Next'}: ${windowLabel(props.window)}`}>
      {props.dir === 'prev' ? <ArrowLeftIcon /> : null}
      <span class="nav-text">{text}</span>
      {props.dir === 'next' ? <ArrowRightIcon /> : null}
    </a>
  );
}

/** Under a category filter: how many of the window's papers no filter can keep, and the way back to them. */
function UncategorizedNote(props: { n: number; kind: FeedWindow['kind']; all: string }) {
  const { n } = props;
  return (
    <p class="feed-note">
      {n} more {n === 1 ? 'paper' : 'papers'} this {props.kind} {n === 1 ? 'has' : 'have'} no arXiv categories yet (known only from Hugging Face), so the filter leaves{' '}
      {n === 1 ? 'it' : 'them'} out. <a href={props.all}>Show all categories</a>
    </p>
  );
}

const PLURAL: Record<WindowKind, string> = { day: 'days', week: 'weeks', month: 'months' };

/** An empty window: points at its previous and next windows, which are the nearest holding papers (in the category). */
function Empty(props: { feed: FeedPage; link: (path: string) => string; lastPage: { n: number; href: string }; allCategories: string | undefined; category: string | undefined }) {
  const { feed, lastPage, category } = props;
  // A page number past the end (a stale link, an edited address): say where the list ends.
  if (feed.total > 0) {
    return (
      <div class="empty">
        <h2>No papers on this page</h2>
        <p>
          The last page is <a href={lastPage.href}>{lastPage.n}</a>.
        </p>
        <div class="actions">
          <a class="button" href={lastPage.href}>
            Go to page {lastPage.n}
          </a>
        </div>
      </div>
    );
  }
  const { prev, next } = feed;
  const kinds = PLURAL[feed.window.kind];
  return (
    <div class="empty">
      <h2>No papers for {windowLabel(feed.window)}</h2>
      {props.allCategories ? <p>A category filter finds only papers whose arXiv categories are known; papers known only from Hugging Face have none.</p> : null}
      <p>
        {prev || next
          ? `Try the nearest ${kinds} that have ${category ? `${category} papers` : 'papers'}:`
          : category
            ? `No other ${feed.window.kind} has ${category} papers.`
            : 'The store holds no papers yet. Import some with `paperboy import`.'}
      </p>
      <div class="actions">
        {props.allCategories ? (
          <a class="button" href={props.allCategories}>
            Show all categories
          </a>
        ) : null}
        {prev ? (
          <a class="button" href={props.link(windowPath(prev))}>
            <ArrowLeftIcon /> {windowLabel(prev)}
          </a>
        ) : null}
        {next ? (
          <a class="button" href={props.link(windowPath(next))}>
            {windowLabel(next)} <ArrowRightIcon />
          </a>
        ) : null}
      </div>
    </div>
  );
}

/** Any category at once: a select of the store's common categories (a GET form, no script needed). */
function CategoryPicker(props: { action: string; sort: string | undefined; current: string | undefined; categories: readonly string[] }) {
  const options = props.current && !props.categories.includes(props.current) ? [props.current, ...props.categories] : props.categories;
  return (
    <form class="day-picker" method="get" action={props.action}>
      <label class="sr-only" for="cat-picker">
        Category
      </label>
      <select id="cat-picker" name="cat" data-submit-on-change="">
        <option value="" selected={!props.current}>
          All categories
        </option>
        {options.map((c) => (
          <option value={c} selected={c === props.current}>
            {c}
          </option>
        ))}
      </select>
      {props.sort ? <input type="hidden" name="sort" value={props.sort} /> : null}
      <button class="button small" type="submit">
        Filter
      </button>
    </form>
  );
}

/** Any day at once: a date field that loads the daily view of that day (a GET form, no script needed). */
function DayPicker(props: { day: string; category: string | undefined; today: string | undefined }) {
  return (
    <form class="day-picker" method="get" action="/">
      <label class="sr-only" for="day-picker">
        Go to a day
      </label>
      <input id="day-picker" type="date" name="date" value={props.day} max={props.today} required />
      {props.category ? <input type="hidden" name="cat" value={props.category} /> : null}
      <button class="button small" type="submit">
        Go
      </button>
    </form>
  );
}
