/**
 * Migration 0001: papers, their categories, and counters. Frozen: never edit a migration that
 * has shipped; add a new one.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('arxiv_id', 'text')
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('authors_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('organization', 'text')
    .addColumn('published_on', 'text')
    .addColumn('feed_date', 'text')
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('github_repo', 'text')
    .addColumn('project_page', 'text')
    .addColumn('trending', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_arxiv_id').unique().on('papers').column('arxiv_id').execute();
  await db.schema.createIndex('papers_title_key').on('papers').column('title_key').execute();
  await db.schema.createIndex('papers_feed_upvotes').on('papers').columns(['feed_date', 'upvotes desc']).execute();
  await db.schema.createIndex('papers_feed_trending').on('papers').columns(['feed_date', 'trending desc']).execute();
  await db.schema.createIndex('papers_trending').on('papers').column('trending desc').execute();
  await db.schema.createIndex('papers_text_seq').on('papers').column('text_seq').execute();

  await db.schema
    .createTable('paper_categories')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_categories_pk', ['paper_id', 'category'])
    .execute();
  await db.schema.createIndex('paper_categories_category').on('paper_categories').columns(['category', 'paper_id']).execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) values ('text_seq', 0)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
