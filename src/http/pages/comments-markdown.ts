/**
 * The Markdown of comments, rendered to safe HTML: paragraphs, emphasis, strike-through, inline
 * code and code blocks, quotes, lists, links, `$…$` math (KaTeX, through renderInlineMath) and
 * `$$…$$` display math (KaTeX's display mode, centred on a line of its own), up to a budget of
 * rendered math per comment. Also excerpts of a comment's source, for lists of comments.
 * Raw HTML is never passed through (markdown-it's `html: false` escapes it), images and
 * headings are off, and only http(s) and mailto links become anchors, each with
 * rel="nofollow ugc noopener noreferrer". Anything else stays visible as text.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import type { StateBlock, StateInline } from 'markdown-it';
import { closingDollar } from '../../core/math-text.ts';
import { escapeHtml, KATEX_OPTIONS, renderInlineMath } from './math.ts';

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

/*
 * A code block keeps its lines (it scrolls sideways when one is wider than the comment, as on a
 * phone), so it takes keyboard focus (tabindex 0), as display math does: arrow keys scroll it.
 */
const FOCUSABLE_PRE = '<pre tabindex="0">';
for (const rule of ['fence', 'code_block'] as const) {
  const render = md.renderer.rules[rule];
  if (!render) throw new Error(`markdown-it has no ${rule} rule`);
  md.renderer.rules[rule] = (...args) => render(...args).replace(/^<pre>/, FOCUSABLE_PRE);
}

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

/** Longest display math taken as math (inline math keeps core/math-text.ts's shorter limit). */
const MAX_DISPLAY_CHARS = 2000;

/** Index of the next `$$` in src[from, limit), skipping backslash escapes (`\$` is a dollar), or -1. */
function nextDoubleDollar(src: string, from: number, limit: number): number {
  for (let j = from; j < limit - 1; j++) {
    const c = src.charCodeAt(j);
    if (c === 0x5c /* \ */) j++;
    else if (c === 0x24 && src.charCodeAt(j + 1) === 0x24) return j;
  }
  return -1;
}

/**
 * `$$tex$$` inside a paragraph: display math all the same (a centred line in the paragraph). An
 * unclosed `$$` is text, taken whole so that its second dollar never opens inline math.
 */
function displayInlineRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 || src.charCodeAt(start + 1) !== 0x24) return false;
  const end = nextDoubleDollar(src, start + 2, Math.min(state.posMax, start + 4 + MAX_DISPLAY_CHARS));
  const tex = end < 0 ? '' : src.slice(start + 2, end);
  // As for `$`, a closing `$$` before a digit is money ("$$5 and $$10"), not math; `$$ $$` is text.
  if (!tex.trim() || /\d/.test(src[end + 2] ?? '')) {
    const text = end >= 0 && !tex.trim() ? src.slice(start, end + 2) : '$$';
    if (!silent) state.pending += text;
    state.pos = start + text.length;
    return true;
  }
  if (!silent) state.push('math_display', 'math', 0).content = tex;
  state.pos = end + 2;
  return true;
}

/**
 * A block of display math: a line that starts with `$$`, up to the line that ends with the
 * closing `$$` (the same line or a later one, with no blank line between). It may interrupt a
 * paragraph, so "the loss is\n$$…$$\nwhere…" is text, math, text.
 */
function displayBlockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const src = state.src;
  const begin = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (src.charCodeAt(begin) !== 0x24 || src.charCodeAt(begin + 1) !== 0x24) return false;
  const lines: string[] = [];
  let from = begin + 2;
  for (let line = startLine; ; ) {
    const lineEnd = state.eMarks[line]!;
    const close = nextDoubleDollar(src, from, lineEnd);
    if (close >= 0) {
      if (src.slice(close + 2, lineEnd).trim() !== '') return false;
      lines.push(src.slice(from, close));
      const tex = lines.join('\n');
      if (!tex.trim() || tex.length > MAX_DISPLAY_CHARS) return false;
      if (silent) return true;
      const token = state.push('math_block', 'math', 0);
      token.block = true;
      token.content = tex;
      token.map = [startLine, line + 1];
      state.line = line + 1;
      return true;
    }
    lines.push(src.slice(from, lineEnd));
    line++;
    if (line >= endLine || state.isEmpty(line) || state.sCount[line]! < state.blkIndent) return false;
    from = state.bMarks[line]! + state.tShift[line]!;
    if (lineEnd - begin > MAX_DISPLAY_CHARS) return false;
  }
}

md.inline.ruler.after('escape', 'math_display', displayInlineRule);
md.inline.ruler.after('math_display', 'math_inline', mathRule);
md.block.ruler.before('paragraph', 'math_block', displayBlockRule, { alt: ['paragraph', 'blockquote', 'list'] });

/**
 * Rendered math a comment may hold, in characters of HTML. KaTeX's markup is some hundred times
 * the size of its source (`$x_{i}$` is about 1.5 KB), so a comment of nothing but math spans
 * would weigh a megabyte on every view of its paper; past this, math shows as its TeX source.
 */
export const COMMENT_MATH_BUDGET = 100_000;
/** The same for an excerpt in a list of comments (a profile, the moderation page), of which a page holds many. */
export const EXCERPT_MATH_BUDGET = 20_000;

/** Renders math within what is left of the comment's budget; undefined (nothing spent) when it does not fit. */
function withinBudget(env: Record<string, unknown>, render: () => string): string | undefined {
  const left = typeof env['mathLeft'] === 'number' ? env['mathLeft'] : COMMENT_MATH_BUDGET;
  if (left <= 0) return undefined;
  const html = render();
  if (html.length > left) return undefined;
  env['mathLeft'] = left - html.length;
  return html;
}

const displayCache = new Map<string, string>();

/**
 * KaTeX display math, made as math.ts makes inline math: the same options, `style` attributes
 * moved to `data-ks` (the CSP forbids inline styles; /assets/math.js applies them) and the TeX
 * kept as the screen readers' text. math.ts renders inline spans only, hence this one here.
 * The outer span is the box that scrolls sideways when the formula is wider than the comment,
 * so it takes keyboard focus (tabindex 0): arrow keys scroll it without a mouse.
 */
function renderDisplayTex(tex: string): string {
  const hit = displayCache.get(tex);
  if (hit !== undefined) return hit;
  let html: string;
  try {
    const rendered = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: true });
    html = `<span class="math math-display" tabindex="0"><span class="sr-only">${escapeHtml(tex)}</span>${rendered.replace(/ style="([^"]*)"/g, ' data-ks="$1"')}</span>`;
  } catch {
    html = `<code>${escapeHtml(`$$${tex}$$`)}</code>`;
  }
  if (displayCache.size >= 500) displayCache.delete(displayCache.keys().next().value as string);
  displayCache.set(tex, html);
  return html;
}

md.renderer.rules.math_inline = (tokens, idx, _options, env: Record<string, unknown> = {}) => {
  const source = `$${tokens[idx]?.content ?? ''}$`;
  return withinBudget(env, () => renderInlineMath(source).toString()) ?? `<code>${escapeHtml(source)}</code>`;
};
md.renderer.rules.math_display = (tokens, idx, _options, env: Record<string, unknown> = {}) => {
  const tex = tokens[idx]?.content ?? '';
  return withinBudget(env, () => renderDisplayTex(tex)) ?? `<code>${escapeHtml(`$$${tex}$$`)}</code>`;
};
md.renderer.rules.math_block = (tokens, idx, _options, env: Record<string, unknown> = {}) => {
  const tex = tokens[idx]?.content ?? '';
  const html = withinBudget(env, () => renderDisplayTex(tex));
  return html ? `<div class="math-block">${html}</div>\n` : `${FOCUSABLE_PRE}<code>${escapeHtml(`$$${tex}$$`)}</code></pre>\n`;
};

/** Safe HTML for a comment's Markdown, with at most `mathBudget` characters of rendered math. */
export function renderCommentHtml(body: string, mathBudget = COMMENT_MATH_BUDGET): string {
  return md.render(body, { mathLeft: mathBudget });
}

/** The same, ready to place in a hono/jsx tree. */
export function CommentBody(props: { body: string; mathBudget?: number }) {
  return raw(renderCommentHtml(props.body, props.mathBudget)) as HtmlEscapedString;
}

/** Length of a comment's excerpt in lists, in characters of Markdown source. */
export const EXCERPT_CHARS = 600;

/**
 * The start of a comment's Markdown source, about `max` characters cut at a word boundary and
 * never inside math, inline code or a link (those are kept whole or left out); `cut` says
 * whether anything was left out. A code block cut open is closed again, so what follows it
 * (the ellipsis) is not taken for code.
 */
export function commentExcerpt(body: string, max = EXCERPT_CHARS): { text: string; cut: boolean } {
  const source = body.trim();
  if (source.length <= max) return { text: source, cut: false };
  const spans = atomicSpans(source, max * 4);
  const inside = (i: number) => spans.find(([a, b]) => i > a && i < b);
  let end = inside(max)?.[0] ?? max;
  // Back to a space outside math and code; a word longer than half the excerpt is cut as it is.
  let k = end;
  while (k > 0 && !(/\s/.test(source[k] ?? '') && !inside(k))) k--;
  if (k > max / 2) end = k;
  // A first span too long to fit comes whole rather than not at all.
  if (end === 0) end = spans[0]?.[1] ?? max;
  const text = source.slice(0, end).trimEnd();
  const fence = openFence(text);
  return { text: fence ? `${text}\n…\n${fence}` : `${text.replace(/[,;:\-–]+$/, '')}…`, cut: true };
}

/**
 * [start, end) ranges of `$$…$$`, `$…$`, `` `code` `` and `[link](url)` in the first `limit`
 * characters, found as the renderer finds them (fenced code blocks hold none).
 */
function atomicSpans(src: string, limit: number): [number, number][] {
  const out: [number, number][] = [];
  const stop = Math.min(src.length, limit);
  let i = 0;
  while (i < stop) {
    const c = src[i];
    // Only where a span or a fence may begin is the text ahead read.
    const rest = '\\$`[~ '.includes(c ?? '\n') ? src.slice(i, i + 2400) : '';
    let skip = 1;
    let close = -1;
    if (c === '\\') {
      skip = 2;
    } else if ((i === 0 || src[i - 1] === '\n') && /^ {0,3}(`{3,}|~{3,})/.test(rest)) {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(rest)?.[1] ?? '```';
      const after = src.indexOf(`\n${marker}`, i + marker.length);
      skip = (after < 0 ? src.length : after + 1 + marker.length) - i;
    } else if (c === '$' && src[i + 1] === '$') {
      const end = nextDoubleDollar(src, i + 2, Math.min(src.length, i + 4 + MAX_DISPLAY_CHARS));
      close = end < 0 ? -1 : end + 2;
      skip = 2;
    } else if (c === '$') {
      const end = closingDollar(src, i);
      close = end < 0 ? -1 : end + 1;
    } else if (c === '`') {
      const ticks = /^`+/.exec(rest)?.[0] ?? '`';
      const end = src.indexOf(ticks, i + ticks.length);
      close = end < 0 ? -1 : end + ticks.length;
      skip = ticks.length;
    } else if (c === '[') {
      const link = /^\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\)/.exec(rest);
      close = link ? i + link[0].length : -1;
    }
    if (close > i) {
      out.push([i, close]);
      i = close;
    } else {
      i += skip;
    }
  }
  return out;
}

/** The fence of a code block left open at the end of `text`, or ''. */
function openFence(text: string): string {
  let open = '';
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    const marker = m[1] as string;
    if (!open) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length && line.trim() === marker) open = '';
  }
  return open;
}
