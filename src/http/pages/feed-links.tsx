/** Visible Atom and RSS links of a page, and the feed path for a window kind or a search. */
import { feedLinks } from '../feeds/routes.ts';

/** The feed path of a feed page (`/feeds/daily?cat=cs.LG`) or a search (`/feeds/search?q=…`). */
export function feedPathFor(opts: { kind?: 'day' | 'week' | 'month'; trending?: boolean; query?: string; category?: string | undefined }): string {
  const params = new URLSearchParams();
  if (opts.query !== undefined) params.set('q', opts.query);
  if (opts.category) params.set('cat', opts.category);
  const name = opts.query !== undefined ? 'search' : opts.trending ? 'trending' : opts.kind === 'week' ? 'weekly' : opts.kind === 'month' ? 'monthly' : 'daily';
  const qs = params.toString();
  return `/feeds/${name}${qs ? `?${qs}` : ''}`;
}

/** The <link rel=alternate> entries for a feed path. */
export function alternateFeeds(path: string, title: string) {
  return feedLinks(path, title);
}

/** "Follow: Atom · RSS" for a feed path. */
export function FeedLinks(props: { path: string }) {
  const [atom, rss] = feedLinks(props.path, '');
  return (
    <p class="feed-links">
      Follow in a feed reader: <a href={atom!.href}>Atom</a> · <a href={rss!.href}>RSS</a>
    </p>
  );
}
