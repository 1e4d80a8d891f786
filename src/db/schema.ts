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
}

export interface PaperCategoriesTable {
  paper_id: string;
  category: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface DB {
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  counters: CountersTable;
}
