/**
 * BibTeX export: one @misc entry per paper, with eprint / archivePrefix / primaryClass when the
 * arXiv id is known. Every value is escaped for LaTeX (braces, backslashes and the specials), so
 * a hostile title cannot break the file; a title's `$…$` math stays math when its braces balance
 * and it uses only common math commands,
 * and the title is double-braced so bibliography styles keep its capitals ("GAN", "LLMs").
 * Citation keys are derived from the paper alone (first author's surname, year, first title
 * word), so the same paper keeps its key.
 */
import { splitMath } from './math-text.ts';
import type { Paper } from './paper.ts';

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Control characters and line breaks become spaces (a value stays on one line). */
// eslint-disable-next-line no-control-regex
const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();

/** LaTeX specials and braces become commands. */
const escapeChars = (text: string): string => text.replace(/[\\{}&%$#_~^]/g, (ch) => SPECIALS[ch] as string);

/** Escapes text for a braced BibTeX value: LaTeX specials and braces become commands. */
export function escapeBibtex(text: string): string {
  return escapeChars(oneLine(text));
}

const ascii = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const STOP = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'towards', 'toward', 'is', 'are', 'from', 'by', 'at', 'via']);

/** The year of a paper: publication date, feed date, or the YYMM of a new-style arXiv id. */
export function paperYear(p: Pick<Paper, 'publishedOn' | 'feedDate' | 'arxivId'>): string | undefined {
  const date = p.publishedOn ?? p.feedDate;
  if (date) return date.slice(0, 4);
  const m = /^(\d{2})\d{2}\.\d{4,5}$/.exec(p.arxivId ?? '');
  return m ? `20${m[1]}` : undefined;
}

/** The citation key of a paper: "lovelace2025analytical" (surname, year, first significant title word). */
export function citationKey(p: Pick<Paper, 'authors' | 'title' | 'publishedOn' | 'feedDate' | 'arxivId' | 'id'>): string {
  const first = p.authors[0]?.trim() ?? '';
  const surname = ascii(first.includes(',') ? (first.split(',')[0] ?? '') : (first.split(/\s+/).pop() ?? '')) || 'anon';
  const word = p.title.split(/\s+/).map(ascii).find((w) => w.length > 0 && !STOP.has(w)) ?? ascii(p.id) ?? 'paper';
  return `${surname}${paperYear(p) ?? ''}${word.slice(0, 20)}`;
}

/**
 * The control words a title's math may keep: letters, fonts, operators, relations, arrows,
 * delimiters and accents, what real titles use. Anything else (a macro of the authors' own, or a
 * TeX primitive such as `\input` or `\write18` in a hostile record) turns the span into
 * escaped text, so compiling an exported bibliography runs nothing it should not.
 */
const MATH_WORDS = new Set(
  `alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma
  varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega
  mathbb mathcal mathrm mathbf mathit mathsf mathtt mathscr mathfrak boldsymbol bm pmb text textrm textit textbf texttt
  textsf textsc emph mbox rm bf it sf tt cal Bbb operatorname displaystyle textstyle scriptstyle
  frac tfrac dfrac sqrt sum prod int oint lim sup inf max min arg log ln exp sin cos tan det dim ker deg Pr
  times cdot cdots ldots dots vdots ddots pm mp div ast star circ bullet oplus otimes odot setminus cup cap wedge vee
  leq le geq ge neq ne approx sim simeq cong equiv propto ll gg lesssim gtrsim leqslant geqslant in notin subset
  subseteq supset supseteq to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow mapsto
  longrightarrow hookrightarrow uparrow downarrow nearrow searrow infty partial nabla ell hbar emptyset forall exists
  neg prime dagger top bot perp mid parallel left right big Big bigg Bigg langle rangle lvert rvert lVert rVert
  lfloor rfloor lceil rceil hat tilde bar vec dot ddot acute grave breve check widehat widetilde overline underline
  overrightarrow overbrace underbrace quad qquad square Box triangle boxed`.split(/\s+/),
);

/** Control symbols (a backslash and one non-letter) that only space or escape a character. */
const MATH_SYMBOLS = new Set([',', ';', '!', ':', ' ', '{', '}', '_', '&', '#', '|']);

/** True when TeX can go into a braced value as it is: known math commands only, braces balance and nothing closes the field early. */
function safeTex(tex: string): boolean {
  for (const m of tex.matchAll(/\\([A-Za-z]+|[^A-Za-z]?)/g)) {
    const name = m[1] ?? '';
    if (!(/^[A-Za-z]/.test(name) ? MATH_WORDS.has(name) : MATH_SYMBOLS.has(name))) return false;
  }
  // BibTeX counts every brace, escaped or not.
  let depth = 0;
  for (const ch of tex) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  // eslint-disable-next-line no-control-regex
  return depth === 0 && !/[\u0000-\u001f%]/.test(tex);
}

/** A title for a braced value: text escaped, math kept where it is safe to. */
export function bibtexTitle(title: string): string {
  return splitMath(oneLine(title))
    .map((seg) => (seg.math && safeTex(seg.text) ? `$${seg.text}$` : escapeChars(seg.math ? `$${seg.text}$` : seg.text)))
    .join('');
}

/** One @misc entry. */
export function bibtexEntry(p: Paper, key = citationKey(p)): string {
  const fields: [string, string][] = [];
  if (p.authors.length > 0) fields.push(['author', p.authors.map((a) => a.trim()).filter(Boolean).join(' and ')]);
  const year = paperYear(p);
  if (year) fields.push(['year', year]);
  if (p.arxivId) {
    fields.push(['eprint', p.arxivId], ['archivePrefix', 'arXiv']);
    if (p.categories[0]) fields.push(['primaryClass', p.categories[0]]);
    fields.push(['url', `https://arxiv.org/abs/${p.arxivId}`]);
  } else if (p.projectPage) {
    fields.push(['url', p.projectPage]);
  }
  const body = [`  title = {{${bibtexTitle(p.title)}}},`, ...fields.map(([k, v]) => `  ${k} = {${escapeBibtex(v)}},`)].join('\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/**
 * A BibTeX file for papers in order. Papers that would share a key get a letter suffix in list
 * order ("smith2024deep", "smith2024deepb"), so every key in the file is unique.
 */
export function bibtexFile(papers: Paper[], header?: string): string {
  const seen = new Map<string, number>();
  const entries = papers.map((p) => {
    const base = citationKey(p);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return bibtexEntry(p, n === 0 ? base : `${base}${String.fromCharCode(97 + Math.min(n, 25))}${n > 25 ? n : ''}`);
  });
  const comment = header ? `% ${header.replace(/[@\r\n]+/g, ' ')}\n\n` : '';
  return comment + entries.join('\n');
}
