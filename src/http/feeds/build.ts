/**
 * Turns a list of papers into an Atom or RSS document with the `feed` package. Each entry's id
 * is the paper's page URL, which never changes, so readers never see a paper twice.
 */
import { Feed } from 'feed';
import type { Paper } from '../../core/paper.ts';
import { mathToText, plainTitle } from '../../core/math-text.ts';

export type FeedFormat = 'atom' | 'rss';

export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  page: string;
  /** Absolute URL of this feed, without its extension (".atom"/".rss" are appended). */
  self: string;
  /** Query string shared by both formats' URLs ("" or "?q=…"). */
  query: string;
  updated: Date;
}

/** Absolute URL of a paper's page. */
export function paperLink(baseUrl: string, id: string): string {
  return `${baseUrl}/papers/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** The feed document in a format. */
export function renderFeed(format: FeedFormat, meta: FeedMeta, papers: readonly Paper[], baseUrl: string, siteName: string): string {
  const feed = new Feed({
    id: `${meta.self}.atom${meta.query}`,
    title: meta.title,
    description: meta.description,
    link: meta.page,
    updated: meta.updated,
    generator: siteName,
    language: 'en',
    feedLinks: { atom: `${meta.self}.atom${meta.query}`, rss: `${meta.self}.rss${meta.query}` },
    copyright: `Abstracts belong to their authors; listing by ${siteName}`,
  });
  for (const p of papers) {
    const link = paperLink(baseUrl, p.id);
    const date = p.feedDate ?? p.publishedOn;
    const meta2 = [p.organization, `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`, p.categories[0]].filter(Boolean).join(' · ');
    feed.addItem({
      title: plainTitle(p.title),
      id: link,
      guid: link,
      link,
      date: date ? new Date(`${date}T00:00:00Z`) : meta.updated,
      description: `${meta2}\n\n${mathToText(p.abstract)}`.trim(),
      author: p.authors.slice(0, 20).map((name) => ({ name })),
      category: p.categories.map((c) => ({ name: c, term: c })),
    });
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}
