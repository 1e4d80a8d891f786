/**
 * Inline math in titles and abstracts: `$…$` spans are rendered server-side with KaTeX, the rest
 * is HTML-escaped. Dollars follow pandoc's rule (an opening `$` is followed by a non-space, a
 * closing `$` is preceded by a non-space and not followed by a digit), so prices like "$25 and
 * $15" stay text; `\$` is a literal dollar. Any input, however broken, yields safe HTML.
 *
 * The app's CSP forbids inline styles, and KaTeX positions glyphs with `style` attributes, so
 * those become `data-ks` attributes that /assets/math.js applies through the CSSOM (which CSP
 * allows). Without JavaScript the math still reads correctly, only less finely positioned.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import katex from 'katex';

/** A run of plain text or of TeX source (without its dollars). */
export interface MathSegment {
  math: boolean;
  text: string;
}

/** Longest TeX span rendered; longer ones are more likely stray dollars than math. */
const MAX_MATH_CHARS = 300;
const CACHE_SIZE = 2000;
const cache = new Map<string, string>();

/** Splits text into plain and `$…$` math segments; unmatched dollars stay in the text. */
export function splitMath(text: string): MathSegment[] {
  const out: MathSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '$') {
      plain += '$';
      i += 2;
      continue;
    }
    if (ch === '$' && text[i + 1] === '$') {
      // Display math ($$…$$) is rare in titles and abstracts; left as text rather than guessed at.
      plain += '$$';
      i += 2;
      continue;
    }
    if (ch === '$') {
      const end = closingDollar(text, i);
      if (end > 0) {
        if (plain) out.push({ math: false, text: plain });
        out.push({ math: true, text: text.slice(i + 1, end) });
        plain = '';
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  if (plain) out.push({ math: false, text: plain });
  return out;
}

/** Index of the `$` closing the span opened at `open`, or -1. */
function closingDollar(text: string, open: number): number {
  const first = text[open + 1];
  if (first === undefined || /\s/.test(first)) return -1;
  const limit = Math.min(text.length, open + 2 + MAX_MATH_CHARS);
  for (let j = open + 1; j < limit; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '\n' && text[j + 1] === '\n') return -1;
    if (c !== '$' || j === open + 1) continue;
    if (/\s/.test(text[j - 1] ?? ' ') || /\d/.test(text[j + 1] ?? '')) return -1;
    return j;
  }
  return -1;
}

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
    const rendered = katex.renderToString(tex, { throwOnError: false, trust: false, output: 'html', strict: 'ignore', maxExpand: 200, maxSize: 20 });
    html = `<span class="math"><span class="sr-only">${escapeHtml(tex)}</span>${rendered.replace(/ style="([^"]*)"/g, ' data-ks="$1"')}</span>`;
  } catch {
    // throwOnError:false covers parse errors; anything else KaTeX throws shows the source as text.
    html = escapeHtml(`$${tex}$`);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(tex, html);
  return html;
}

/** Safe HTML for text with inline `$…$` math: KaTeX for the math, escaped text for the rest. */
export function renderInlineMath(text: string): HtmlEscapedString {
  return raw(splitMath(text).map((s) => (s.math ? renderTex(s.text) : escapeHtml(s.text))).join('')) as HtmlEscapedString;
}

/** True when the text holds at least one math span. */
export function hasMath(text: string): boolean {
  return text.includes('$') && splitMath(text).some((s) => s.math);
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
