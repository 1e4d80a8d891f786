/** Inline math rendering: KaTeX for `$…$`, escaped text for everything else, whatever the input. */
import { describe, expect, it } from 'vitest';
import { MATH_MAX_SIZE_EM, renderInlineMath, truncateMath } from './math.ts';

const render = (text: string): string => String(renderInlineMath(text));

describe('renderInlineMath', () => {
  it('renders TeX with KaTeX and no inline style attributes', () => {
    const html = render('Policy $\\pi_{RL}$ wins');
    expect(html).toContain('class="katex"');
    expect(html).toContain('Policy ');
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('data-ks="');
  });

  it('escapes plain text', () => {
    expect(render('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '$<img src=x onerror=alert(1)>$',
    '$x$<script>alert(1)</script>$y$',
    '$\\href{javascript:alert(1)}{x}$',
    '$\\htmlStyle{color:red}{x}$ $\\url{javascript:alert(1)}$',
    '$\\badcommand{$ and $\\frac{1}{$ and $}$',
    '$"><svg onload=alert(1)>$',
  ])('never lets markup through: %s', (payload) => {
    for (const [, tag, attrs] of render(payload).matchAll(/<\/?([a-z]*)([^>]*)>/gi)) {
      expect(tag).toBe('span');
      const names = [...(attrs ?? '').matchAll(/([\w-]+)="[^"]*"/g)].map((m) => m[1]);
      expect(names.every((n) => ['class', 'aria-hidden', 'data-ks', 'title'].includes(n ?? ''))).toBe(true);
      expect((attrs ?? '').replace(/([\w-]+)="[^"]*"/g, '').trim()).toBe('');
    }
  });

  it('shows the hostile text as text', () => {
    expect(render('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it(`caps the sizes TeX asks for at ${MATH_MAX_SIZE_EM}em, so a rule or a space cannot be wider than a letter or two`, () => {
    const html = render('$\\rule{100000em}{100000em}$ and $\\hspace{500em}x\\kern{300em}y$');
    const sizes = [...html.matchAll(/data-ks="([^"]*)"/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/(-?[\d.]+)em/g)].map((e) => Math.abs(Number(e[1]))));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MATH_MAX_SIZE_EM);
  });

  it('survives broken and huge input', () => {
    expect(() => render('$\\frac{$ $^$ $_{$ \\')).not.toThrow();
    expect(render('$'.repeat(10_000)).length).toBeGreaterThan(0);
    expect(render(`$${'\\def\\a{\\a\\a}\\a'}$`)).toBeTruthy();
  });
});

describe('truncateMath', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(truncateMath('one two three four five', 12)).toBe('one two…');
  });

  it('never cuts inside a math span', () => {
    const cut = truncateMath('We use $\\alpha + \\beta + \\gamma$ here and more text', 15);
    expect(cut).toBe('We use…');
    expect(truncateMath('Cost $25 and more words', 12)).toBe('Cost \\$25 and…');
  });

  it('keeps short text unchanged', () => {
    expect(truncateMath('short $x$', 100)).toBe('short $x$');
  });
});
