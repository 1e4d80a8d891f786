/**
 * Opens the store of record from a DATABASE_URL: SQLite (sqlite:PATH, the default, a file under
 * ./data) or PostgreSQL (postgres://...). Everything above this file talks to Kysely only.
 *
 * SQLite transactions begin IMMEDIATE: a writer takes the file's write lock up front, waiting up
 * to the busy timeout for another process's (an import while `serve` ingests, say). A deferred
 * transaction would instead fail at once with "database is locked" when a read inside it turns
 * into a write while another process writes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import { SchemaScopedPostgresDialect } from './pg-introspector.ts';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An open store: the Kysely handle plus which dialect it speaks. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where it lives, with any password removed (for logs). */
  label: string;
  /** PostgreSQL schema holding Paperboy's tables (public unless set). */
  pgSchema?: string;
  close(): Promise<void>;
}

// int8 (counts, sequences) as JS numbers rather than strings: our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Opens a database from a URL. `pgSchema` puts every PostgreSQL table in that schema (tests). */
export function openDatabase(url: string, opts: { pgSchema?: string } = {}): Database {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new SchemaScopedPostgresDialect({ pool }, opts.pgSchema) });
    const label = url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
    return { db, dialect: 'postgres', label, pgSchema: opts.pgSchema ?? 'public', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) {
    throw new AppError(500, 'bad_database_url', `DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
  }
  const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  // A 64 MB page cache keeps the indexes of a few hundred thousand papers in memory during imports.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', label: file, close: () => db.destroy() };
}
