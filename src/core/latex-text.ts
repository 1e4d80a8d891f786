/**
 * LaTeX text accents and special letters as Unicode: arXiv's metadata writes "J\"urgen",
 * "Fran\c{c}ois" and "na\"{\i}ve", which would otherwise show as typed, and make one author two
 * ("Jürgen" from Hugging Face). LaTeX's ``quotes'' become “quotes”. Arrows and "times" whose
 * dollar signs (and often backslash) a source dropped, as in Hugging Face's "64.1 rightarrow 70.3"
 * and "a 4times speedup", become → and ×. Escaped characters ("Prefill \& Decode", "100\%", "\_",
 * "\#") and a control space ("Network\ for") become the character. Math between dollar signs is
 * left to the math renderer.
 */

// Accent commands and the combining marks they put on the next letter.
const ACCENT_MARKS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
};
const LETTERS: Record<string, string> = { ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ' };

// The letter an accent sits on: "e", "{e}", "\i" or "{\i}" (a dotless i takes the accent as i).
const BASE = String.raw`(?:\{\s*(?:\\([ij])|([A-Za-z]))\s*\}|\\([ij])(?![A-Za-z])|([A-Za-z]))`;
// Symbol accents may touch their letter (\"u); letter accents need braces or a space (\c{c}, \c c).
const SYMBOL_ACCENT = new RegExp(String.raw`\{?\\(['\`^"~=.])\s*${BASE}\}?`, 'g');
const LETTER_ACCENT = new RegExp(String.raw`\{?\\([uvHckrd])(?:\s*\{\s*(?:\\([ij])|([A-Za-z]))\s*\}|\s+([A-Za-z]))\}?`, 'g');
// As in LaTeX, a space after the command ends it and is not text ("Stra\ss e" is "Straße").
const SPECIAL = /\{?\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L)(?![A-Za-z])(?:\{\}| )?\}?/g;
// Escaped characters ("Prefill \& Decode", "100\%"); `\$` stays escaped, since a bare `$` in
// stored text may open math (math-text.ts reads `\$` as a dollar wherever the text is shown).
// Not after another backslash: `\\` is a line break.
const ESCAPED_CHAR = /(?<!\\)\\([&%_#])/g;
// A control space ("Network\ for"), with a space before it taken as one ("a lone \ and").
const CONTROL_SPACE = / ?(?<!\\)\\ /g;
const MATH = /(\$\$?)(?:[^$\\]|\\.)+?\1/g;
// A ``quoted'' span on one line (an apostrophe pair elsewhere, f'' say, stays as it is).
const QUOTES = /``([^`'\n]*?)''/g;

// Arrow commands, with or without their backslash: none of these words is English.
const ARROWS: Record<string, string> = {
  rightarrow: '→',
  leftarrow: '←',
  leftrightarrow: '↔',
  Rightarrow: '⇒',
  Leftarrow: '⇐',
  Leftrightarrow: '⇔',
  longrightarrow: '⟶',
  uparrow: '↑',
  downarrow: '↓',
};
const ARROW = new RegExp(String.raw`\\?\b(${Object.keys(ARROWS).join('|')})\b`, 'g');
// "\times" outside math, or "times" stuck to a number ("4times", "2.5times"): "4 times" is English.
const TIMES = /\\times(?![A-Za-z])|(?<=\d)times(?![A-Za-z])/g;
const STRIPPED = /arrow|times/;

const hasLatex = (s: string): boolean => s.includes('\\') || s.includes('``') || STRIPPED.test(s);

/** Text with LaTeX accents, special letters, escaped characters and quotes outside $…$ turned into Unicode (NFC). */
export function latexTextToUnicode(text: string): string {
  if (!hasLatex(text)) return text;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(MATH)) {
    out += convert(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return (out + convert(text.slice(at))).normalize('NFC');
}

function convert(s: string): string {
  if (!hasLatex(s)) return s;
  const accent = (cmd: string, ...letters: (string | undefined)[]): string => {
    const base = letters.find((l) => l !== undefined) ?? '';
    return base + ACCENT_MARKS[cmd]!;
  };
  return s
    .replace(SYMBOL_ACCENT, (_m, cmd: string, a?: string, b?: string, c?: string, d?: string) => accent(cmd, a, b, c, d))
    .replace(LETTER_ACCENT, (_m, cmd: string, a?: string, b?: string, c?: string) => accent(cmd, a, b, c))
    .replace(SPECIAL, (_m, name: string) => LETTERS[name]!)
    .replace(ESCAPED_CHAR, '$1')
    .replace(CONTROL_SPACE, ' ')
    .replace(QUOTES, '“$1”')
    .replace(ARROW, (_m, name: string) => ARROWS[name]!)
    .replace(TIMES, '×');
}
