/**
 * Inline math in titles and abstracts: `$…$` spans (found by core/math-text.ts) are rendered
 * server-side with KaTeX, the rest is HTML-escaped. Any input, however broken, yields safe HTML.
 *
 * The app's CSP forbids inline styles, and KaTeX positions glyphs with `style` attributes, so
 * those become `data-ks` attributes that /assets/math.js applies through the CSSOM (which CSP
 * allows). Without JavaScript the math still reads correctly, only less finely positioned.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import katex from 'katex';
import { splitMath } from '../../core/math-text.ts';

/** Largest size, in ems, a TeX source may ask for (`\rule`, `\hspace`, `\kern`, `\raisebox`). */
export const MATH_MAX_SIZE_EM = 2;

/**
 * KaTeX's options for any TeX a user or a source wrote: no trusted commands, macros expanded at
 * most 200 times, and sizes the source gives capped at MATH_MAX_SIZE_EM, so that
 * `\rule{100000em}{100000em}` draws a box the size of a letter, not one wider than a phone.
 */
export const KATEX_OPTIONS = { throwOnError: false, trust: false, output: 'html', strict: 'ignore', maxExpand: 200, maxSize: MATH_MAX_SIZE_EM } as const;

const CACHE_SIZE = 2000;
const cache = new Map<string, string>();

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** KaTeX HTML for one TeX span, with a text alternative for screen readers (KaTeX's is hidden). */
function renderTex(tex: string): string {
  const hit = cache.get(tex);
  if (hit !== undefined) return hit;
  let html: string;
  try {
    const rendered = katex.renderToString(tex, KATEX_OPTIONS);
    html = `<span class="math"><span class="sr-only">${escapeHtml(tex)}</span>${rendered.replace(/ style="([^"]*)"/g, ' data-ks="$1"')}</span>`;
  } catch {
    // throwOnError:false covers parse errors; anything else KaTeX throws shows the source as text.
    html = escapeHtml(`$${tex}$`);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(tex, html);
  return html;
}

/**
 * Safe HTML for text with inline `$…$` math: KaTeX for the math, escaped text for the rest, in
 * which the words `mark` accepts (a search's words) are wrapped in <mark>.
 */
export function renderInlineMath(text: string, mark?: (word: string) => boolean): HtmlEscapedString {
  return raw(splitMath(text).map((s) => (s.math ? renderTex(s.text) : mark ? markWords(s.text, mark) : escapeHtml(s.text))).join('')) as HtmlEscapedString;
}

// Escaped text with the accepted words marked.
function markWords(text: string, mark: (word: string) => boolean): string {
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((piece, i) => (i % 2 === 1 && mark(piece) ? `<mark>${escapeHtml(piece)}</mark>` : escapeHtml(piece)))
    .join('');
}

/**
 * The text cut to about `max` characters at a word boundary, never inside a math span, with an
 * ellipsis when cut. Returns TeX source with dollars, ready for renderInlineMath.
 */
export function truncateMath(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const seg of splitMath(text)) {
    if (seg.math) {
      if (out.length + seg.text.length + 2 > max) return `${out.trimEnd()}…`;
      out += `$${seg.text}$`;
      continue;
    }
    const room = max - out.length;
    const plain = seg.text.replace(/\$/g, '\\$');
    if (seg.text.length <= room) {
      out += plain;
      continue;
    }
    const cut = seg.text.slice(0, room);
    const space = /\s/.test(seg.text[room] ?? '') ? room : cut.lastIndexOf(' ');
    const kept = space > 0 && room - space < 40 ? cut.slice(0, space) : cut;
    return `${(out + kept.replace(/\$/g, '\\$')).trimEnd().replace(/[,;:.\-–]+$/, '')}…`;
  }
  return out;
}
