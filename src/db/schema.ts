/**
 * Table types for Kysely: the shape of every table as the query layer sees it, in both dialects.
 * JSON lists are stored as text in both dialects so that one code path reads them.
 */
import type { Generated } from 'kysely';

export interface PapersTable {
  id: string;
  arxiv_id: string | null;
  /** Lower-cased title reduced to letters and digits: finds the same paper from another source. */
  title_key: string;
  title: string;
  abstract: string;
  /** JSON array of author names. */
  authors: string;
  authors_count: number;
  organization: string | null;
  published_on: string | null;
  feed_date: string | null;
  upvotes: number;
  comments: number;
  /** JSON array of arXiv categories, primary first. */
  categories: string;
  github_repo: string | null;
  project_page: string | null;
  trending: number;
  hidden: Generated<number>;
  /** Bumped whenever the searchable text changes; search indexes follow it. */
  text_seq: number;
  created_at: string;
  updated_at: string;
  version: number | null;
  withdrawn: Generated<number>;
  submitted_by: string | null;
  github_stars: number | null;
  ai_summary: string | null;
  /** JSON array of keywords. */
  ai_keywords: Generated<string>;
}

export interface PaperCategoriesTable {
  paper_id: string;
  category: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

/** Where a source's ingestion stands (JSON), and which node holds the right to run it. */
export interface IngestCheckpointsTable {
  source: string;
  state: string;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

/** One ingestion run: when, what it did, and its errors (JSON list). */
export interface IngestRunsTable {
  id: string;
  source: string;
  params: string;
  status: 'running' | 'ok' | 'failed' | 'interrupted';
  started_at: string;
  finished_at: string | null;
  requests: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  skipped: Generated<number>;
  rejected: Generated<number>;
  errors: Generated<string>;
}

export interface DB {
  ingest_checkpoints: IngestCheckpointsTable;
  ingest_runs: IngestRunsTable;
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  counters: CountersTable;
}
