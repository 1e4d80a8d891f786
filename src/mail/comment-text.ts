/**
 * A comment's Markdown read as plain text, for mail: what the page shows, without markup.
 * Emphasis marks go, code keeps its text, a link shows its address after its words, quotes keep
 * "> " and list items their bullet or number, and `$…$` math reads as Unicode (core/math-text.ts).
 * Raw HTML in a comment was never markup (the page shows it as text) and stays text here; the
 * mails that carry this are text/plain, so nothing in it is ever rendered.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { mathToText } from '../core/math-text.ts';

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image', 'heading', 'lheading', 'table', 'hr', 'html_block', 'html_inline', 'reference']);
// As on the page: only these become links; anything else stays the text it was written as.
md.validateLink = (url: string): boolean => /^(https?:\/\/|mailto:)/i.test(url.trim());

/** The text of an inline run; a link's address follows its words when they differ. */
function inlineText(children: readonly Token[]): string {
  let out = '';
  const links: { href: string; start: number }[] = [];
  for (const t of children) {
    if (t.type === 'text' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += '\n';
    else if (t.type === 'link_open') links.push({ href: String(t.attrGet('href') ?? ''), start: out.length });
    else if (t.type === 'link_close') {
      const link = links.pop();
      const words = link ? out.slice(link.start) : '';
      if (link?.href && words !== link.href && `mailto:${words}` !== link.href) out += ` (${link.href})`;
    }
  }
  return out;
}

/** A comment's Markdown as plain text. */
export function commentText(body: string): string {
  let out = '';
  let quote = 0;
  let tight = false;
  let bullet = '';
  const lists: { ordered: boolean; n: number }[] = [];
  const emit = (text: string, blockTight: boolean) => {
    const prefix = '> '.repeat(quote) + '   '.repeat(Math.max(0, lists.length - 1));
    const first = bullet;
    bullet = '';
    const lines = text.split('\n').map((line, i) => `${prefix}${i === 0 ? first : ' '.repeat(first.length)}${line}`);
    out += `${lines.join('\n')}${blockTight ? '\n' : '\n\n'}`;
  };
  for (const t of md.parse(mathToText(body), {})) {
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (!out.endsWith('\n\n')) out += '\n';
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        bullet = list?.ordered ? `${++list.n}. ` : '- ';
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'paragraph_open':
        tight = t.hidden;
        break;
      case 'inline':
        emit(inlineText(t.children ?? []), tight);
        break;
      case 'fence':
      case 'code_block':
        emit(t.content.replace(/\n$/, ''), false);
        break;
      default:
        break;
    }
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

/** Text cut near `max` characters at a word boundary, with an ellipsis when anything was left out. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
