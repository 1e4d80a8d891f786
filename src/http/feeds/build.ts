/**
 * Turns a list of papers into an Atom or RSS document with the `feed` package. Each entry's id
 * is the paper's page URL, which never changes, so readers never see a paper twice.
 *
 * Entry summaries go out as HTML (Atom `type="html"`, RSS descriptions), which feed readers
 * render: every piece of paper text is HTML-escaped first, so a title such as `<img onerror=…>`
 * reads as that text and never becomes markup. Titles are HTML in Atom (escaped the same way) but
 * plain text in RSS 2.0, where `feed` puts them in CDATA as they are: "Don&#39;t" there would read
 * as typed. Its XML writer splits only the first `]]>` of a CDATA section, so a title holding more
 * could end the section and write elements of its own (another `<link>`); each `]]>` of an RSS
 * title is split here instead (rssTitle).
 *
 * Authors are names without addresses: Atom's `<author><name>`, and in RSS Dublin Core's
 * `<dc:creator>` (one per author), since RSS 2.0's `<author>` must hold an email address. The
 * `feed` package writes item extensions but adds the dc namespace only for `content:encoded`,
 * so it is declared here.
 */
import { randomUUID } from 'node:crypto';
import { Feed, type Item } from 'feed';
import { orgLabel, type Paper } from '../../core/paper.ts';
import { mathToText, plainTitle } from '../../core/math-text.ts';
import { escapeHtml } from '../pages/math.ts';

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

/**
 * Characters XML 1.0 has no place for (control characters other than tab and line breaks, and
 * U+FFFE/U+FFFF): a single one in an imported title would leave the whole feed unreadable.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Half of a surrogate pair without its other half: no character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A category as the feed names it: arXiv's shape only (`cs.LG`, `hep-th`), since the `feed` package writes it into an attribute unescaped. */
const FEED_CATEGORY = /^[A-Za-z0-9][A-Za-z0-9.-]{0,40}$/;

/** The feed document in a format. */
export function renderFeed(format: FeedFormat, meta: FeedMeta, papers: readonly Paper[], baseUrl: string, siteName: string): string {
  // Stands for `]]>` in RSS titles until the XML is written; random, so no paper text holds it.
  const cdataEnd = `\uE000${randomUUID()}\uE001`;
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
    // Atom requires an author for entries without one (some papers only know a count of authors).
    author: { name: siteName },
  });
  for (const p of papers) {
    const link = paperLink(baseUrl, p.id);
    const date = p.feedDate ?? p.publishedOn;
    const meta2 = [orgLabel(p), `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`, p.categories[0]].filter(Boolean).join(' · ');
    feed.addItem({
      // Atom's title is type="html"; RSS 2.0's is plain text, so an entity there reads as typed.
      title: format === 'atom' ? escapeHtml(plainTitle(p.title)) : rssTitle(plainTitle(p.title), cdataEnd),
      id: link,
      guid: link,
      link,
      date: date ? new Date(`${date}T00:00:00Z`) : meta.updated,
      description: `<p>${escapeHtml(meta2)}</p>\n<p>${escapeHtml(mathToText(p.abstract))}</p>`,
      ...authorsOf(format, p.authors.slice(0, 20)),
      category: p.categories.filter((c) => FEED_CATEGORY.test(c)).map((c) => ({ name: c, term: c })),
    });
  }
  const xml = format === 'atom' ? feed.atom1() : withDcNamespace(feed.rss2()).split(cdataEnd).join(CDATA_SPLIT);
  return xml.replace(NOT_XML, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** `]]>` inside a CDATA section: `]]` ends one section, the next one starts with `>`. */
const CDATA_SPLIT = ']]]]><![CDATA[>';

/** An RSS title (written in CDATA) with each `]]>` replaced by the placeholder the XML then gets CDATA_SPLIT for. */
function rssTitle(title: string, cdataEnd: string): string {
  return title.split(']]>').join(cdataEnd);
}

/** An item's authors: Atom `author` entries, or RSS `dc:creator` elements (`feed` writes `author` there as RSS's email field). */
function authorsOf(format: FeedFormat, names: string[]): Pick<Item, 'author' | 'extensions'> {
  if (format === 'atom') return { author: names.map((name) => ({ name })) };
  return names.length > 0 ? { extensions: [{ name: 'dc:creator', objects: names.map((name) => ({ _text: name })) as unknown as Record<string, unknown> /* repeated elements: xml-js takes an array */ }] } : {};
}

const DC = 'http://purl.org/dc/elements/1.1/';

/** Declares the Dublin Core namespace on the `<rss>` element, once. */
function withDcNamespace(xml: string): string {
  return xml.includes(`xmlns:dc="${DC}"`) ? xml : xml.replace(/<rss\b/, `<rss xmlns:dc="${DC}"`);
}
