// LaTeX accents in arXiv metadata become the letters they stand for; math and other commands stay.
import { describe, expect, it } from 'vitest';
import { latexTextToUnicode } from './latex-text.ts';

describe('latexTextToUnicode', () => {
  it.each([
    ['J\\"urgen Schmidhuber', 'Jürgen Schmidhuber'],
    ['Fran\\c{c}ois Chollet', 'François Chollet'],
    ['Fran\\c c', 'Franç'],
    ["Jos\\'e Hern\\'andez", 'José Hernández'],
    ["{\\'E}cole", 'École'],
    ['na\\"{\\i}vely', 'naïvely'],
    ["Mart\\'{\\i}n", 'Martín'],
    ['Ond\\v{r}ej Du\\v{s}ek', 'Ondřej Dušek'],
    ['Jo\\~ao', 'João'],
    ['Erd\\H{o}s', 'Erdős'],
    ['\\L{}ukasz Kaiser', 'Łukasz Kaiser'],
    ['{\\L}ukasz', 'Łukasz'],
    ['Stra\\ss e', 'Straße'],
    ['S{\\o}ren', 'Søren'],
    ['Ma\\u{g}ara', 'Mağara'],
    ['\\^{o}le', 'ôle'],
    ["cached documents as immutable ``packets'' wrapped", 'cached documents as immutable “packets” wrapped'],
    ["``Na\\\"ive'' and ``safe''", '“Naïve” and “safe”'],
  ])('%s', (raw, want) => {
    expect(latexTextToUnicode(raw)).toBe(want);
  });

  it('leaves math, other commands and plain text alone', () => {
    expect(latexTextToUnicode('MERGE$^3$ and $\\pi_{RL}$ with $\\"u$')).toBe('MERGE$^3$ and $\\pi_{RL}$ with $\\"u$');
    expect(latexTextToUnicode('see \\cite{x} and \\url{http://a.b} or \\textbf{bold}')).toBe('see \\cite{x} and \\url{http://a.b} or \\textbf{bold}');
    expect(latexTextToUnicode('Sch\\"odinger, $O(n^2)$, G\\"odel')).toBe('Schödinger, $O(n^2)$, Gödel');
    expect(latexTextToUnicode('no backslash at all')).toBe('no backslash at all');
    expect(latexTextToUnicode('a quote at the end \\"')).toBe('a quote at the end \\"');
    // As in LaTeX, an accent may be followed by a space before its letter.
    expect(latexTextToUnicode('\\" a')).toBe('ä');
    expect(latexTextToUnicode('\\o')).toBe('ø');
    expect(latexTextToUnicode('\\overline{x} \\oint \\label')).toBe('\\overline{x} \\oint \\label');
    // Quotes only in pairs, never inside math or across lines.
    expect(latexTextToUnicode("f'' and g'' with `code`")).toBe("f'' and g'' with `code`");
    expect(latexTextToUnicode("$``x''$ and ``open\nended''")).toBe("$``x''$ and ``open\nended''");
  });

  it('turns escaped characters and a control space outside math into the character, and leaves math alone', () => {
    expect(latexTextToUnicode('Prefill \\& Decode: 100\\% of the \\#1 model\\_name')).toBe('Prefill & Decode: 100% of the #1 model_name');
    expect(latexTextToUnicode('A Graph Network\\ for Routing, a lone \\ backslash')).toBe('A Graph Network for Routing, a lone backslash');
    expect(latexTextToUnicode('$a\\&b \\% c\\ d$ and R\\&D')).toBe('$a\\&b \\% c\\ d$ and R&D');
    // A dollar stays escaped: bare, it could open math where the text is shown (math-text.ts reads it as "$").
    expect(latexTextToUnicode('for \\$5')).toBe('for \\$5');
    // After a line break (two backslashes) the character is not escaped.
    expect(latexTextToUnicode('a\\\\ b')).toBe('a\\\\ b');
  });

  it('turns arrows and "times" a source stripped of their dollar signs into symbols', () => {
    expect(latexTextToUnicode('pass@256 from 64.1 rightarrow 70.3 (GRPO), 69.3 \\rightarrow 72.5')).toBe('pass@256 from 64.1 → 70.3 (GRPO), 69.3 → 72.5');
    expect(latexTextToUnicode('a 4times speedup, 2.5times-faster, 10\\times fewer')).toBe('a 4× speedup, 2.5×-faster, 10× fewer');
    expect(latexTextToUnicode('A Leftrightarrow B, x uparrow, longrightarrow')).toBe('A ⇔ B, x ↑, ⟶');
    // English stays English, and math stays math.
    expect(latexTextToUnicode('4 times faster, sometimes, at times, arrowhead, narrowing')).toBe('4 times faster, sometimes, at times, arrowhead, narrowing');
    expect(latexTextToUnicode('$a \\rightarrow b$ and $4\\times$')).toBe('$a \\rightarrow b$ and $4\\times$');
  });
});
