/** Test paper builders: realistic PaperInputs with overrides, and a way to store them. */
import type { Kysely } from 'kysely';
import type { PaperInput } from '../src/core/paper.ts';
import { upsertPapers } from '../src/db/papers.ts';
import type { DB } from '../src/db/schema.ts';

let counter = 0;

/** A valid paper input; every call gets a distinct arXiv id unless one is given. */
export function paperInput(over: Partial<PaperInput> = {}): PaperInput {
  counter++;
  const id = over.id ?? `2501.${String(10000 + counter)}`;
  return {
    id,
    arxivId: over.arxivId === undefined ? id : over.arxivId,
    title: `Paper ${counter}`,
    abstract: 'An abstract.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    authorsCount: 2,
    organization: null,
    publishedOn: '2025-01-09',
    feedDate: '2025-01-10',
    upvotes: 0,
    categories: [],
    githubRepo: null,
    projectPage: null,
    ...over,
  };
}

/** Stores papers in one transaction. */
export async function storePapers(db: Kysely<DB>, papers: PaperInput[]): Promise<void> {
  await db.transaction().execute((trx) => upsertPapers(trx, papers));
}
