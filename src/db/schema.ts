/**
 * Table types for Kysely: the shape of every table as the query layer sees it, in both dialects.
 * JSON lists are stored as text in both dialects so that one code path reads them.
 */
import type { Generated } from 'kysely';
import type { ReplyReason } from '../core/reply-notices.ts';

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
  /** 1 when feed_date is a day a daily feed listed the paper, 0 when derived from arXiv or a file. */
  feed_date_daily: Generated<number>;
  upvotes: number;
  comments: number;
  /** The part of upvotes and comments that sources (Hugging Face) reported. */
  source_upvotes: Generated<number>;
  source_comments: Generated<number>;
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
  /** Display name of who put it in the daily feed: a Hugging Face user's full name, or the name of the account here (submitted_by_user). */
  submitted_by: string | null;
  /** That person's Hugging Face username, when the submitter came from Hugging Face (0013). */
  submitted_by_hf_user: string | null;
  github_stars: number | null;
  ai_summary: string | null;
  /** JSON array of keywords. */
  ai_keywords: Generated<string>;
  /** The Paperboy user who submitted it, if one did. */
  submitted_by_user: string | null;
  /** The organization page it is assigned to. */
  org_handle: string | null;
}

export interface PaperCategoriesTable {
  paper_id: string;
  category: string;
}

/** A paper's authors and organization by lookup key (core/paper.ts nameKey), for feeds and organization pages. */
export interface PaperNamesTable {
  kind: 'author' | 'organization';
  name_key: string;
  paper_id: string;
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
  status: 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
  started_at: string;
  finished_at: string | null;
  requests: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  skipped: Generated<number>;
  rejected: Generated<number>;
  errors: Generated<string>;
  /** HTTP attempts: the requests plus the retries made while the run lived; null when not counted (runs before 0014). */
  attempts: number | null;
}

/** When a source's next request may start and who is sending one (ms since 1970, database clock). */
export interface SourceThrottleTable {
  source: string;
  next_at: number;
  holder: string | null;
  held_until: number | null;
  /** Bumped by every write, so a claim can check nothing changed since it read the row. */
  turn: number;
}

export interface SettingsTable {
  name: string;
  value: string;
}

export type Role = 'user' | 'moderator' | 'admin';

export interface UsersTable {
  id: string;
  email: string;
  handle: string;
  name: string;
  password_hash: string;
  role: Role;
  banned: Generated<number>;
  public_upvotes: Generated<number>;
  /** When the owner proved the address is theirs; sign-in waits for it. */
  verified_at: string | null;
  created_at: string;
  /** When the account was deleted: the row stays, emptied, holding its handle (0009). */
  deleted_at: Generated<string | null>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A pending move of an account to a new address, under the hash of its link's token. */
export interface EmailChangesTable {
  token_hash: string;
  user_id: string;
  /** The address when the move was asked for: the link works only while it is still the account's. */
  old_email: string;
  new_email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface VotesTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  paper_id: string;
  user_id: string;
  parent_id: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden: Generated<number>;
}

export interface SubmissionsTable {
  id: string;
  user_id: string;
  paper_id: string;
  created_at: string;
}

export interface OrganizationsTable {
  handle: string;
  name: string;
  description: Generated<string>;
  created_at: string;
}

export interface OrgMembersTable {
  org_handle: string;
  user_id: string;
  role: Generated<string>;
  created_at: string;
}

export interface OrgInvitationsTable {
  id: string;
  org_handle: string;
  user_id: string;
  role: Generated<string>;
  invited_by: string | null;
  /** 'pending' or 'declined' (accepted and withdrawn invitations are deleted). */
  status: Generated<string>;
  created_at: string;
  declined_at: string | null;
}

export interface CollectionsTable {
  id: string;
  user_id: string;
  name: string;
  description: Generated<string>;
  public: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemsTable {
  collection_id: string;
  paper_id: string;
  position: number;
  added_at: string;
}

export interface AuthorClaimsTable {
  id: string;
  paper_id: string;
  author_name: string;
  user_id: string;
  /** 'revoked': approved, then taken back by a moderator (the link is gone). */
  status: 'pending' | 'approved' | 'rejected' | 'revoked';
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  detail: Generated<string>;
  created_at: string;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  window_start: string;
}

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced';

/** A digest subscriber: an address that opted in (or is waiting to), and when to mail it. */
export interface SubscribersTable {
  id: string;
  email: string;
  status: SubscriberStatus;
  frequency: Generated<'daily' | 'weekly'>;
  /** Local hour (0-23) in `timezone` the digest is due. */
  hour: Generated<number>;
  timezone: Generated<string>;
  weekends: Generated<number>;
  max_papers: Generated<number>;
  /** 1: the digest ends with the period's trending papers; 0: followed items only. */
  trending: Generated<number>;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  bounce_reason: string | null;
}

/** Something a subscriber follows: a topic (saved search), an author, an organization or a category. */
export interface SubscriberFollowsTable {
  subscriber_id: string;
  kind: 'topic' | 'author' | 'organization' | 'category';
  value: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'empty' | 'bounced' | 'failed' | 'skipped';

/** One digest of one subscriber for one period; written before sending, claimed with a lease. */
export interface DigestOutboxTable {
  subscriber_id: string;
  period: string;
  period_from: string;
  period_to: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  message_id: string | null;
  papers: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export type ReplyOutboxStatus = 'pending' | 'sent' | 'skipped' | 'bounced' | 'failed';

/** One comment to tell one person about; written with the comment, sent after a delay, claimed with a lease (0011). */
export interface ReplyOutboxTable {
  id: string;
  recipient_id: string;
  comment_id: string;
  reason: ReplyReason;
  status: ReplyOutboxStatus;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  /** The mail that carried it (several rows share one when coalesced). */
  message_id: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** An account's choice about reply mails; no row means they are on (0011). */
export interface ReplyMailSettingsTable {
  user_id: string;
  enabled: number;
  /** When mail to the account's address was refused for good (the mails were turned off then). */
  bounced_at: string | null;
  bounce_reason: string | null;
  updated_at: string;
}

export interface DB {
  subscribers: SubscribersTable;
  subscriber_follows: SubscriberFollowsTable;
  digest_outbox: DigestOutboxTable;
  reply_outbox: ReplyOutboxTable;
  reply_mail_settings: ReplyMailSettingsTable;
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  email_changes: EmailChangesTable;
  api_tokens: ApiTokensTable;
  votes: VotesTable;
  comments: CommentsTable;
  submissions: SubmissionsTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  org_invitations: OrgInvitationsTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  author_claims: AuthorClaimsTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  ingest_checkpoints: IngestCheckpointsTable;
  ingest_runs: IngestRunsTable;
  source_throttle: SourceThrottleTable;
  papers: PapersTable;
  paper_categories: PaperCategoriesTable;
  paper_names: PaperNamesTable;
  counters: CountersTable;
}
