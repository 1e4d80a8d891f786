// Math in plain text: where the `$…$` spans are, and how each reads without a math renderer.
import { describe, expect, it } from 'vitest';
import { mathToText, plainTitle, splitMath } from './math-text.ts';

describe('splitMath', () => {
  it('finds math spans', () => {
    expect(splitMath('MERGE$^3$: merging')).toEqual([
      { math: false, text: 'MERGE' },
      { math: true, text: '^3' },
      { math: false, text: ': merging' },
    ]);
  });

  it('leaves prices, escaped and unbalanced dollars as text', () => {
    expect(splitMath('costs $25 and $15 per paper')).toEqual([{ math: false, text: 'costs $25 and $15 per paper' }]);
    expect(splitMath('from $5-$10')).toEqual([{ math: false, text: 'from $5-$10' }]);
    expect(splitMath('\\$OneMillion-Bench $x')).toEqual([{ math: false, text: '$OneMillion-Bench $x' }]);
    expect(splitMath('$$x$$')).toEqual([{ math: false, text: '$$x$$' }]);
  });
});

describe('mathToText', () => {
  it.each([
    ['MERGE$^3$: Efficient Evolutionary Merging', 'MERGE³: Efficient Evolutionary Merging'],
    ['$\\pi_{RL}$: Online RL Fine-tuning', 'π_RL: Online RL Fine-tuning'],
    ['Sorting in $\\mathcal{O}(n \\log n)$ time', 'Sorting in O(n log n) time'],
    ['$O(n^2)$ attention', 'O(n²) attention'],
    ['$x_1, \\ldots, x_n$', 'x₁, …, xₙ'],
    ['$\\alpha$-entmax and $k$-NN', 'α-entmax and k-NN'],
    ['a $\\frac{1}{2}$ step, $\\frac{a+b}{c}$', 'a 1/2 step, (a+b)/c'],
    ['$\\sqrt{d_k}$ scaling', '√dₖ scaling'],
    ['$\\text{softmax}^{-1}$', 'softmax⁻¹'],
    ['$W^{\\top}x$ and $\\hat{y}$', 'W^⊤x and ŷ'],
    ['$\\left( \\frac{1}{n} \\right)$', '(1/n)'],
    ['$10\\times$ faster, $\\geq 2$', '10× faster, ≥ 2'],
    ['$\\mathbb{R}^{d \\times d}$', 'R^(d × d)'],
  ])('%s', (tex, want) => {
    expect(mathToText(tex)).toBe(want);
  });

  it('leaves text without math as it is, and reads an escaped dollar as a dollar', () => {
    expect(mathToText('costs $25 and $15 per paper')).toBe('costs $25 and $15 per paper');
    expect(mathToText('\\$OneMillion-Bench')).toBe('$OneMillion-Bench');
    expect(mathToText('plain title')).toBe('plain title');
  });

  it('reads LaTeX escapes outside math as the character (titles stored before import turned them), and leaves math alone', () => {
    expect(plainTitle('Prefill \\& Decode, 100\\% \\#1 a\\_b')).toBe('Prefill & Decode, 100% #1 a_b');
    expect(plainTitle('A Graph Network\\ for Routing')).toBe('A Graph Network for Routing');
    expect(splitMath('R\\&D in $a\\&b$')).toEqual([
      { math: false, text: 'R&D in ' },
      { math: true, text: 'a\\&b' },
    ]);
  });

  it('reads a wrapped title as one plain line', () => {
    expect(plainTitle('  MERGE$^3$: Efficient\n  Merging ')).toBe('MERGE³: Efficient Merging');
  });

  it('never throws, whatever the input', () => {
    for (const s of ['$\\frac{1}{$', '${{{{$', '$}}}}$', '$\\$', '$^$', '$_{$', '$\\frac{}{}$', `$${'{'.repeat(500)}x$`, `$${'\\sqrt{'.repeat(50)}x$`]) {
      expect(typeof mathToText(s)).toBe('string');
    }
  });
});
