/**
 * A complete application context over a fresh test store: config, search index, silent logger
 * and a fixed clock (2026-08-21 12:00 UTC). HTTP tests call `app.request()` on createApp(ctx);
 * `suiteApp` gives a whole describe block one such app.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Dialect } from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import type { PaperInput } from '../src/core/paper.ts';
import { createApp } from '../src/http/app.ts';
import type { AppContext } from '../src/http/context.ts';
import { createPaperSearch } from '../src/search/index.ts';
import { siteSecret } from '../src/db/settings.ts';
import { mailLater } from '../src/mail/background.ts';
import type { MailMessage, Mailer } from '../src/mail/mailer.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { storePapers } from './papers.ts';

export const TEST_NOW = new Date('2026-08-21T12:00:00Z');

/** A mailer that keeps what it sends, for tests that follow links in mails. */
export function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(m) {
      sent.push(m);
      return { messageId: `<test-${sent.length}@paperboy.test>` };
    },
    close: () => undefined,
  };
}

export interface TestApp {
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  mailer: ReturnType<typeof memoryMailer>;
  /** Stores more papers and brings the search index up to date. */
  add(papers: PaperInput[]): Promise<void>;
  close(): Promise<void>;
}

/** Builds an app over a fresh store of a dialect holding these papers. */
export async function createTestApp(dialect: Dialect, papers: PaperInput[] = [], env: Record<string, string> = {}): Promise<TestApp> {
  return createAppOver(await createTestDatabase(dialect), papers, env);
}

/** Builds an app over a test store that already exists (the target of a copy, say), adding these papers. */
export async function createAppOver(database: TestDatabase, papers: PaperInput[] = [], env: Record<string, string> = {}): Promise<TestApp> {
  const search = createPaperSearch(database.db);
  const mailer = memoryMailer();
  const logger = pino({ level: 'silent' });
  const ctx: AppContext = {
    // As if behind one reverse proxy, so page clients pick their address with X-Forwarded-For.
    config: loadConfig({ TRUST_PROXY: '1', ...env }),
    database,
    search,
    logger,
    now: () => TEST_NOW,
    secret: await siteSecret(database.db),
    mailer,
    mailLater: mailLater(mailer, logger),
    baseUrl: 'http://paperboy.test',
  };
  const add = async (more: PaperInput[]): Promise<void> => {
    await storePapers(database.db, more);
    await search.sync();
  };
  await add(papers);
  return { ctx, app: createApp(ctx), database, mailer, add, close: () => database.drop() };
}

/**
 * One app for the current describe block: built before its tests, closed after them, and its
 * clock set back to TEST_NOW after each test (so a test may move it). Read it inside the tests.
 */
export function suiteApp(dialect: Dialect, papers: PaperInput[] = [], env: Record<string, string> = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(dialect, papers, env));
  });
  afterAll(async () => t.close());
  afterEach(() => {
    t.ctx.now = () => TEST_NOW;
  });
  return t;
}
