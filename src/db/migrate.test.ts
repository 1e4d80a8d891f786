// Migrations: a new store is recognised and migrated; one that is behind is refused until migrated;
// a migration that fills a new table from existing rows does so.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import * as m0001 from './migrations/0001_papers.ts';
import * as m0002 from './migrations/0002_ingestion.ts';
import * as m0003 from './migrations/0003_community.ts';
import * as m0004 from './migrations/0004_delivery.ts';
import { ensureSchema, isNewDatabase, migrateToLatest, pendingMigrations } from './migrate.ts';

describe('migrations', () => {
  const database = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-mig-')), 'm.db')}`);
  afterAll(() => database.close());

  it('recognises a new store, refuses to use it unmigrated, and applies every migration once', async () => {
    expect(await isNewDatabase(database)).toBe(true);
    await expect(ensureSchema(database, { migrate: false })).rejects.toThrow(/schema is behind .*npx paperboy migrate/);
    expect(await migrateToLatest(database)).toEqual(['0001_papers', '0002_ingestion', '0003_community', '0004_delivery', '0005_paper_names', '0006_daily_feed_date', '0007_text_seq_cursor', '0008_source_throttle', '0009_account_lifecycle', '0010_org_invitations', '0011_reply_notifications', '0012_feed_page_index', '0013_hf_submitter', '0014_ingest_run_attempts']);
    expect(await pendingMigrations(database)).toEqual([]);
    expect(await isNewDatabase(database)).toBe(false);
    expect(await migrateToLatest(database)).toEqual([]);
    await ensureSchema(database, { migrate: false });
  });

  it('0005 fills in the names of papers stored before it', async () => {
    const old = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'paperboy-mig-')), 'm.db')}`);
    try {
      const { error } = await new Migrator({ db: old.db, provider: { getMigrations: async () => ({ '0001_papers': m0001, '0002_ingestion': m0002, '0003_community': m0003, '0004_delivery': m0004 }) } }).migrateToLatest();
      expect(error).toBeUndefined();
      const row = { title_key: 'x', abstract: '', authors_count: 2, created_at: '2026-01-01', updated_at: '2026-01-01' };
      await sql`insert into papers (id, title, title_key, abstract, authors, authors_count, organization, created_at, updated_at)
        values ('p1', 'One', ${row.title_key}, '', ${JSON.stringify(['Łukasz Kaiser', ' Ada  Lovelace '])}, 2, 'Université de Montréal', ${row.created_at}, ${row.updated_at}),
               ('p2', 'Two', 'y', '', 'not json', 0, null, ${row.created_at}, ${row.updated_at})`.execute(old.db);
      expect(await migrateToLatest(old)).toEqual(['0005_paper_names', '0006_daily_feed_date', '0007_text_seq_cursor', '0008_source_throttle', '0009_account_lifecycle', '0010_org_invitations', '0011_reply_notifications', '0012_feed_page_index', '0013_hf_submitter', '0014_ingest_run_attempts']);
      const names = await old.db.selectFrom('paper_names').selectAll().orderBy('kind').orderBy('name_key').execute();
      expect(names).toEqual([
        { kind: 'author', name_key: 'ada lovelace', paper_id: 'p1' },
        { kind: 'author', name_key: 'łukasz kaiser', paper_id: 'p1' },
        { kind: 'organization', name_key: 'université de montréal', paper_id: 'p1' },
      ]);
    } finally {
      await old.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrations on a shared PostgreSQL server', () => {
  it('look only at their own schema, unbothered by other clients dropping theirs meanwhile', async () => {
    const url = process.env.TEST_DATABASE_URL as string;
    const admin = openDatabase(url);
    const tag = `mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const others = Array.from({ length: 30 }, (_, i) => `${tag}_other_${i}`);
    const ours = `${tag}_ours`;
    try {
      for (const s of [...others, ours]) await sql`create schema ${sql.id(s)}`.execute(admin.db);
      for (const s of others) await sql`create table ${sql.id(s)}.t (id serial primary key, a text, b text, c text)`.execute(admin.db);
      const database = openDatabase(url, { pgSchema: ours });
      try {
        // Another client drops its schemas one by one while this store checks and applies migrations.
        const dropping = (async () => {
          for (const s of others) await sql`drop schema ${sql.id(s)} cascade`.execute(admin.db);
        })();
        const checks = (async () => {
          for (let i = 0; i < 15; i++) await pendingMigrations(database);
          return migrateToLatest(database);
        })();
        const [applied] = await Promise.all([checks, dropping]);
        expect(applied).toContain('0001_papers');
        expect(await pendingMigrations(database)).toEqual([]);
      } finally {
        await database.close();
      }
    } finally {
      for (const s of [...others, ours]) await sql`drop schema if exists ${sql.id(s)} cascade`.execute(admin.db);
      await admin.close();
    }
  }, 60_000);
});
