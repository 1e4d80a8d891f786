/**
 * paper_names: each paper's authors and organization under a lookup key (core/paper.ts nameKey),
 * written with the paper, so feeds and organization pages find a name through an index and in
 * any case, the same on SQLite and PostgreSQL.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { nameKey, type Paper } from '../core/paper.ts';
import { insertRows } from './bulk-insert.ts';
import type { DB } from './schema.ts';

/** Papers that list a name (author or organization), in any case. */
export function hasName(eb: ExpressionBuilder<DB, 'papers'>, kind: 'author' | 'organization', name: string) {
  return eb.exists(eb.selectFrom('paper_names as pn').select('pn.paper_id').whereRef('pn.paper_id', '=', 'papers.id').where('pn.kind', '=', kind).where('pn.name_key', '=', nameKey(name)));
}

/** The lookup rows of a paper's authors and organization (see PaperNamesTable). */
function namesOf(p: Paper): { kind: 'author' | 'organization'; name_key: string; paper_id: string }[] {
  const out = new Map<string, { kind: 'author' | 'organization'; name_key: string; paper_id: string }>();
  const add = (kind: 'author' | 'organization', name: string): void => {
    const k = nameKey(name);
    if (k) out.set(`${kind}\u0000${k}`, { kind, name_key: k, paper_id: p.id });
  };
  for (const a of p.authors) add('author', a);
  if (p.organization) add('organization', p.organization);
  return [...out.values()];
}

/** Rewrites the lookup rows of papers whose authors or organization changed (in the upsert's transaction). */
export async function replaceNames(db: Kysely<DB>, changes: { stored: Paper | undefined; paper: Paper }[]): Promise<void> {
  const same = (a: Paper | undefined, b: Paper): boolean => !!a && a.organization === b.organization && a.authors.join('\u0000') === b.authors.join('\u0000');
  const changed = changes.filter((c) => !same(c.stored, c.paper));
  const stale = changed.filter((c) => c.stored).map((c) => c.paper.id);
  for (let i = 0; i < stale.length; i += 500) {
    await db.deleteFrom('paper_names').where('paper_id', 'in', stale.slice(i, i + 500)).execute();
  }
  await insertRows(db, 'paper_names', ['kind', 'name_key', 'paper_id'], changed.flatMap((c) => namesOf(c.paper)));
}
