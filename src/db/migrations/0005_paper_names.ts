/**
 * Migration 0005: paper_names, the authors and organization of each paper under a lookup key
 * (composed, lower-cased by JavaScript's full Unicode rules, single-spaced), so author and
 * organization feeds match "Łukasz Kaiser" in any case on SQLite too, whose lower() only knows
 * ASCII, and find a name through an index instead of scanning every paper's authors. Existing
 * papers are filled in here. Frozen once shipped: the key function is copied, not imported.
 */
import type { Kysely } from 'kysely';

const key = (name: string): string => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('paper_names')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('paper_names_pk', ['kind', 'name_key', 'paper_id'])
    .execute();
  await db.schema.createIndex('paper_names_paper').on('paper_names').column('paper_id').execute();

  for (let after = ''; ; ) {
    const papers: { id: string; authors: string; organization: string | null }[] = await db
      .selectFrom('papers')
      .select(['id', 'authors', 'organization'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    if (papers.length === 0) break;
    after = papers[papers.length - 1]!.id;
    const rows = new Map<string, { kind: string; name_key: string; paper_id: string }>();
    for (const p of papers) {
      let authors: unknown;
      try {
        authors = JSON.parse(p.authors);
      } catch {
        authors = [];
      }
      const names = [...(Array.isArray(authors) ? authors : []).filter((a): a is string => typeof a === 'string').map((a) => ['author', a]), ...(p.organization ? [['organization', p.organization]] : [])];
      for (const [kind, name] of names) {
        const k = key(name!);
        if (k) rows.set(`${kind}\u0000${k}\u0000${p.id}`, { kind: kind!, name_key: k, paper_id: p.id });
      }
    }
    const list = [...rows.values()];
    for (let i = 0; i < list.length; i += 300) await db.insertInto('paper_names').values(list.slice(i, i + 300)).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
