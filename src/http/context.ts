/**
 * What every request handler may use: configuration, the store, the search index, the logger
 * and a clock. Built once per process by the server (or by a test) and passed to createApp.
 */
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { PaperSearch } from '../search/index.ts';

export interface AppContext {
  config: Config;
  database: Database;
  search: PaperSearch;
  logger: Logger;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
  /** Next start of each scheduled job, when this process runs a schedule. */
  upcomingJobs?: () => { name: string; at: Date | null }[];
}
