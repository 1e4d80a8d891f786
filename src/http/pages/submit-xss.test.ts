// A submitted paper whose arXiv metadata carries XSS payloads (title, abstract, author) renders as
// text on its page, in the feed and in the API: the real recorded answer, with hostile fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS } from '../../../test/app.ts';
import { apiFixture } from '../../../test/arxiv-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { type ReplayServer, startReplayServer } from '../../../test/replay-server.ts';
import { person, replayArxiv } from '../../../test/signed-in.ts';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The recorded answer for 2104.12255 with its title, abstract and author replaced by payloads. */
function hostileAnswer(): string {
  return apiFixture('id_2104.12255v1_s0_m100_6ae69987ffe1')
    .replace('<title>0</title>', () => `<title>${xml(XSS.title)}</title>`)
    .replace(/<summary>[^<]*<\/summary>/, () => `<summary>${xml(XSS.abstract)}</summary>`)
    .replace('<name>Quan Thoi Minh Nguyen</name>', () => `<name>${xml(XSS.author)}</name>`);
}

describe.each(DIALECTS)('hostile metadata through submission (%s)', (dialect) => {
  let t: TestApp;
  let arxiv: ReplayServer;
  beforeAll(async () => {
    arxiv = await startReplayServer([{ path: '/api/query', query: { id_list: '2104.12255', start: '0', max_results: '1' }, respond: { body: hostileAnswer() } }]);
    t = await createTestApp(dialect);
    t.ctx.arxiv = replayArxiv(arxiv.url);
  });
  afterAll(async () => {
    await t.close();
    await arxiv.close();
  });

  it('stores the payloads as text and never emits them as markup', async () => {
    const eve = await person(t, 'Eve');
    const res = await eve.api('POST', '/api/submissions', { id: '2104.12255' });
    expect(res.status).toBe(201);
    const paper = (await (await t.app.request('/api/papers/2104.12255')).json()) as { title: string; summary: string; authors: { name: string }[] };
    expect(paper.title).toBe(XSS.title);
    expect(paper.summary).toBe(XSS.abstract);
    expect(paper.authors.map((a) => a.name)).toContain(XSS.author);
    for (const path of ['/papers/2104.12255', '/papers/date/2026-08-21', '/papers?q=evil%20title']) {
      const html = await (await t.app.request(path)).text();
      expect(html, path).toContain('Evil');
      expect(html, path).not.toContain('<script>window.__xss');
      expect(html, path).not.toMatch(/<img[^>]*onerror/);
      expect(html, path).toContain('&lt;script&gt;window.__xss=2&lt;/script&gt;');
    }
  });
});
