/** Visible Atom and RSS links of a page, and the feed paths of windows, searches, organizations and authors. */
import type { Follow } from '../../core/digest.ts';
import { feedLinks } from '../feeds/routes.ts';
import { FollowButton } from './follow-button.tsx';

/** The feed path of a feed page (`/feeds/daily?cat=cs.LG`) or a search (`/feeds/search?q=…`). */
export function feedPathFor(opts: { kind?: 'day' | 'week' | 'month'; trending?: boolean; query?: string; category?: string | undefined }): string {
  const params = new URLSearchParams();
  if (opts.query !== undefined) params.set('q', opts.query);
  if (opts.category) params.set('cat', opts.category);
  const name = opts.query !== undefined ? 'search' : opts.trending ? 'trending' : opts.kind === 'week' ? 'weekly' : opts.kind === 'month' ? 'monthly' : 'daily';
  const qs = params.toString();
  return `/feeds/${name}${qs ? `?${qs}` : ''}`;
}

/** The feed path of an organization page. */
export function orgFeedPath(handle: string): string {
  return `/feeds/organization?handle=${encodeURIComponent(handle)}`;
}

/** The feed path of the papers naming an organization (one without a page of its own). */
export function namedOrgFeedPath(name: string): string {
  return `/feeds/organization?${new URLSearchParams({ name }).toString()}`;
}

/** The feed path of an author's papers. */
export function authorFeedPath(name: string): string {
  return `/feeds/author?${new URLSearchParams({ name }).toString()}`;
}

/** The <link rel=alternate> entries for a feed path. */
export function alternateFeeds(path: string, title: string) {
  return feedLinks(path, title);
}

/** "Follow in a feed reader: Atom · RSS" for a feed path, and the digest's follow button when given what to follow. */
export function FeedLinks(props: { path: string; follow?: Follow }) {
  const [atom, rss] = feedLinks(props.path, '');
  return (
    <div class="feed-links">
      <p>
        Follow in a feed reader: <a href={atom!.href}>Atom</a> · <a href={rss!.href}>RSS</a>
      </p>
      {props.follow ? <FollowButton follow={props.follow} /> : null}
    </div>
  );
}
