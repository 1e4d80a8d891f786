/**
 * What every command needs: validated config, a logger on stderr, and an open store whose schema
 * is current. A brand-new database is created and migrated by any command that writes (commands
 * that only read refuse a store that does not exist); one that is behind is only migrated by
 * `serve` (or `migrate`), other commands refuse with a clear message. And how a command ends on
 * an error: one line for a person, a stack trace only for a bug.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig, mistypedSettings } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { ensureSchema, isNewDatabase, pendingMigrations } from '../db/migrate.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createPaperSearch, type PaperSearch } from '../search/index.ts';
import { storeProblem } from './store-problem.ts';

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

/** The store this process opened last, so that an error surfacing later can name it. */
let openedStore: Pick<Database, 'dialect' | 'label' | 'pgSchema'> | undefined;

/** Opens the store DATABASE_URL names (creating a SQLite file unless `existing`), remembering it for error messages. */
export function openStore(config: Config, opts: { existing?: boolean } = {}): Database {
  const database = openDatabase(config.databaseUrl, { pgSchema: config.databaseSchema, mustExist: Boolean(opts.existing) });
  openedStore = { dialect: database.dialect, label: database.label, pgSchema: database.pgSchema };
  return database;
}

/**
 * Opens config, logger and store; `migrate` also brings an existing schema up to date. A command
 * that only reads (`existing`) refuses a store that does not exist yet rather than create an
 * empty one and answer "nothing"; the others create and migrate a brand-new store.
 */
export async function openRuntime(opts: { migrate?: boolean; existing?: boolean } = {}): Promise<Runtime> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  for (const { name, meant } of mistypedSettings()) logger.warn(`${name} is not a Paperboy setting and is ignored: did you mean ${meant}?`);
  const database = openStore(config, { existing: Boolean(opts.existing) });
  try {
    const pending = await pendingMigrations(database);
    const isNew = await isNewDatabase(database);
    if (isNew && opts.existing) {
      throw new AppError(
        500,
        'no_database',
        database.dialect === 'sqlite'
          ? `no Paperboy database at ${path.resolve(database.label)}: the file holds no Paperboy tables (set DATABASE_URL, or run where \`npm start\` created ./data)`
          : `no Paperboy tables in schema ${database.pgSchema ?? 'public'} of ${database.label} (check DATABASE_URL and DATABASE_SCHEMA, or run \`npx paperboy migrate\`)`,
      );
    }
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

/**
 * A closed output (`paperboy search ... | head -1`, the reader gone) ends the command quietly, as
 * it ends other Unix tools, instead of with an EPIPE stack trace.
 */
export function quietOnClosedOutput(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit();
    exitWithError(err);
  });
  // Nothing can be told once stderr is gone; its other errors are not ours to report either.
  process.stderr.on('error', () => undefined);
}

/** True when LOG_LEVEL asks for details (debug or trace): then even expected errors show their stack. */
function debugging(): boolean {
  try {
    return ['debug', 'trace'].includes(loadConfig().logLevel);
  } catch {
    return false;
  }
}

/**
 * Prints an error for a person and exits non-zero (see exitCodeOf). Expected
 * failures (AppError, configuration, a store that cannot be reached or written) are one line;
 * unexpected errors keep their stack, and LOG_LEVEL=debug adds it to the others.
 */
export function exitWithError(err: unknown): never {
  const busy = String((err as { code?: unknown } | undefined)?.code ?? '').startsWith('SQLITE_BUSY');
  const line =
    err instanceof AppError || err instanceof ConfigError
      ? err.message
      : busy
        ? // SQLite has one writer at a time; its busy timeout (10 s) ran out waiting for another process.
          'the database stayed busy: another Paperboy process held its write lock for over 10 seconds, so the waiting step was rolled back. Run the command again.'
        : storeProblem(err, openedStore);
  if (line !== undefined) {
    process.stderr.write(`paperboy: ${line}\n`);
    if (debugging() && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  } else {
    process.stderr.write(`paperboy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(exitCodeOf(err));
}

/** 75 (sysexits' EX_TEMPFAIL) when another process runs the same ingestion, 2 for a usage error, else 1. */
function exitCodeOf(err: unknown): number {
  if (err instanceof AppError && err.code === 'ingest_busy') return 75;
  return err instanceof AppError && err.status < 500 ? 2 : 1;
}
