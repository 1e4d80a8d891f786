// The paper page over both dialects: every field, links, categories, related papers, slash ids,
// LaTeX titles, long author lists folded, and the not-found page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCorpus } from '../../../test/app.ts';
import { createTestApp, type TestApp } from '../../../test/context.ts';
import { DIALECTS } from '../../../test/databases.ts';
import { paperInput } from '../../../test/papers.ts';

describe.each(DIALECTS)('paper page (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, pageCorpus(), { SITE_NAME: 'Morning Papers' });
  });
  afterAll(async () => t.close());

  const get = async (path: string): Promise<{ status: number; html: string }> => {
    const res = await t.app.request(path);
    return { status: res.status, html: await res.text() };
  };

  it('folds a long author list after the first twelve, every name still there and linked', async () => {
    const authors = Array.from({ length: 30 }, (_, i) => `Collaborator Number${i}`);
    await t.add([paperInput({ id: '2608.00777', title: 'A big collaboration', authors, authorsCount: 32 })]);
    const { html } = await get('/papers/2608.00777');
    const [shown, folded] = html.split('<details class="more-authors">');
    for (const a of authors.slice(0, 12)) expect(shown).toContain(`>${a}</a>`);
    expect(shown).not.toContain('>Collaborator Number12</a>');
    expect(folded).toContain('and 20 more authors</summary>');
    for (const a of authors.slice(12)) expect(folded).toContain(`>${a}</a>`);
    expect(folded).toContain('<li>and 2 more</li>');
  });

  it('shows the title, all authors, organization, dates, counts and abstract paragraphs', async () => {
    const { status, html } = await get('/papers/2608.00101');
    expect(status).toBe(200);
    expect(html).toContain('<title>Speculative Decoding at Scale: Drafting Tokens for Large Language Models · Morning Papers</title>');
    expect(html).toContain('<h1 id="paper-title">Speculative Decoding at Scale');
    for (const name of ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov']) expect(html).toContain(`<li><a class="author-name" href="/authors/${name.replace(' ', '%20')}" title="Papers by ${name}">${name}</a><a class="author-feed" href="/feeds/author.atom?name=${name.replace(' ', '+')}"`);
    expect(html).toContain('<a class="org" href="/orgs/named/NVIDIA">NVIDIA</a>');
    expect(html).toContain('Published on <time datetime="2026-08-19">Aug 19, 2026</time>');
    expect(html).toContain('Submitted to the daily feed on <time datetime="2026-08-21">Aug 21, 2026</time>');
    expect(html).toContain('<span class="vote-count">42</span>');
    expect(html).toContain('<a class="count" href="#discussion">');
    expect(html).toContain('3 comments');
    // Those 3 were made on Hugging Face: the discussion here says where they are.
    expect(html).toContain('The paper&#39;s count includes 3 comments on <a href="https://huggingface.co/papers/2608.00101" rel="noopener">Hugging Face</a>');
    expect(html).toContain('No comments here yet.');
    expect((await get('/')).html).toContain('<a class="count" href="/papers/2608.00101#discussion">');
    expect(html.match(/<section class="abstract"[\s\S]*?<\/section>/)?.[0].match(/<p>/g)).toHaveLength(2);
  });

  it('marks withdrawn papers and shows the submitter, version, stars, summary and keywords', async () => {
    await t.add([
      {
        ...pageCorpus()[0]!,
        id: '2608.09999',
        arxivId: '2608.09999',
        title: 'A withdrawn study',
        withdrawn: true,
        version: 3,
        submittedBy: 'akhaliq',
        githubStars: 1234,
        aiSummary: 'It shows <b>things</b>.',
        aiKeywords: ['speculative decoding', '<script>'],
      },
    ]);
    const { html } = await get('/papers/2608.09999');
    expect(html).toContain('Withdrawn: the authors have withdrawn this paper on arXiv.');
    // A submitter known only from Hugging Face, by the name it gives: text, not a link.
    expect(html).toContain(' by akhaliq</span>');
    expect(html).toContain('<span>Version 3</span>');
    // The stars lead to the repository they count.
    expect(html).toContain('<a href="https://github.com/example/spec-decode" rel="noopener noreferrer">1,234 GitHub stars</a>');
    expect(html).toContain('It shows &lt;b&gt;things&lt;/b&gt;.');
    expect(html).toContain('href="/papers?q=speculative+decoding"');
    expect(html).not.toContain('<script>');
    expect((await get('/papers/2608.00101')).html).not.toContain('Withdrawn:');
  });

  it('links out safely and links categories to the filtered feed', async () => {
    const { html } = await get('/papers/2608.00101');
    for (const url of ['https://arxiv.org/abs/2608.00101', 'https://arxiv.org/pdf/2608.00101', 'https://github.com/example/spec-decode', 'https://example.org/spec-decode']) {
      expect(html).toContain(`href="${url}" rel="noopener noreferrer" target="_blank"`);
    }
    expect(html).toContain('href="/?cat=cs.CL"');
    expect(html).toContain('href="/?cat=cs.LG"');
    expect(html).toContain('href="/papers/date/2026-08-21"');
  });

  it("offers arXiv's title search for a paper known without its arXiv id", async () => {
    await t.add([paperInput({ id: 'merge-without-id', arxivId: null, title: 'MERGE$^3$ & friends: "quoted" <b>bold</b>', feedDate: '2026-08-20' })]);
    const { html } = await get('/papers/merge-without-id');
    expect(html).toContain('href="https://arxiv.org/search/?query=MERGE%C2%B3+%26+friends%3A+%22quoted%22+%3Cb%3Ebold%3C%2Fb%3E&amp;searchtype=title" rel="noopener noreferrer" target="_blank">Find on arXiv');
    expect(html).not.toContain('https://arxiv.org/pdf/');
    // A paper with its id links to it instead.
    expect((await get('/papers/2608.00101')).html).not.toContain('Find on arXiv');
  });

  it('shows related papers as cards', async () => {
    const { html } = await get('/papers/2608.00101');
    const related = html.split('id="related-title"')[1] ?? '';
    const ids = [...related.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(ids).not.toContain('2608.00101');
  });

  it('routes old-style arXiv ids that contain a slash', async () => {
    const { status, html } = await get('/papers/hep-th/9901001');
    expect(status).toBe(200);
    expect(html).toContain('Strings on Old-Style Identifiers');
    expect(html).toContain('href="https://arxiv.org/abs/hep-th/9901001"');
  });

  it('renders LaTeX in titles with KaTeX and no inline styles', async () => {
    const { html } = await get('/papers/2608.00102');
    expect(html).toContain('<h1 id="paper-title">MERGE<span class="math"><span class="sr-only">^3</span><span class="katex">');
    // The browser's tab has no math renderer: the title reads as text there.
    expect(html).toContain('<title>MERGE³: Efficient Evolutionary Merging on Consumer-grade GPUs · Morning Papers</title>');
    expect(html).toContain('<meta name="description" content="Evolutionary model merging of large language models on consumer GPUs, with O(n) cost."');
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('answers unknown papers and pages with a 404 page in the site frame', async () => {
    for (const path of ['/papers/9999.99999', '/papers/no/such/thing', '/nowhere', '/papers/date']) {
      const { status, html } = await get(path);
      expect(status, path).toBe(404);
      expect(html).toContain('Page not found');
      expect(html).toContain('<span>Morning Papers</span>');
    }
    const { html } = await get('/papers/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe.each(DIALECTS)('related papers on the paper page and in the API (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // Seven papers on one topic and one apart: a paper has six candidates, and shows five.
    const topic = ['KV cache eviction', 'KV cache quantization', 'KV cache offloading', 'KV cache merging', 'KV cache sharing', 'KV cache pruning', 'KV cache streaming'];
    t = await createTestApp(dialect, [
      ...topic.map((name, i) =>
        paperInput({ id: `2608.0030${i}`, title: `${name} for long-context inference`, abstract: `We study ${name.toLowerCase()} of the key-value cache in long-context LLM inference.` }),
      ),
      paperInput({ id: '2608.00399', title: 'Robot grasping from tactile sensing', abstract: 'Grippers learn to hold objects by touch.' }),
    ]);
  });
  afterAll(async () => t.close());

  it('shows five related papers when more are alike, never the paper itself', async () => {
    const html = await (await t.app.request('/papers/2608.00300')).text();
    const section = html.split('id="related-title"')[1] ?? '';
    const onPage = [...section.matchAll(/<h3><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);
    const api = ((await (await t.app.request('/api/papers/2608.00300')).json()) as { related: { id: string }[] }).related.map((p) => p.id);
    expect(onPage).toHaveLength(5);
    expect(api).toEqual(onPage);
    expect(new Set(api).size).toBe(5);
    for (const id of api) expect(id).toMatch(/^2608\.0030[1-6]$/);
  });
});
