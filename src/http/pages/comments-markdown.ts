/**
 * The Markdown of comments, rendered to safe HTML: paragraphs, emphasis, strike-through, inline
 * code and code blocks, quotes, lists, links and `$…$` math (KaTeX, through renderInlineMath,
 * up to a budget of rendered size per comment).
 * Raw HTML is never passed through (markdown-it's `html: false` escapes it), images and
 * headings are off, and only http(s) and mailto links become anchors, each with
 * rel="nofollow ugc noopener noreferrer". Anything else stays visible as text.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';
import { closingDollar } from '../../core/math-text.ts';
import { escapeHtml, renderInlineMath } from './math.ts';

const LINK_REL = 'nofollow ugc noopener noreferrer';

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image', 'heading', 'lheading', 'table', 'hr', 'html_block', 'html_inline', 'reference']);
md.validateLink = (url: string): boolean => /^(https?:\/\/|mailto:)/i.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('rel', LINK_REL);
    token.attrSet('title', token.attrGet('href') ?? '');
  }
  return self.renderToken(tokens, idx, options);
};

/** `$tex$` found as in titles and abstracts (core/math-text.ts): the pandoc rule for dollars. */
function mathRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */ || src[start + 1] === '$') return false;
  const end = closingDollar(src, start);
  if (end < 0 || end >= state.posMax) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start + 1, end);
  }
  state.pos = end + 1;
  return true;
}
md.inline.ruler.after('escape', 'math_inline', mathRule);

/**
 * Rendered math a comment may hold, in characters of HTML. KaTeX's markup is some hundred times
 * the size of its source (`$x_{i}$` is about 1.5 KB), so a comment of nothing but math spans
 * would weigh a megabyte on every view of its paper; past this, math shows as its TeX source.
 */
export const COMMENT_MATH_BUDGET = 100_000;

md.renderer.rules.math_inline = (tokens, idx, _options, env: Record<string, unknown> = {}) => {
  const source = `$${tokens[idx]?.content ?? ''}$`;
  const html = renderInlineMath(source).toString();
  const left = typeof env['mathLeft'] === 'number' ? env['mathLeft'] : COMMENT_MATH_BUDGET;
  if (html.length > left) return `<code>${escapeHtml(source)}</code>`;
  env['mathLeft'] = left - html.length;
  return html;
};

/** Safe HTML for a comment's Markdown. */
export function renderCommentHtml(body: string): string {
  return md.render(body, { mathLeft: COMMENT_MATH_BUDGET });
}

/** The same, ready to place in a hono/jsx tree. */
export function CommentBody(props: { body: string }) {
  return raw(renderCommentHtml(props.body)) as HtmlEscapedString;
}
