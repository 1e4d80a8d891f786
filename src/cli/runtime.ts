/**
 * What every command needs: validated config, a logger on stderr, and an open store whose schema
 * is current. A brand-new database is migrated by any command; one that is behind is only
 * migrated by `serve` (or `migrate`), other commands refuse with a clear message.
 */
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { ensureSchema, isNewDatabase, pendingMigrations } from '../db/migrate.ts';
import { createLogger, type Logger } from '../logger.ts';

export interface Runtime {
  config: Config;
  logger: Logger;
  database: Database;
  close(): Promise<void>;
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
  return { config, logger, database, close: () => database.close() };
}

/** Prints an error for a person and exits non-zero; unexpected errors keep their stack. */
export function exitWithError(err: unknown): never {
  if (err instanceof AppError || err instanceof ConfigError) {
    process.stderr.write(`paperboy: ${err.message}\n`);
  } else {
    process.stderr.write(`paperboy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(err instanceof AppError && err.status < 500 ? 2 : 1);
}
