/**
 * Inline `$…$` math in titles and abstracts: finding it (splitMath, used by the page renderer)
 * and reading it as plain Unicode text (mathToText) where no math renderer runs: a browser tab's
 * title, feed readers, email. "MERGE$^3$" reads "MERGE³", "$\pi_{RL}$" reads "π_RL",
 * "$\mathcal{O}(n^2)$" reads "O(n²)". Dollars follow pandoc's rule (an opening `$` is followed by
 * a non-space, a closing `$` is preceded by a non-space and not followed by a digit), so prices
 * like "$25 and $15" stay text; `\$` is a literal dollar, and `\&`, `\%`, `\_`, `\#` and `\ ` outside
 * math read as the character.
 */

/** A run of plain text or of TeX source (without its dollars). */
export interface MathSegment {
  math: boolean;
  text: string;
}

/** Longest TeX span taken as math; longer ones are more likely stray dollars than math. */
const MAX_MATH_CHARS = 300;

/**
 * LaTeX's escaped characters outside math (`\$`, `\&`, `\%`, `\_`, `\#`) and its control space
 * (a backslash before a space): each reads as the character. Titles stored before import turned
 * them into characters (latex-text.ts) still show "Prefill & Decode", never "Prefill \& Decode".
 */
const ESCAPED = new Set(['$', '&', '%', '_', '#', ' ']);

/** Splits text into plain and `$…$` math segments; unmatched dollars and LaTeX escapes outside math read as text. */
export function splitMath(text: string): MathSegment[] {
  const out: MathSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && ESCAPED.has(text[i + 1] ?? '')) {
      plain += text[i + 1];
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
export function closingDollar(text: string, open: number): number {
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

/** Text with each math span read as plain Unicode text, and `\$`, `\&`… as the character. */
export function mathToText(text: string): string {
  if (!text.includes('$') && !text.includes('\\')) return text;
  return splitMath(text)
    .map((s) => (s.math ? texToText(s.text) : s.text))
    .join('');
}

/** A title as one line of plain text: runs of whitespace as one space, math as Unicode text. */
export function plainTitle(title: string): string {
  // Spaces are collapsed again after: a control space ("lone \ and") leaves two.
  return mathToText(title.replace(/\s+/g, ' ').trim()).replace(/ {2,}/g, ' ');
}

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ',
  varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ',
  Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const SYMBOLS: Record<string, string> = {
  ...GREEK,
  times: '×', cdot: '·', cdots: '⋯', ldots: '…', dots: '…', to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒',
  leftrightarrow: '↔', mapsto: '↦', infty: '∞', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈',
  sim: '∼', simeq: '≃', equiv: '≡', pm: '±', mp: '∓', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩',
  sum: '∑', prod: '∏', int: '∫', partial: '∂', nabla: '∇', forall: '∀', exists: '∃', star: '⋆', ast: '∗', circ: '∘',
  dagger: '†', ell: 'ℓ', hbar: 'ℏ', emptyset: '∅', propto: '∝', mid: '|', vert: '|', lVert: '‖', rVert: '‖', Vert: '‖',
  langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', neg: '¬', land: '∧', lor: '∨', oplus: '⊕',
  otimes: '⊗', top: '⊤', bot: '⊥', prime: '′', degree: '°', checkmark: '✓', log: 'log', exp: 'exp', max: 'max', min: 'min',
  sin: 'sin', cos: 'cos', tan: 'tan', arg: 'arg', lim: 'lim', sup: 'sup', inf: 'inf', det: 'det', dim: 'dim', ln: 'ln',
};
// Commands whose one braced argument is shown as it is (fonts, text, operators).
const KEEP_ARG = new Set([
  'mathcal', 'mathbf', 'mathrm', 'mathit', 'mathbb', 'mathsf', 'mathtt', 'mathfrak', 'mathscr', 'boldsymbol', 'bm', 'text',
  'textbf', 'textit', 'textrm', 'textsf', 'texttt', 'emph', 'operatorname', 'mbox', 'mathop', 'underline', 'overline',
]);
// Accents as combining marks on the letter they sit on.
const ACCENTS: Record<string, string> = { hat: '\u0302', widehat: '\u0302', tilde: '\u0303', widetilde: '\u0303', bar: '\u0304', vec: '\u20d7', dot: '\u0307', ddot: '\u0308' };
const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻',
  '=': '⁼', '(': '⁽', ')': '⁾', a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ',
  l: 'ˡ', m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ', T: 'ᵀ',
  '*': '*', '′': '′', '∗': '*', '⋆': '⋆', '†': '†',
};
const SUBSCRIPT: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋',
  '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ',
  r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};

/** One TeX span as readable text; anything it does not know keeps its name without the backslash. */
function texToText(tex: string): string {
  // U+E000 and U+E001 (private use) mark scripts below; the input's own are dropped.
  let s = tex
    .replace(/[\ue000\ue001]/g, '')
    // Spacing commands and sizing that only move glyphs.
    .replace(/\\[,;:! ]|\\q?quad\b/g, ' ')
    .replace(/\\left\s*|\s*\\right|\\(big|Big|bigg|Bigg|displaystyle|limits|nolimits)\b/g, '')
    .replace(/\\([{}%&#_$|])/g, (_m, c: string) => (c === '|' ? '‖' : c));
  // Innermost groups first, so that nested commands resolve from the inside out.
  for (let guard = 0; guard < 20; guard++) {
    const next = s
      .replace(/\\d?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_m, a: string, b: string) => `${wrap(a)}/${wrap(b)}`)
      .replace(/\\sqrt\s*\{([^{}]*)\}/g, (_m, a: string) => `√${wrap(a)}`)
      .replace(/\\([A-Za-z]+)\s*\{([^{}]*)\}/g, (m, cmd: string, arg: string) => {
        if (KEEP_ARG.has(cmd)) return arg;
        const mark = ACCENTS[cmd];
        if (mark) return arg.length === 1 ? arg + mark : arg;
        return m;
      })
      .replace(/([\^_])\s*\{([^{}]*)\}/g, (_m, op: string, arg: string) => script(op, arg))
      .replace(/(^|[^\\A-Za-z])\{([^{}]*)\}/g, '$1$2');
    if (next === s) break;
    s = next;
  }
  return s
    .replace(/\\([A-Za-z]+)/g, (_m, name: string) => SYMBOLS[name] ?? name)
    .replace(/([\^_])\s*(\\?[^\s\\])/g, (_m, op: string, arg: string) => script(op, arg))
    .replace(/[{}]/g, '')
    .replace(/[\ue000\ue001]/g, (c) => (c === '\ue000' ? '^' : '_'))
    .replace(/\s+/g, ' ')
    .replace(/([([⟨]) | ([)\]⟩])/g, '$1$2')
    .trim()
    .normalize('NFC');
}

/** A superscript or subscript: in Unicode's small figures when each character has one, else marked. */
function script(op: string, arg: string): string {
  const table = op === '^' ? SUPERSCRIPT : SUBSCRIPT;
  const chars = [...arg.replace(/\\([A-Za-z]+)/g, (_m, name: string) => SYMBOLS[name] ?? name)];
  if (chars.length > 0 && chars.every((c) => table[c] !== undefined)) return chars.map((c) => table[c]).join('');
  // Marked with private-use characters until the end, so that no later pass reads the mark again.
  const body = chars.join('');
  const mark = op === '^' ? '\ue000' : '\ue001';
  return chars.length > 1 && op === '^' ? `${mark}(${body})` : `${mark}${body}`;
}

/** A fraction's part, in parentheses when it is more than one item. */
function wrap(part: string): string {
  return /^[^\s+\-*/=,()]+$/.test(part.trim()) ? part.trim() : `(${part.trim()})`;
}
