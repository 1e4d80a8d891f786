// A whole store copied between dialects: every table's rows equal, the copy usable by the site,
// and the refusals (a target in use, a source behind on migrations), with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { Database, Dialect } from '../db/database.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { storeId } from '../db/settings.ts';
import { storeTables } from '../db/store-tables.ts';
import { countRows } from '../db/table-rows.ts';
import { pageClient } from '../../test/client.ts';
import { createAppOver, createTestApp, type TestApp } from '../../test/context.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { fillStore } from '../../test/full-store.ts';
import { copyStore } from './copy-store.ts';

const PAIRS: [Dialect, Dialect][] = DIALECTS.includes('postgres')
  ? [
      ['sqlite', 'postgres'],
      ['postgres', 'sqlite'],
    ]
  : [['sqlite', 'sqlite']];

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function app(dialect: Dialect): Promise<TestApp> {
  const t = await createTestApp(dialect);
  open.push(t);
  return t;
}

async function store(dialect: Dialect): Promise<TestDatabase> {
  const d = await createTestDatabase(dialect);
  open.push({ close: () => d.drop() });
  return d;
}

/** A table's rows, in a stable order, with values as plain JSON. */
async function rowsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const rows = await db.selectFrom(table).selectAll().execute();
  return rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
}

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await storeTables()) out[t.name] = await countRows(database.db, t.name);
  return out;
}

describe.each(PAIRS)('store copy %s to %s', (from, to) => {
  it('copies every table row for row, and the copy serves the site', async () => {
    const source = await app(from);
    const made = await fillStore(source);
    await storeId(source.database.db);
    const target = await store(to);
    const report = await copyStore(source.database, target, { batch: 2 });

    const tables = await storeTables();
    const before = await counts(source.database);
    expect(tables.filter((t) => before[t.name] === 0).map((t) => t.name)).toEqual([]);
    expect(report.tables.map((t) => [t.name, t.source, t.target])).toEqual(tables.map((t) => [t.name, before[t.name], before[t.name]]));
    for (const t of tables) {
      if (t.name === 'settings') continue;
      expect(await rowsOf(target.db, t.name), t.name).toEqual(await rowsOf(source.database.db, t.name));
    }
    // The copy is a store of its own (a saved search index of the source is not its index); the rest of the settings, the signing secret first, are the source's.
    const settings = async (db: Kysely<any>): Promise<Record<string, string>> =>
      Object.fromEntries((await db.selectFrom('settings').select(['name', 'value']).execute()).map((r) => [r.name, r.value]));
    const [was, now] = [await settings(source.database.db), await settings(target.db)];
    expect(now.store_id).not.toEqual(was.store_id);
    expect({ ...now, store_id: '' }).toEqual({ ...was, store_id: '' });

    const copy = await createAppOver(target);
    const page = await (await copy.app.request(`/papers/${made.paperId}`)).text();
    for (const body of made.thread) expect(page).toContain(body);
    const found = (await (await copy.app.request('/api/papers/search?q=speculative%20decoding')).json()) as { paper: { id: string } }[];
    expect(found.map((i) => i.paper.id)).toContain(made.paperId);
    const b = pageClient(copy.app, { ip: '198.51.100.9' });
    await b.get('/signin');
    expect((await b.post('/signin', { email: made.alice.email, password: 'correct horse battery' })).status).toBe(303);
    expect(await (await b.get('/settings')).text()).toContain(made.alice.user.handle);

    // A second copy finds the target in use: refused, nothing written.
    const filled = await counts(target);
    await expect(copyStore(source.database, target)).rejects.toMatchObject({ status: 400, code: 'target_not_empty' });
    expect(await counts(target)).toEqual(filled);
  });
});

describe.each(DIALECTS)('store copy into %s', (to) => {
  it('leaves the target empty when the copy stops part way, and copies in full the next time', async () => {
    const source = await app('sqlite');
    await fillStore(source);
    const target = await store(to);
    const empty = await counts(target);
    const stop = new AppError(500, 'stopped', 'stopped');
    await expect(
      copyStore(source.database, target, {
        onProgress: (p) => {
          if (p.table === 'users') throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(await counts(target)).toEqual(empty);
    const report = await copyStore(source.database, target);
    expect(report.tables.every((t) => t.source === t.target && t.target > 0)).toBe(true);
  });

  it("refuses a target holding tables that are not Paperboy's (another application's store), writing nothing", async () => {
    const source = await app('sqlite');
    const target = await store(to);
    const db = target.db as Kysely<any>;
    await db.schema.createTable('bookmarks').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('url', 'text').execute();
    await db.insertInto('bookmarks').values({ id: 1, url: 'https://example.org/' }).execute();
    const empty = await counts(target);
    await expect(copyStore(source.database, target)).rejects.toMatchObject({ status: 400, code: 'target_not_empty', message: expect.stringContaining('bookmarks') });
    expect(await counts(target)).toEqual(empty);
    expect(await db.selectFrom('bookmarks').selectAll().execute()).toEqual([{ id: 1, url: 'https://example.org/' }]);
  });

  it('refuses a source whose schema is behind, writing nothing', async () => {
    const source = await store('sqlite');
    const db = source.db as Kysely<any>;
    const last = (await db.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name as string).sort().at(-1) as string;
    await db.deleteFrom('kysely_migration').where('name', '=', last).execute();
    const target = await store(to);
    const empty = await counts(target);
    await expect(copyStore(source, target)).rejects.toMatchObject({ code: 'schema_behind', message: expect.stringContaining(last) });
    expect(await counts(target)).toEqual(empty);
    expect(await pendingMigrations(target)).toEqual([]);
  });
});
