/**
 * The reply mail: plain text telling someone of new comments that answer them (or that start a
 * discussion of a paper they submitted), each with who wrote it, on which paper, its text (read
 * as text, cut near 500 characters) and the link to it, then the one-click link that stops these
 * mails. Text only: what commenters wrote is never rendered as markup in anyone's mail client.
 */
import type { ReplyReason } from '../core/reply-notices.ts';
import { plainTitle } from '../core/math-text.ts';
import { commentText, truncateText } from './comment-text.ts';
import { snippet } from './html.ts';

/** Characters of a comment's text a mail quotes. */
export const QUOTED_CHARS = 500;

export interface ReplyMailItem {
  reason: ReplyReason;
  authorHandle: string;
  authorName: string;
  paperTitle: string;
  /** Markdown source of the comment. */
  body: string;
  /** Absolute link to the comment on its paper's page. */
  url: string;
}

export interface ReplyMailInput {
  siteName: string;
  items: ReplyMailItem[];
  /** Further comments this mail only counts, and where the first of them is. */
  more?: { count: number; url: string };
  offUrl: string;
  settingsUrl: string;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const title = (t: string): string => `“${snippet(plainTitle(t), 90)}”`;

function heading(item: ReplyMailItem): string {
  const who = `@${item.authorHandle} (${oneLine(item.authorName)})`;
  return item.reason === 'reply' ? `${who} replied to your comment on ${title(item.paperTitle)}:` : `${who} commented on ${title(item.paperTitle)}, a paper you submitted:`;
}

function subjectOf(m: ReplyMailInput): string {
  const n = m.items.length + (m.more?.count ?? 0);
  const first = m.items[0]!;
  if (n === 1) return first.reason === 'reply' ? `@${first.authorHandle} replied to your comment on ${title(first.paperTitle)}` : `@${first.authorHandle} commented on ${title(first.paperTitle)}`;
  const replies = m.items.every((i) => i.reason === 'reply');
  return `${n} new ${replies ? 'replies to your comments' : 'comments for you'} on ${m.siteName}`;
}

/** Renders a reply mail's subject and text. */
export function renderReplyMail(m: ReplyMailInput): { subject: string; text: string } {
  const out: string[] = [];
  for (const item of m.items) {
    const quoted = truncateText(commentText(item.body), QUOTED_CHARS)
      .split('\n')
      .map((line) => (line ? `    ${line}` : ''));
    out.push(heading(item), '', ...quoted, '', `Read it and answer: ${item.url}`, '');
  }
  if (m.more) out.push(`And ${m.more.count} more, the first here: ${m.more.url}`, '');
  out.push(
    '--',
    `${m.siteName} mails you when someone replies to your comments or comments on a paper you submitted.`,
    `Turn these mails off (one click): ${m.offUrl}`,
    `Or in your settings: ${m.settingsUrl}`,
    '',
  );
  return { subject: subjectOf(m), text: out.join('\n') };
}
