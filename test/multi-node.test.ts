// Two real `serve` processes started at once on one store (one PostgreSQL schema, or one SQLite
// file: several processes on one machine), each run from a folder of its own (its own ./data, as
// on two machines), driven over HTTP: they agree on the secret they made,
// so a session and a form's CSRF value from one node work on the other; a vote on one shows at
// once on the other; papers `import`ed while both serve (by two imports of one file at once)
// become searchable on both; a paper and a comment hidden on one node leave the other's search
// and pages; both nodes' ingestion schedules firing at the same second make one run (the first
// node claims it), the other node skipping it with a note; both nodes' digest schedules send each
// digest once (two `digest send` processes: src/cli/digest.test.ts); a third node whose
// SECRET_KEY the others do not share is refused, saying so; and neither node logs a problem.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserDirect } from '../src/actions/accounts.ts';
import { latestDuePeriod } from '../src/core/digest-period.ts';
import { outboxCounts } from '../src/db/outbox.ts';
import { apiFixture } from './arxiv-fixtures.ts';
import { runCli, startCli } from './cli.ts';
import { linkIn, pageClient, type PageClient } from './client.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './databases.ts';
import { paperInput, storePapers } from './papers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';
import { addSubscriber } from './subscribers.ts';

const PUBLIC_URL = 'http://paperboy.test';
const PASSWORD = 'correct horse battery';
/** How long a change may take to reach the other node's search (SEARCH_SYNC_SECONDS is 1). */
const SYNC_DEADLINE_MS = 20_000;
/** Seconds from now at which both nodes' Hugging Face schedule fires: after both have started. */
const TICK_IN_SECONDS = 20;

interface Node {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** A browser of its own (cookie jar), signed in to this node with an account's address. */
  signIn(email: string): Promise<PageClient>;
  json<T>(path: string): Promise<T>;
}

/** One browser (one cookie jar) behind a load balancer: `at(node)` sends its next requests to that node. */
function balancedClient(): (node: Node) => PageClient {
  let target = '';
  const b = pageClient({ request: (p, init) => fetch(`${target}${p}`, { ...init, redirect: 'manual' }) });
  return (node) => {
    target = node.url;
    return b;
  };
}

/** Every node's folder, removed at the end. */
const folders: string[] = [];

/** A node's own folder, as a machine of its own has: its ./data holds its saved search index. */
const nodeFolder = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-node-'));
  folders.push(dir);
  return dir;
};

async function startNode(env: Record<string, string>): Promise<Node> {
  const { child, match, stderr } = await startCli(['serve'], env, /Paperboy is serving http:\/\/localhost:(\d+)/, nodeFolder());
  const url = `http://127.0.0.1:${match[1]}`;
  return {
    url,
    child,
    stderr,
    signIn: async (email) => {
      const browser = pageClient({ request: (p, init) => fetch(`${url}${p}`, { ...init, redirect: 'manual' }) });
      await browser.get('/signin');
      const res = await browser.post('/signin', { email, password: PASSWORD });
      if (res.status !== 303) throw new Error(`signing in ${email}: ${res.status}`);
      return browser;
    },
    json: async <T,>(p: string) => {
      const res = await fetch(`${url}${p}`);
      if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
      return (await res.json()) as T;
    },
  };
}

/** Polls until `check` holds or the deadline passes; returns the last value seen. */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, deadlineMs = SYNC_DEADLINE_MS): Promise<T> {
  const until = Date.now() + deadlineMs;
  let v = await read();
  while (!check(v) && Date.now() < until) {
    await sleep(200);
    v = await read();
  }
  return v;
}

const searchIds = async (node: Node, q: string): Promise<string[]> =>
  (await node.json<{ paper: { id: string } }[]>(`/api/papers/search?q=${encodeURIComponent(q)}`)).map((i) => i.paper.id);

/** The structured log lines of a node's stderr. */
const logLines = (node: Node): { level?: number; msg?: string; job?: string }[] =>
  node
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg?: string });

describe.each(DIALECTS)('two serve nodes on one store (%s)', (dialect) => {
  let db: TestDatabase;
  let hf: ReplayServer;
  let smtp: TestSmtp;
  let a: Node;
  let b: Node;
  let tick: Date;
  let env: Record<string, string>;
  const feedDay = latestDuePeriod({ frequency: 'daily', hour: 0, timezone: 'UTC', weekends: true }, new Date()).from;
  const seeded = [
    paperInput({ title: 'Speculative decoding with draft trees', abstract: 'Drafting tokens and verifying them in parallel.', feedDate: feedDay, upvotes: 2 }),
    paperInput({ title: 'Mixture of experts routing', abstract: 'Sparse gates pick experts per token.', feedDate: feedDay, upvotes: 1 }),
    paperInput({ title: 'Quantized attention kernels', abstract: 'Low-bit attention on commodity GPUs.', feedDate: feedDay, upvotes: 0 }),
  ];
  const [decoding, experts, kernels] = seeded as [(typeof seeded)[0], (typeof seeded)[0], (typeof seeded)[0]];

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    await storePapers(db.db, seeded);
    await createUserDirect(db.db, { email: 'mod@example.org', password: PASSWORD, name: 'Mo Derator', role: 'moderator' }, new Date());
    // Their daily digest of feedDay is due as the nodes start.
    for (let i = 0; i < 6; i++) await addSubscriber(db.db, { email: `reader${i}@example.org`, hour: 0 });
    smtp = await startSmtp();
    // Hugging Face answers every day with the same paper, slowly enough that a run outlasts the
    // moment between the two nodes' timers firing.
    hf = await startReplayServer([
      // arXiv knows none of the papers the Hugging Face run asks it about (a recorded empty answer).
      { path: '/api/query', respond: { body: apiFixture('id_0000.0000_s0_m100_8b51d9633a68') } },
      {
        path: '/api/daily_papers',
        respond: {
          delayMs: 300,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify([{ paper: { id: '2608.99001', title: 'Scheduled ingestion on two nodes', summary: 'Fetched once.', authors: [{ name: 'Ada Lovelace' }], publishedAt: `${feedDay}T00:00:00.000Z`, upvotes: 4 }, numComments: 0 }]),
        },
      },
    ]);
    tick = new Date(Math.ceil(Date.now() / 1000) * 1000 + TICK_IN_SECONDS * 1000);
    // On PostgreSQL each node keeps its saved index under its own ./data (SEARCH_SNAPSHOT=auto).
    const { SEARCH_SNAPSHOT: _shared, ...storeEnv } = db.env;
    env = {
      ...storeEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL,
      SAMPLE_DATA: '0',
      SEARCH_SYNC_SECONDS: '1',
      SEARCH_RATE_LIMIT: '0',
      CONTACT_EMAIL: 'tests@example.org',
      INGEST_TIMEZONE: 'UTC',
      INGEST_HF_CRON: `${tick.getUTCSeconds()} ${tick.getUTCMinutes()} ${tick.getUTCHours()} * * *`,
      INGEST_ARXIV_CRON: '0 0 1 1 *',
      HF_BASE_URL: hf.url,
      HF_MIN_INTERVAL_MS: '300',
      ARXIV_API_URL: `${hf.url}/api/query`,
      ARXIV_OAI_URL: `${hf.url}/oai2`,
      ARXIV_RSS_URL: `${hf.url}/rss`,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Paperboy <papers@example.org>',
      SMTP_TIMEOUT_SECONDS: '4',
      DIGEST_LEASE_SECONDS: '8',
      DIGEST_CRON: '*/2 * * * * *',
    };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    if (Date.now() >= tick.getTime()) throw new Error(`the nodes took over ${TICK_IN_SECONDS} s to start: raise TICK_IN_SECONDS`);
  }, 60_000);

  afterAll(async () => {
    for (const node of [a, b]) {
      if (!node || node.child.exitCode !== null) continue;
      const exited = new Promise((resolve) => node.child.once('exit', resolve));
      node.child.kill('SIGTERM');
      await exited;
    }
    await hf?.close();
    await smtp?.close();
    await db?.drop();
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('an account made on node A is signed in on node B with the same cookie, and B accepts a form value A issued', async () => {
    const at = balancedClient();
    await at(a).get('/signup');
    const signup = await at(a).post('/signup', { name: 'Ada Nodes', email: 'ada.nodes@example.org', password: PASSWORD });
    expect(signup.status).toBe(200);
    const mail = await eventually(
      async () => smtp.received.find((m) => m.subject === 'Confirm your Paperboy account' && JSON.stringify(m.to).includes('ada.nodes@example.org')),
      (m) => m !== undefined,
    );
    const link = linkIn(mail?.text ?? '', PUBLIC_URL);
    // The link is opened on B, the button pressed on A.
    expect((await at(b).get(link)).status).toBe(200);
    const confirmed = await at(a).post(link);
    expect(confirmed.status).toBe(303);
    const settings = await at(b).get('/settings');
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain('Ada Nodes');
    // A form value issued by A (the last page came from A) is accepted by B.
    await at(a).get(`/papers/${decoding.id}`);
    const vote = await at(b).post(`/papers/${decoding.id}/vote`, { vote: '1' });
    expect(vote.status).toBe(303);
    expect((await b.json<{ upvotes: number }>(`/api/papers/${decoding.id}`)).upvotes).toBe(3);
    // Signed out on B: the session is gone on A too.
    await at(b).post('/signout');
    expect((await at(a).get('/settings')).status).toBe(303);
  });

  let moderator: PageClient;

  it('a vote on node A shows on node B at once, on its page and in its API', async () => {
    const reader = await a.signIn('ada.nodes@example.org');
    const before = (await b.json<{ upvotes: number }>(`/api/papers/${experts.id}`)).upvotes;
    await reader.get(`/papers/${experts.id}`);
    expect((await reader.post(`/papers/${experts.id}/vote`, { vote: '1' })).status).toBe(303);
    expect((await b.json<{ upvotes: number }>(`/api/papers/${experts.id}`)).upvotes).toBe(before + 1);
    const page = await (await fetch(`${b.url}/papers/${experts.id}`)).text();
    expect(page).toContain(`<span class="vote-count">${before + 1}</span>`);
  });

  it('papers imported by the CLI while both serve (the same file twice at once) become searchable on both', async () => {
    expect(await searchIds(b, 'holographic tokenizers')).not.toContain('2608.99002');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-nodes-')), 'new.jsonl');
    const filler = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `nodes-${i}`, title: `Imported on two machines ${i}`, abstract: 'Words.', feedDate: feedDay }));
    writeFileSync(file, [...filler, JSON.stringify({ id: '2608.99002', title: 'Holographic tokenizers', abstract: 'Tokenizers seen as holograms.', feedDate: feedDay })].join('\n'));
    // Two writers of the same new papers: each batch waits for the other's, none fails on a key.
    const both = await Promise.all([0, 1].map(() => runCli(['import', file, '--batch', '50'], { ...db.env, LOG_LEVEL: 'silent' })));
    for (const r of both) expect(r.code, r.stderr).toBe(0);
    expect(await db.db.selectFrom('papers').select('id').where('id', 'like', 'nodes-%').execute()).toHaveLength(300);
    for (const node of [a, b]) expect(await eventually(() => searchIds(node, 'holographic tokenizers'), (ids) => ids.includes('2608.99002'))).toContain('2608.99002');
  });

  it('a paper hidden by a moderator on node A leaves node B: its page at once, its search within the sync', async () => {
    moderator = await a.signIn('mod@example.org');
    expect(await searchIds(b, 'quantized attention kernels')).toContain(kernels.id);
    await moderator.get(`/papers/${kernels.id}`);
    expect((await moderator.post('/moderation/paper/hide', { id: kernels.id, reason: 'duplicate' })).status).toBe(303);
    expect((await fetch(`${b.url}/papers/${kernels.id}`)).status).toBe(404);
    expect((await fetch(`${b.url}/api/papers/${kernels.id}`)).status).toBe(404);
    expect(await eventually(() => searchIds(b, 'quantized attention kernels'), (ids) => !ids.includes(kernels.id))).not.toContain(kernels.id);
    const html = await (await fetch(`${b.url}/papers?q=${encodeURIComponent('quantized attention kernels')}`)).text();
    expect(html).not.toContain('Quantized attention kernels');
  });

  it('a comment posted on node B and hidden by a moderator on node A is hidden on B', async () => {
    const commenter = await b.signIn('ada.nodes@example.org');
    await commenter.get(`/papers/${decoding.id}`);
    const posted = await commenter.post('/comments', { paper_id: decoding.id, body: 'Posted on node B, visible everywhere' });
    expect(posted.status).toBe(303);
    const commentId = /#comment-(.+)$/.exec(posted.headers.get('location') ?? '')?.[1] ?? '';
    expect(await (await fetch(`${a.url}/papers/${decoding.id}`)).text()).toContain('Posted on node B, visible everywhere');
    await moderator.get(`/papers/${decoding.id}`);
    expect((await moderator.post('/moderation/comment/hide', { id: commentId })).status).toBe(303);
    // A hidden comment without replies is left out for everyone but its author and moderators.
    const page = await (await fetch(`${b.url}/papers/${decoding.id}`)).text();
    expect(page).not.toContain('Posted on node B, visible everywhere');
    expect(page).toContain('0 comments');
    const own = await (await commenter.get(`/papers/${decoding.id}`)).text();
    expect(own).toContain('hidden by a moderator');
    const thread = await b.json<{ comments: { id: string; body: string; hidden: boolean }[] }>(`/api/papers/${decoding.id}/comments`);
    expect(JSON.stringify(thread)).not.toContain('Posted on node B');
  });

  it("both nodes' digest schedules send each digest once", async () => {
    const readers = (): string[] => smtp.received.filter((m) => m.subject !== 'Confirm your Paperboy account').map((m) => JSON.stringify(m.to));
    await eventually(async () => outboxCounts(db.db), (c) => c.sent === 6);
    expect(await outboxCounts(db.db)).toEqual({ sent: 6 });
    expect(readers()).toHaveLength(6);
    expect(new Set(readers()).size).toBe(6);
  });

  it("both nodes' ingestion schedules fire at the same second: one run, the other node skips it", async () => {
    // The Hugging Face run, then the look-up of its papers' arXiv categories.
    const runs = async () => db.db.selectFrom('ingest_runs').select(['source', 'status', 'finished_at']).orderBy('started_at').execute();
    const done = await eventually(runs, (r) => r.length === 2 && r.every((x) => x.finished_at !== null), Math.max(0, tick.getTime() - Date.now()) + 30_000);
    expect(done).toEqual([expect.objectContaining({ source: 'hf-daily', status: 'ok' }), expect.objectContaining({ source: 'arxiv-lookup', status: 'ok' })]);
    const rows = await db.db.selectFrom('papers').select('id').where('id', '=', '2608.99001').execute();
    expect(rows).toHaveLength(1);
    const failed = [a, b].flatMap((n) => logLines(n).filter((l) => l.msg === 'scheduled job failed'));
    expect(failed).toEqual([]);
    const skipped = [a, b].flatMap((n) => logLines(n).filter((l) => l.msg === 'scheduled job skipped: another node took this run'));
    expect(skipped).toEqual([expect.objectContaining({ job: 'hf-daily', scheduledAt: tick.toISOString() })]);
  }, 60_000);

  it('a third node whose SECRET_KEY the others do not share is refused, and says which setting to make the same', async () => {
    const third = await runCli(['serve'], { ...env, SECRET_KEY: 'a key only this node was given, 40 chars' }, nodeFolder());
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(/SECRET_KEY is set here but not on the nodes already serving this store \(.+:\d+, .+:\d+\)/);
    expect(third.stderr).toContain('Give every node the same SECRET_KEY');
    // The two nodes go on signing alike: a form from one is taken by the other.
    const at = balancedClient();
    await at(a).get('/subscribe');
    expect((await at(b).post('/signout')).status).toBe(303);
  });

  it('neither node logged an error or a warning', () => {
    const problems = [a, b].flatMap((n) => logLines(n).filter((l) => (l.level ?? 0) >= 40));
    expect(problems).toEqual([]);
  });
});
