/**
 * Opens the store of record from a DATABASE_URL: SQLite (sqlite:PATH, the default, a file under
 * ./data) or PostgreSQL (postgres://...). Everything above this file talks to Kysely only.
 *
 * SQLite transactions begin IMMEDIATE: a writer takes the file's write lock up front, waiting up
 * to the busy timeout for another process's (an import while `serve` ingests, say). A deferred
 * transaction would instead fail at once with "database is locked" when a read inside it turns
 * into a write while another process writes.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import { redactUrl } from '../core/redact-url.ts';
import { nulFree } from './nul-free.ts';
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
export function openDatabase(url: string, opts: { pgSchema?: string; mustExist?: boolean } = {}): Database {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new SchemaScopedPostgresDialect({ pool }, opts.pgSchema), plugins: [nulFree()] });
    return { db, dialect: 'postgres', label: redactUrl(url), pgSchema: opts.pgSchema ?? 'public', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) {
    throw new AppError(500, 'bad_database_url', `DATABASE_URL must start with sqlite: or postgres://, got "${redactUrl(url)}"`);
  }
  const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  // "sqlite:" alone would open a temporary database that vanishes with the process.
  if (file === '' || file === '//' || /[/\\]$/.test(file)) {
    throw new AppError(500, 'bad_database_url', `DATABASE_URL="${redactUrl(url)}" names no database file: give sqlite:PATH, e.g. sqlite:data/paperboy.db`);
  }
  const sqlite = file === ':memory:' ? configure(new SQLite(file)) : openSqliteFile(file, Boolean(opts.mustExist));
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), plugins: [nulFree()] });
  return { db, dialect: 'sqlite', label: file, close: () => db.destroy() };
}

/** Paperboy's settings for a SQLite connection: WAL, a busy timeout, foreign keys, a large cache, Unicode lower-casing. */
function configure(sqlite: SQLite.Database): SQLite.Database {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  // A 64 MB page cache keeps the indexes of a few hundred thousand papers in memory during imports.
  sqlite.pragma('cache_size = -65536');
  // SQLite's lower() folds ASCII only; searches that ignore case in any script use this one.
  sqlite.function('unicode_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
  return sqlite;
}

/**
 * Opens (or, unless mustExist, creates with its folder) a SQLite file. The mistakes of setting
 * one up (no such file, a folder that cannot be made, a directory, a device or another kind of
 * file in its place) are refused in one line naming the path, not with a stack trace.
 */
function openSqliteFile(file: string, mustExist: boolean): SQLite.Database {
  const full = path.resolve(file);
  // Each refusal names the setting that chose the path.
  const setting = ` (DATABASE_URL=sqlite:${file})`;
  if (mustExist && !existsSync(full)) {
    throw new AppError(500, 'no_database', `no Paperboy database at ${full} (set DATABASE_URL, or run where \`npm start\` created ./data)`);
  }
  try {
    if (!mustExist) mkdirSync(path.dirname(full), { recursive: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'EACCES' || e.code === 'EPERM'
        ? 'permission denied'
        : e.code === 'EEXIST' || e.code === 'ENOTDIR'
          ? 'a file is in the way of the path'
          : e.code === 'EROFS'
            ? 'read-only file system'
            : (e.code ?? e.message);
    throw new AppError(500, 'database_unavailable', `cannot create the folder ${path.dirname(full)} for the database ${full}: ${why}${e.code ? ` (${e.code}${e.path ? ` on ${e.path}` : ''})` : ''}${setting}`);
  }
  // SQLite takes a device or a pipe for an empty database and writes its pages there: a disk named
  // by mistake would be overwritten.
  if (isSpecialFile(full)) throw new AppError(500, 'database_unavailable', `cannot open the database ${full}: it is not a regular file (a device, a pipe or a socket)${setting}`);
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(full, { fileMustExist: mustExist });
    // The first reads and writes: a file that is not a database, or one that cannot be written,
    // fails here rather than in some later query.
    return configure(sqlite);
  } catch (err) {
    sqlite?.close();
    const code = (err as { code?: string }).code ?? '';
    let why = `${code ? `${code}: ` : ''}${(err as Error).message}`;
    if (isDirectory(full)) why = 'it is a directory, not a database file';
    else if (code === 'SQLITE_NOTADB') why = 'it is not a SQLite database';
    else if (code.startsWith('SQLITE_READONLY')) why = `it is read-only (${why}): Paperboy writes to the file and to its folder (its -wal and -shm files)`;
    else if (code === 'SQLITE_CANTOPEN' && !existsSync(full) && !mayWrite(path.dirname(full))) {
      throw new AppError(
        500,
        'database_unavailable',
        `cannot create the database ${full}: permission denied, the folder ${path.dirname(full)} is not writable by this user; make it writable for the user Paperboy runs as, or set DATABASE_URL to a path it may write${setting}`,
      );
    } else if (code === 'SQLITE_CANTOPEN' && existsSync(full) && !mayWrite(full)) why = 'permission denied, this user may not read and write the file';
    throw new AppError(500, 'database_unavailable', `cannot open the database ${full}: ${why}${setting}`);
  }
}

/** Whether this process may write (and read) the file or folder. */
function mayWrite(file: string): boolean {
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isSpecialFile(file: string): boolean {
  try {
    const st = statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
