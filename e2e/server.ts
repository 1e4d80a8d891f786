/**
 * The real server for browser tests: a temporary SQLite store holding the fixture papers (a few
 * days of the bundled Hugging Face Daily Papers sample, see data/sample/LICENSE.hf-daily-papers)
 * plus the LaTeX and XSS papers of test/app.ts, served on an ephemeral port with a fixed clock;
 * and the browser that drives it (Debian's chromium).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { type Browser, chromium } from 'playwright-core';
import type { ArxivLookup } from '../src/actions/submit-paper.ts';
import { loadConfig } from '../src/config.ts';
import type { PaperInput } from '../src/core/paper.ts';
import { upsertPapers } from '../src/db/papers.ts';
import { createApp } from '../src/http/app.ts';
import { mailLater } from '../src/mail/background.ts';
import { createPaperSearch } from '../src/search/index.ts';
import { pageCorpus } from '../test/app.ts';
import { memoryMailer } from '../test/context.ts';
import { createTestDatabase, type TestDatabase } from '../test/databases.ts';
import { siteSecret } from '../src/db/settings.ts';

/** Debian's chromium, as CI installs it; browser tests are skipped where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** Headless chromium as this machine runs it: no sandbox (root), and no background calls to the closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface E2eServer {
  url: string;
  /** Mails the app sent (sign-up confirmations, resets). */
  mailer: ReturnType<typeof memoryMailer>;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The fixture papers: real ones from the sample corpus, then the hostile and LaTeX ones. */
export function fixturePapers(): PaperInput[] {
  const real = JSON.parse(readFileSync(new URL('./fixtures/papers.json', import.meta.url), 'utf8')) as PaperInput[];
  return [...real, ...pageCorpus().filter((p) => p.id === '2608.00105' || p.id === 'hep-th/9901001')];
}

/** Starts the app over a fresh store on 127.0.0.1 and a free port (with an arXiv client for submissions when given). */
export async function startE2eServer(env: Record<string, string> = {}, opts: { arxiv?: ArxivLookup } = {}): Promise<E2eServer> {
  const database = await createTestDatabase('sqlite');
  await database.db.transaction().execute((trx) => upsertPapers(trx, fixturePapers()));
  const search = createPaperSearch(database.db);
  await search.sync();
  const mailer = memoryMailer();
  const logger = pino({ level: 'silent' });
  let baseUrl = '';
  const ctx = {
    config: loadConfig(env),
    database,
    search,
    logger,
    now: () => new Date('2026-08-21T12:00:00Z'),
    secret: await siteSecret(database.db),
    mailer,
    mailLater: mailLater(mailer, logger),
    ...(opts.arxiv ? { arxiv: opts.arxiv } : {}),
    get baseUrl() {
      return baseUrl;
    },
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: createApp(ctx).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    mailer,
    database,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await database.drop();
    },
  };
}
