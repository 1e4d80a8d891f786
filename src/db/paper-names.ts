/**
 * paper_names: each paper's authors and organization under a lookup key (core/paper.ts nameKey),
 * written with the paper, so feeds and organization pages find a name through an index and in
 * any case, the same on SQLite and PostgreSQL.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { nameKey, type Paper } from '../core/paper.ts';
import { insertRows } from './bulk-insert.ts';
import type { DB } from './schema.ts';

/** Ids of the papers that list a name, read from the name index alone. */
function idsNaming(eb: ExpressionBuilder<DB, 'papers'>, kind: 'author' | 'organization', name: string) {
  return eb.selectFrom('paper_names as pn').select('pn.paper_id as id').where('pn.kind', '=', kind).where('pn.name_key', '=', nameKey(name));
}

/**
 * Papers that list a name (author or organization), in any case. An `id in (ids from the index)`
 * rather than a correlated EXISTS, which SQLite plans as a scan of every paper.
 */
export function hasName(eb: ExpressionBuilder<DB, 'papers'>, kind: 'author' | 'organization', name: string) {
  return eb('papers.id', 'in', idsNaming(eb, kind, name));
}

/**
 * Papers assigned to an organization's page or naming it: one set of ids from two index lookups
 * (`org_handle = ? or id in …` is a scan of every paper on PostgreSQL).
 */
export function ofOrganization(eb: ExpressionBuilder<DB, 'papers'>, handle: string, name: string) {
  return eb('papers.id', 'in', eb.selectFrom('papers as assigned').select('assigned.id').where('assigned.org_handle', '=', handle).union(idsNaming(eb, 'organization', name)));
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

/** Organization names that hold `contains` (any case), or all of them. */
export interface OrganizationNameFilter {
  contains?: string;
}

/** The organization names of visible papers, one row a paper, kept to those holding `contains`. */
function visibleOrganizationNames(db: Kysely<DB>, filter: OrganizationNameFilter) {
  const visible = db.selectFrom('paper_names as pn').innerJoin('papers', 'papers.id', 'pn.paper_id').where('pn.kind', '=', 'organization').where('papers.hidden', '=', 0);
  const key = filter.contains ? nameKey(filter.contains) : '';
  if (!key) return visible;
  // `!` escapes LIKE's wildcards typed into the filter; keys are lower case, as the filter's is.
  const pattern = `%${key.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
  return visible.where(sql<boolean>`pn.name_key like ${pattern} escape '!'`);
}

/** How many organization names visible papers carry (holding `contains`, when given). */
export async function countOrganizationNames(db: Kysely<DB>, filter: OrganizationNameFilter = {}): Promise<number> {
  const row = await visibleOrganizationNames(db, filter)
    .select((eb) => eb.fn.count<number>('pn.name_key').distinct().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The organization names papers carry most often (visible papers only), each with its paper count
 * and the spelling most of those papers use (names differing only in case are one organization).
 */
export async function topOrganizationNames(db: Kysely<DB>, limit: number, options: OrganizationNameFilter & { offset?: number } = {}): Promise<{ name: string; papers: number }[]> {
  const visible = visibleOrganizationNames(db, options);
  const top = await visible
    .select((eb) => ['pn.name_key', eb.fn.countAll<number>().as('n')])
    .groupBy('pn.name_key')
    .orderBy('n', 'desc')
    .orderBy('pn.name_key')
    .limit(limit)
    .offset(options.offset ?? 0)
    .execute();
  if (top.length === 0) return [];
  // Spellings are counted here rather than picked by min(), whose order depends on the database's collation.
  const spellings = await visible
    .select((eb) => ['pn.name_key', 'papers.organization', eb.fn.countAll<number>().as('n')])
    .where('pn.name_key', 'in', top.map((r) => r.name_key))
    .groupBy(['pn.name_key', 'papers.organization'])
    .execute();
  const best = new Map<string, { name: string; n: number }>();
  for (const s of spellings) {
    const name = (s.organization ?? s.name_key).replace(/\s+/g, ' ').trim();
    const cur = best.get(s.name_key);
    if (!cur || Number(s.n) > cur.n || (Number(s.n) === cur.n && name < cur.name)) best.set(s.name_key, { name, n: Number(s.n) });
  }
  return top.map((r) => ({ name: best.get(r.name_key)?.name ?? r.name_key, papers: Number(r.n) }));
}
