// Migrations: a new store is recognised and migrated; one that is behind is refused until migrated.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { ensureSchema, isNewDatabase, migrateToLatest, pendingMigrations } from './migrate.ts';

describe('migrations', () => {
  const database = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-mig-')), 'm.db')}`);
  afterAll(() => database.close());

  it('recognises a new store, refuses to use it unmigrated, and applies every migration once', async () => {
    expect(await isNewDatabase(database)).toBe(true);
    await expect(ensureSchema(database, { migrate: false })).rejects.toThrow(/schema is behind .*npx paperboy migrate/);
    expect(await migrateToLatest(database)).toEqual(['0001_papers', '0002_ingestion', '0003_community', '0004_delivery', '0005_daily_feed_date']);
    expect(await pendingMigrations(database)).toEqual([]);
    expect(await isNewDatabase(database)).toBe(false);
    expect(await migrateToLatest(database)).toEqual([]);
    await ensureSchema(database, { migrate: false });
  });
});
