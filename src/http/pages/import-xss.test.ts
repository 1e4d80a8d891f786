// Hostile imports over both dialects: XSS payloads in every text field of a JSONL record and of a
// Hugging Face daily_papers item, loaded through the import action, come out as text on the feed,
// on the paper page and in the Atom and RSS feeds (whose titles and summaries readers render as
// HTML); a `javascript:` link is refused at import.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { importFiles, type ImportReport } from '../../actions/import-papers.ts';

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<a href="javascript:window.__xss=3">click</a>',
  '<svg onload=window.__xss=4>',
  '"><iframe src=javascript:window.__xss=5>',
  '</title></textarea><b>broken',
];
const hostile = (label: string) => `${label} ${PAYLOADS.join(' ')}`;

/** Every start tag in a page as its name and attributes, read the way a browser would. */
function startTags(html: string): { name: string; attrs: [string, string][] }[] {
  const out: { name: string; attrs: [string, string][] }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:=(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g)) {
    const attrs = [...(m[2] ?? '').matchAll(/\s+([^\s=>/]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map((a): [string, string] => [(a[1] ?? '').toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    out.push({ name: (m[1] ?? '').toLowerCase(), attrs });
  }
  return out;
}

describe.each(DIALECTS)('hostile imports (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  let report: ImportReport;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'paperboy-xss-'));
    const jsonl = path.join(dir, 'hostile.jsonl');
    const lines = [
      {
        id: '2608.00301',
        title: hostile('JSONL title'),
        abstract: hostile('JSONL abstract'),
        authors: [hostile('JSONL author'), 'Eve'],
        organization: hostile('JSONL org'),
        feedDate: '2026-08-20',
        upvotes: 3,
        categories: ['cs.CR'],
      },
      { id: '2608.00303', title: 'A link that runs script', githubRepo: 'javascript:window.__xss=6', feedDate: '2026-08-20' },
    ];
    writeFileSync(jsonl, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const hf = path.join(dir, 'daily_papers.json');
    const item = {
      paper: {
        id: '2608.00302',
        title: hostile('HF title'),
        summary: hostile('HF summary'),
        authors: [{ name: hostile('HF author') }],
        publishedAt: '2026-08-19T00:00:00.000Z',
        submittedOnDailyAt: '2026-08-20T08:00:00.000Z',
        upvotes: 7,
        ai_summary: hostile('HF tldr'),
        ai_keywords: PAYLOADS,
        submittedOnDailyBy: { fullname: hostile('HF submitter') },
      },
      numComments: 1,
      organization: { name: 'evil', fullname: hostile('HF org') },
    };
    writeFileSync(hf, JSON.stringify([item]));
    report = await importFiles(t.database.db, [jsonl, hf]);
    await t.ctx.search.sync();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('imports the hostile records and refuses the javascript: link', () => {
    expect(report.inserted).toBe(2);
    expect(report.rejectedCount).toBe(1);
    expect(report.rejected[0]).toMatchObject({ where: expect.stringContaining('hostile.jsonl:2'), reason: 'githubRepo: expected an http(s) URL' });
  });

  it.each(['/papers/date/2026-08-20', '/papers/2608.00301', '/papers/2608.00302', '/papers?q=hostile%20title'])('%s shows every payload as text', async (page) => {
    const res = await t.app.request(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const p of PAYLOADS) expect(html, page).not.toContain(p);
    const tags = startTags(html);
    for (const tag of tags) {
      // (The site's own icons are inline <svg>; the payload's would carry onload, checked below.)
      // The paper page's own hidden BibTeX box is the one textarea a page may hold (a payload's
      // "</textarea><b>" breaking out of it would show as the <b> refused here).
      const own = tag.name === 'textarea' && tag.attrs.some(([k, v]) => k === 'id' && v === 'bibtex-entry');
      if (!own) expect(['img', 'iframe', 'b', 'textarea'], `${page}: <${tag.name}>`).not.toContain(tag.name);
      if (tag.name === 'script') expect(tag.attrs.map(([k]) => k), page).toContain('src');
      expect(tag.attrs.filter(([k]) => k.startsWith('on')), `${page}: <${tag.name}>`).toEqual([]);
      expect(tag.attrs.filter(([k, v]) => (k === 'href' || k === 'src' || k === 'action') && /^\s*javascript:/i.test(v)), page).toEqual([]);
    }
    expect(html.match(/<title>/g)).toHaveLength(1);
    // The text is there, escaped, where the reader expects it.
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
  });

  it.each(['/feeds/daily.atom?date=2026-08-20', '/feeds/daily.rss?date=2026-08-20', '/feeds/search.atom?q=title', '/feeds/search.rss?q=title'])(
    '%s carries every payload as text',
    async (path) => {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      const feed = await new Parser().parseString(await res.text());
      const items = feed.items.filter((i) => i.link?.includes('2608.0030'));
      expect(items.length, path).toBeGreaterThan(0);
      const rss = path.includes('.rss');
      for (const item of items) {
        // What a reader renders as HTML: the summary (Atom) or description (RSS), and Atom's
        // title (type="html"). An RSS title is plain text (RSS 2.0), the payload as its letters.
        const summary = (item['summary'] as string | undefined) ?? item.content ?? '';
        const htmlParts = rss ? [summary] : [item.title ?? '', summary];
        for (const html of htmlParts) {
          const tags = startTags(html).map((x) => x.name);
          expect(tags.filter((n) => n !== 'p'), `${path}: ${html.slice(0, 80)}`).toEqual([]);
        }
        // Read as the reader reads it (Atom's HTML decoded once), the title is the original text.
        const title = rss ? (item.title ?? '') : (item.title ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        expect(title).toMatch(/^(JSONL|HF) title <script>window\.__xss=1<\/script> <img src=x onerror="window\.__xss=2">/);
      }
    },
  );

  it('shows the hostile author, organization, summary, keywords and submitter as text on the paper pages', async () => {
    const jsonl = await (await t.app.request('/papers/2608.00301')).text();
    expect(jsonl).toContain('JSONL author &lt;script&gt;');
    expect(jsonl).toContain('JSONL org &lt;script&gt;');
    expect(jsonl).toContain('JSONL abstract &lt;script&gt;');
    const hf = await (await t.app.request('/papers/2608.00302')).text();
    for (const label of ['HF title', 'HF summary', 'HF author', 'HF org', 'HF tldr', 'HF submitter']) expect(hf, label).toContain(`${label} &lt;script&gt;`);
    expect(hf).toContain('&lt;svg onload=window.__xss=4&gt;');
  });
});
