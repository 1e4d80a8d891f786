// The comment Markdown subset: what it renders, and that hostile input only ever becomes text.
import { describe, expect, it } from 'vitest';
import { COMMENT_MATH_BUDGET, commentExcerpt, EXCERPT_CHARS, renderCommentHtml } from './comments-markdown.ts';
import { MATH_MAX_SIZE_EM } from './math.ts';

describe('comment Markdown', () => {
  it('renders emphasis, code, quotes, lists, links and math', () => {
    expect(renderCommentHtml('**b** _i_ ~~s~~ `c`')).toBe('<p><strong>b</strong> <em>i</em> <s>s</s> <code>c</code></p>\n');
    expect(renderCommentHtml('> q\n\n- a\n- b')).toBe('<blockquote>\n<p>q</p>\n</blockquote>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n');
    expect(renderCommentHtml('[x](https://example.org) mailto:a@example.org')).toContain('<a href="https://example.org" rel="nofollow ugc noopener noreferrer"');
    expect(renderCommentHtml('see https://example.org/p')).toContain('<a href="https://example.org/p" rel="nofollow ugc noopener noreferrer"');
    expect(renderCommentHtml('$x^2$')).toContain('class="katex"');
    expect(renderCommentHtml('costs $5 and $10')).toBe('<p>costs $5 and $10</p>\n');
  });

  it('renders math up to a budget of size per comment, and the rest as its TeX source', () => {
    const spans = Array.from({ length: 1200 }, (_, i) => `$x_{${i % 100}}$`).join('');
    expect(spans.length).toBeLessThan(10_000);
    const html = renderCommentHtml(spans);
    expect(html.length).toBeLessThan(COMMENT_MATH_BUDGET + 30_000);
    expect(html).toContain('class="katex"');
    expect(html).toContain('<code>$x_{99}$</code>');
    // Each comment has its own budget.
    expect(renderCommentHtml('$x_{99}$')).toContain('class="katex"');
  });

  it('renders no images, headings, raw HTML or non-web links', () => {
    expect(renderCommentHtml('![a](https://example.org/a.png)')).not.toContain('<img');
    expect(renderCommentHtml('# Big')).toBe('<p># Big</p>\n');
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', '//evil.example']) {
      expect(renderCommentHtml(`[x](${href})`)).not.toContain('<a');
    }
    expect(renderCommentHtml('[x]: javascript:alert(1)\n\n[x]')).not.toContain('<a');
    expect(renderCommentHtml('<details open ontoggle=alert(1)>')).toBe('<p>&lt;details open ontoggle=alert(1)&gt;</p>\n');
    expect(renderCommentHtml('```\n<script>x</script>\n```')).toBe('<pre tabindex="0"><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n');
    expect(renderCommentHtml('$\\href{javascript:alert(1)}{x}$')).not.toContain('href="javascript');
  });

  it('renders $$…$$ as display math: KaTeX display mode on a line of its own, no dollars left over', () => {
    const alone = renderCommentHtml('$$\\sum_i x_i$$');
    expect(alone).toMatch(/^<div class="math-block"><span class="math math-display" tabindex="0"><span class="sr-only">\\sum_i x_i<\/span><span class="katex-display">/);
    expect(alone).not.toContain('$');
    // Between two lines of text it interrupts the paragraph: text, math, text.
    const between = renderCommentHtml('the loss is\n$$\\sum_i x_i$$\nwhere x is given');
    expect(between).toMatch(/^<p>the loss is<\/p>\n<div class="math-block">[\s\S]*<\/div>\n<p>where x is given<\/p>\n$/);
    // Over several lines, in a list or a quote, and within a line of text (a centred line in the paragraph).
    expect(renderCommentHtml('$$\n\\frac{a}{b}\n$$')).toContain('class="katex-display"');
    expect(renderCommentHtml('- $$x$$\n- b')).toMatch(/<li>\n<div class="math-block">/);
    expect(renderCommentHtml('> $$\n> a+b\n> $$')).toMatch(/<blockquote>\n<div class="math-block">/);
    const inline = renderCommentHtml('so $$x^2$$ holds');
    expect(inline).toMatch(/^<p>so <span class="math math-display" tabindex="0">[\s\S]*class="katex-display"[\s\S]* holds<\/p>\n$/);
    expect(inline).not.toContain('$');
    // Inline math still is inline.
    expect(renderCommentHtml('$x^2$')).not.toContain('katex-display');
  });

  it('lets the keyboard reach display math, the box that scrolls sideways when a formula is too wide', () => {
    for (const source of ['$$\\sum_i x_i$$', 'so $$x^2$$ holds', '- $$x$$\n- b']) {
      const html = renderCommentHtml(source);
      expect(html.match(/class="math math-display"/g)?.length).toBe(1);
      expect(html.match(/<span class="math math-display" tabindex="0">/g)?.length).toBe(1);
    }
  });

  it('lets the keyboard reach code blocks, which scroll sideways when a line is too wide', () => {
    for (const source of ['```\nconst x = 1;\n```', '```ts\nlet y = 2;\n```', '    indented code', '- ```\n  z\n  ```']) {
      const html = renderCommentHtml(source);
      expect(html.match(/<pre/g)?.length).toBe(1);
      expect(html).toContain('<pre tabindex="0"><code');
    }
  });

  it('positions display math through data-ks (the CSP forbids style attributes)', () => {
    const html = renderCommentHtml('$$\\frac{1}{n}\\sum_{j=1}^n y_j$$');
    expect(html).toContain('data-ks="');
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('keeps dollars that are not display math as text', () => {
    expect(renderCommentHtml('costs $5 and $10')).toBe('<p>costs $5 and $10</p>\n');
    expect(renderCommentHtml('costs $$5 and $$10')).toBe('<p>costs $$5 and $$10</p>\n');
    expect(renderCommentHtml('\\$x\\$ and \\$\\$y\\$\\$')).toBe('<p>$x$ and $$y$$</p>\n');
    expect(renderCommentHtml('an open $$x and no end')).toBe('<p>an open $$x and no end</p>\n');
    expect(renderCommentHtml('$$ $$ and $$$$')).toBe('<p>$$ $$ and $$$$</p>\n');
    // A blank line ends a paragraph, and display math with it.
    expect(renderCommentHtml('$$a\n\nb$$')).toBe('<p>$$a</p>\n<p>b$$</p>\n');
    expect(renderCommentHtml('```\n$$x$$\n```')).toBe('<pre tabindex="0"><code>$$x$$\n</code></pre>\n');
    expect(renderCommentHtml('`$$x$$`')).toBe('<p><code>$$x$$</code></p>\n');
  });

  it('counts display math against the same budget, showing the rest as its TeX source', () => {
    const blocks = Array.from({ length: 300 }, (_, i) => `$$\\sum_{i=${i}}^{n} x_i^2$$`).join('\n\n');
    expect(blocks.length).toBeLessThan(10_000);
    const html = renderCommentHtml(blocks);
    expect(html.length).toBeLessThan(COMMENT_MATH_BUDGET + 30_000);
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<pre tabindex="0"><code>$$\\sum_{i=299}^{n} x_i^2$$</code></pre>');
    const inline = renderCommentHtml(Array.from({ length: 300 }, (_, i) => `a $$\\sum_{i=${i}}^{n} x_i^2$$ b`).join(' '));
    expect(inline).toContain('<code>$$\\sum_{i=299}^{n} x_i^2$$</code>');
    // Inline and display math share it: once inline spans have spent it, display math is source.
    const spans = Array.from({ length: 1200 }, (_, i) => `$x_{${i % 100}}$`).join('');
    expect(renderCommentHtml(`${spans}\n\n$$\\sum_i x_i$$`)).toContain('<pre tabindex="0"><code>$$\\sum_i x_i$$</code></pre>');
  });

  it(`caps the sizes inline and display math ask for at ${MATH_MAX_SIZE_EM}em`, () => {
    for (const source of ['$\\rule{100000em}{100000em}$', '$$\\rule{100000em}{100000em}$$', 'a\n\n$$\n\\rule{100000em}{100000em}\n$$\n']) {
      const html = renderCommentHtml(source);
      expect(html).toContain('katex');
      const sizes = [...html.matchAll(/data-ks="([^"]*)"/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/(-?[\d.]+)em/g)].map((e) => Math.abs(Number(e[1]))));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(MATH_MAX_SIZE_EM);
    }
  });

  it('renders hostile display math as text', () => {
    expect(renderCommentHtml('$$\\href{javascript:alert(1)}{x}$$')).not.toContain('href="javascript');
    const html = renderCommentHtml('$$<img src=x onerror=alert(1)>$$\n\n$$</div><script>alert(1)</script>$$');
    expect(html).not.toMatch(/<(img|script)/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  describe('excerpts', () => {
    it('keeps a short comment whole', () => {
      expect(commentExcerpt('  **Short** $x$  ')).toEqual({ text: '**Short** $x$', cut: false });
    });

    it('cuts a long one at a word boundary, with an ellipsis', () => {
      const body = `${'lorem ipsum '.repeat(80)}end`;
      const { text, cut } = commentExcerpt(body);
      expect(cut).toBe(true);
      expect(text.length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
      expect(text.length).toBeGreaterThan(EXCERPT_CHARS - 20);
      expect(text).toMatch(/(lorem|ipsum)…$/);
    });

    it('never cuts inside math, inline code or a link', () => {
      const lead = 'word '.repeat(116); // 580 characters: the limit falls inside what follows
      for (const atom of ['$a + b + c + d + e + f + g + h + i + j + k + l + m$', '$$\\sum_{i = 1}^{n} x_i + \\sum_{j = 1}^{m} y_j$$', '`some code with spaces in it, long enough to cross`', '[a link with a long label](https://example.org/a/long/path)']) {
        const { text, cut } = commentExcerpt(`${lead}${atom} and more ${'words '.repeat(40)}`);
        expect(cut).toBe(true);
        // Either the whole span or none of it.
        expect(text.includes(atom) || !text.includes(atom.slice(0, 2))).toBe(true);
        expect(renderCommentHtml(text)).not.toMatch(/\$/);
      }
      // Spaces inside math are no word boundary.
      const { text } = commentExcerpt(`${'w '.repeat(295)}$$x + y + z + w$$ tail ${'t '.repeat(100)}`);
      expect(text).toMatch(/(w|\$\$x \+ y \+ z \+ w\$\$)…$/);
    });

    it('takes a first span too long to fit whole, and closes a code block it cuts', () => {
      const long = `$$${'a+'.repeat(400)}b$$`;
      expect(commentExcerpt(`${long} then`).text).toBe(`${long}…`);
      const code = commentExcerpt(`\`\`\`js\n${'let x = 1; // a line of code\n'.repeat(40)}\`\`\`\nafter`);
      expect(code.text).toMatch(/\n…\n```$/);
      expect(renderCommentHtml(code.text)).toMatch(/^<pre tabindex="0"><code class="language-js">let x = 1;[\s\S]*\n…\n<\/code><\/pre>\n$/);
    });
  });
});

