/**
 * Small text helpers for pages: dates as people read them, author lists shortened like the
 * original ("A, B, C et al."), whitespace tidying for titles and abstract paragraphs, and links
 * that keep the feed's query parameters.
 */
import type { FeedWindow } from '../../core/feed-window.ts';
import type { Paper } from '../../core/paper.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 10, 2025" for a YYYY-MM-DD date; anything else is returned as given. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

/** The first few authors and "et al.", or "N authors" when only the count is known. */
export function shortAuthors(p: Pick<Paper, 'authors' | 'authorsCount'>, shown = 3): string {
  const total = Math.max(p.authors.length, p.authorsCount);
  if (p.authors.length === 0) return total > 0 ? `${total} author${total === 1 ? '' : 's'}` : '';
  const names = p.authors.slice(0, shown).join(', ');
  return total > shown ? `${names} et al.` : names;
}

/** Collapses runs of whitespace (titles arrive hard-wrapped from arXiv). */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Abstract paragraphs: split at blank lines, each tidied. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map(tidy)
    .filter(Boolean);
}

/** A path with query parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The canonical path of a feed window: /papers/date/2025-01-10, /papers/week/2025-W02, /papers/month/2025-01. */
export function windowPath(w: Pick<FeedWindow, 'kind' | 'key'>): string {
  return `/papers/${w.kind === 'day' ? 'date' : w.kind}/${w.key}`;
}

/** The path of a paper page (ids may hold a slash, as in hep-th/9901001, which stays readable). */
export function paperPath(id: string): string {
  return `/papers/${id.split('/').map(encodeURIComponent).join('/')}`;
}
