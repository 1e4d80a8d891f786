/**
 * Test databases for both dialects. Every database test loops over DIALECTS: SQLite always, and
 * PostgreSQL when TEST_DATABASE_URL names a server (CI starts one). Each test gets a fresh,
 * migrated store: a new SQLite file, or a new PostgreSQL schema that is dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type Database, type Dialect, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

const PG_URL = process.env.TEST_DATABASE_URL;

/** The dialects this run tests. */
export const DIALECTS: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (!PG_URL && !process.env.PAPERBOY_QUIET_SKIP) {
  process.emitWarning('TEST_DATABASE_URL is not set: PostgreSQL tests are skipped (see README, "Testing").');
  process.env.PAPERBOY_QUIET_SKIP = '1';
}

/** A fresh migrated database plus the URL another process could open it with. */
export interface TestDatabase extends Database {
  url: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Creates a fresh, migrated store of a dialect. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-test-'));
    const url = `sqlite:${path.join(dir, 'test.db')}`;
    const database = openDatabase(url);
    await migrateToLatest(database);
    return {
      ...database,
      url,
      env: { DATABASE_URL: url },
      async drop() {
        await database.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`.toLowerCase();
  // A command run on this store keeps its search index file here, not under ./data.
  const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-test-'));
  const admin = openDatabase(PG_URL as string);
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const database = openDatabase(PG_URL as string, { pgSchema: schema });
  await migrateToLatest(database);
  return {
    ...database,
    url: PG_URL as string,
    env: { DATABASE_URL: PG_URL as string, DATABASE_SCHEMA: schema, SEARCH_SNAPSHOT: path.join(dir, 'search.idx') },
    async drop() {
      await database.close().catch(() => undefined);
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
