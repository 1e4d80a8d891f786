/**
 * What every command needs: validated config, a logger on stderr, and an open store whose schema
 * is current. A brand-new database is migrated by any command; one that is behind is only
 * migrated by `serve` (or `migrate`), other commands refuse with a clear message.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { ensureSchema, isNewDatabase, pendingMigrations } from '../db/migrate.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createPaperSearch, type PaperSearch } from '../search/index.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  database: Database;
  /** The search index over the store, kept in SEARCH_SNAPSHOT between runs; call sync() to load it. */
  search(): PaperSearch;
  close(): Promise<void>;
}

/** The file SEARCH_SNAPSHOT names, or undefined when it is off. */
export function snapshotFile(config: Config): string | undefined {
  if (config.searchSnapshot === 'off') return undefined;
  if (config.searchSnapshot !== 'auto') return config.searchSnapshot;
  if (config.databaseUrl.startsWith('sqlite:')) {
    const db = config.databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return db === ':memory:' ? undefined : `${db}.search`;
  }
  // One file per PostgreSQL database and schema (never the URL itself: it holds the password).
  const key = createHash('sha256').update(`${config.databaseUrl}#${config.databaseSchema}`).digest('hex').slice(0, 16);
  return path.join('data', `search-${key}.idx`);
}

/** Opens config, logger and store; `migrate` also brings an existing schema up to date. */
export async function openRuntime(opts: { migrate?: boolean } = {}): Promise<Runtime> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.databaseUrl, { pgSchema: config.databaseSchema });
  try {
    const pending = await pendingMigrations(database);
    const isNew = await isNewDatabase(database);
    if (pending.length > 0 && (opts.migrate || isNew)) logger.info({ pending }, 'migrating the database');
    await ensureSchema(database, { migrate: Boolean(opts.migrate) || isNew });
  } catch (err) {
    await database.close();
    throw err;
  }
  const file = snapshotFile(config);
  if (file && !config.databaseUrl.startsWith('sqlite:')) mkdirSync(path.dirname(file), { recursive: true });
  const search = (): PaperSearch =>
    createPaperSearch(database.db, {
      ...(file ? { snapshotFile: file } : {}),
      onSnapshotError: (err) => logger.warn({ err, file }, 'could not save the search index (it works on without the file)'),
      onMeaningError: (err) => logger.warn({ err }, 'could not read the word vectors: search ranks by words alone'),
    });
  return { config, logger, database, search, close: () => database.close() };
}

/** Prints an error for a person and exits non-zero; unexpected errors keep their stack. */
export function exitWithError(err: unknown): never {
  if (err instanceof AppError || err instanceof ConfigError) {
    process.stderr.write(`paperboy: ${err.message}\n`);
  } else if (String((err as { code?: unknown } | undefined)?.code ?? '').startsWith('SQLITE_BUSY')) {
    // SQLite has one writer at a time; its busy timeout (10 s) ran out waiting for another process.
    process.stderr.write('paperboy: the database stayed busy: another Paperboy process held its write lock for over 10 seconds, so the waiting step was rolled back. Run the command again.\n');
  } else {
    process.stderr.write(`paperboy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(err instanceof AppError && err.status < 500 ? 2 : 1);
}
