/**
 * The upvote button: a small form that toggles the visitor's vote, working without JavaScript
 * (POST, then back to the page named in its `_back` field) and, with vote.js, without a reload.
 * What the visitor has voted for is looked up once per page for the papers shown (markVoted) and
 * read while rendering.
 */
import type { Context } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import { votedAmong } from '../../db/votes.ts';
import type { AppContext } from '../context.ts';
import { paperPath } from './format.ts';
import { UpvoteIcon } from './icons.tsx';
import { PostFields } from './post-fields.tsx';

declare module 'hono' {
  interface ContextVariableMap {
    /** Papers on this page the signed-in visitor has upvoted. */
    voted: Set<string> | undefined;
  }
}

/** Looks up which of the papers shown the visitor has upvoted, for the buttons to show it. */
export async function markVoted(c: Context, ctx: AppContext, paperIds: string[]): Promise<void> {
  const user = c.get('user');
  if (!user) return;
  const already = c.get('voted') ?? new Set<string>();
  for (const id of await votedAmong(ctx.database.db, user.id, paperIds)) already.add(id);
  c.set('voted', already);
}

/** The vote count as a toggle button (a form); `large` for the paper page. */
export function VoteButton(props: { paperId: string; count: number; large?: boolean }) {
  const c = tryGetContext();
  const voted = c?.var.voted?.has(props.paperId) ?? false;
  const hint = `${voted ? 'Remove your upvote' : 'Upvote'} (${props.count} upvote${props.count === 1 ? '' : 's'})`;
  return (
    <form class="vote-form" method="post" action={`${paperPath(props.paperId)}/vote`}>
      <PostFields />
      <input type="hidden" name="vote" value={voted ? '0' : '1'} />
      {/* Named "Upvote 12" by its text, the state told by aria-pressed; the tooltip says what a click does. */}
      <button type="submit" class={`votes${voted ? ' voted' : ''}`} aria-pressed={voted ? 'true' : 'false'} title={hint}>
        <UpvoteIcon />
        <span class="sr-only">Upvote</span>
        <span class="vote-count">{props.count}</span>
      </button>
    </form>
  );
}
