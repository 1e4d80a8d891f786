/**
 * What every request handler may use: configuration, the store, the search index, the logger
 * and a clock. Built once per process by the server (or by a test) and passed to createApp.
 */
import type { ArxivLookup } from '../actions/submit-paper.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { MailLater } from '../mail/background.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PaperSearch } from '../search/index.ts';

export interface AppContext {
  config: Config;
  database: Database;
  search: PaperSearch;
  logger: Logger;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** The key that signs tokens and CSRF values (SECRET_KEY, or the one kept in the database). */
  secret: string;
  /** Sends mail (password resets, confirmations, digests). */
  mailer: Mailer;
  /** Sends the account and subscription mails in the background, so answers take as long whether or not an address has an account, and never wait for the mail server. */
  mailLater: MailLater;
  /** Public address of the site, for links in mails and feeds (PUBLIC_URL or http://localhost:PORT). */
  baseUrl: string;
  /** arXiv look-ups for paper submissions (absent: submissions answer 503). */
  arxiv?: ArxivLookup;
  /** Next start of each scheduled job, when this process runs a schedule. */
  upcomingJobs?: () => { name: string; at: Date | null }[];
}
