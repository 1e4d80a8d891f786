// The comment Markdown subset: what it renders, and that hostile input only ever becomes text.
import { describe, expect, it } from 'vitest';
import { COMMENT_MATH_BUDGET, renderCommentHtml } from './comments-markdown.ts';

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
    expect(renderCommentHtml('```\n<script>x</script>\n```')).toBe('<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n');
    expect(renderCommentHtml('$\\href{javascript:alert(1)}{x}$')).not.toContain('href="javascript');
  });
});
