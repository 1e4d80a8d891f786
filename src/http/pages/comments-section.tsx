/**
 * The discussion under a paper: the thread (nested replies, "[deleted]" placeholders, hidden
 * comments marked for moderators), a form to comment, and per comment a reply form in a
 * <details> (no JavaScript needed), edit and delete for the author, hide/unhide for moderators.
 */
import { countNodes, MAX_BODY, type ThreadNode } from '../../actions/comments.ts';
import { CommentBody, commentExcerpt, EXCERPT_MATH_BUDGET } from './comments-markdown.ts';
import { formatDate, paperPath } from './format.ts';
import { CsrfField } from './layout.tsx';
import type { Site } from './site.ts';
import { isStaff } from '../../core/staff.ts';

/** The paper page address of a comment. */
export const commentHref = (paperId: string, commentId: string): string => `${paperPath(paperId)}#comment-${commentId}`;

interface Viewer {
  site: Site;
  paperId: string;
  moderator: boolean;
}

/** Rows for a comment box holding `text`: its lines (long ones as they wrap, at about 80 characters), at least `min`, at most 30. */
export function rowsFor(text: string, min: number): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 80)), 0);
  return Math.min(30, Math.max(min, lines + 1));
}

/**
 * The textarea, the formatting help and the submit button of a comment form. `errorId` names the
 * message of a failed post, which the textarea is then marked invalid by and described by.
 */
export function CommentFields(props: { id: string; label: string; value?: string; rows?: number; submit: string; errorId?: string }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        name="body"
        rows={props.rows ?? 4}
        required
        maxlength={MAX_BODY}
        aria-describedby={props.errorId ? `${props.errorId} ${props.id}-hint` : `${props.id}-hint`}
        {...(props.errorId ? { 'aria-invalid': 'true' } : {})}
      >
        {props.value ?? ''}
      </textarea>
      <p class="hint" id={`${props.id}-hint`}>
        Markdown: *emphasis*, `code`, [links](https://…), $math$ and $$display math$$. No images or HTML.
      </p>
      {/* busy.js: once sent, the button reads "Posting…" and the comment cannot be sent twice. */}
      <button type="submit" class="button" data-busy="Posting…">
        {props.submit}
      </button>
    </>
  );
}

/**
 * A comment in a list of comments (a profile, the moderation page): its start rendered as the
 * thread renders it, and when cut, a link to the whole comment.
 */
export function CommentExcerpt(props: { body: string; href: string }) {
  const excerpt = commentExcerpt(props.body);
  return (
    <div class="comment-body comment-excerpt">
      <CommentBody body={excerpt.text} mathBudget={EXCERPT_MATH_BUDGET} />
      {excerpt.cut ? (
        <p class="read-more">
          <a href={props.href}>Read the whole comment</a>
        </p>
      ) : null}
    </div>
  );
}

function ModButton(props: { v: Viewer; node: ThreadNode }) {
  const op = props.node.hidden ? 'unhide' : 'hide';
  return (
    <form method="post" action={`/moderation/comment/${op}`} class="inline">
      <CsrfField site={props.v.site} />
      <input type="hidden" name="id" value={props.node.id} />
      {props.node.hidden ? null : <input type="text" name="reason" class="mod-reason" maxlength={500} placeholder="Reason (optional)" aria-label="Reason for hiding (optional, kept in the log)" />}
      <button type="submit" class={props.node.hidden ? 'link' : 'link mod-link'} title={`${props.node.hidden ? 'Show this comment again' : 'Hide this comment from everyone but moderators and its author'} (moderator action)`}>
        {props.node.hidden ? 'Unhide' : 'Hide'}
      </button>
    </form>
  );
}

function CommentItem(props: { v: Viewer; node: ThreadNode }) {
  const { v, node } = props;
  const signedIn = Boolean(v.site.user);
  return (
    <li class={`comment${node.hidden && !node.removed ? ' comment-hidden' : ''}`} id={`comment-${node.id}`}>
      <article aria-label={node.author ? `Comment by ${node.author.name}` : 'Removed comment'}>
        <header class="comment-meta">
          {node.author ? <a href={`/users/${node.author.handle}`}>{node.author.name}</a> : <span class="muted">{node.deleted ? '[deleted]' : '[removed]'}</span>}
          {node.replyTo ? <span class="muted"> replying to @{node.replyTo}</span> : null}
          <a class="muted" href={`#comment-${node.id}`}>
            <time datetime={node.createdAt}>{formatDate(node.createdAt.slice(0, 10))}</time>
          </a>
          {node.editedAt && !node.removed ? <span class="muted">(edited)</span> : null}
          {node.hidden && !node.removed ? <span class="badge">hidden by a moderator</span> : null}
        </header>
        {node.removed ? (
          <p class="comment-removed muted">{node.deleted ? '[deleted]' : '[hidden by a moderator]'}</p>
        ) : (
          <div class="comment-body">
            <CommentBody body={node.body} />
          </div>
        )}
        <div class="comment-actions">
          {signedIn && !node.removed ? (
            <details class="reply">
              <summary>Reply</summary>
              <form method="post" action="/comments" class="comment-form">
                <CsrfField site={v.site} />
                <input type="hidden" name="paper_id" value={v.paperId} />
                <input type="hidden" name="parent_id" value={node.id} />
                <CommentFields id={`reply-${node.id}`} label="Your reply" submit="Reply" />
              </form>
            </details>
          ) : null}
          {node.canEdit ? <a href={`/comments/${node.id}/edit`}>Edit</a> : null}
          {node.canDelete ? (
            <form method="post" action={`/comments/${node.id}/delete`} class="inline" data-confirm="Delete this comment? Its text is removed for good.">
              <CsrfField site={v.site} />
              <button type="submit" class="link">
                Delete
              </button>
            </form>
          ) : null}
          {v.moderator && !node.deleted ? <ModButton v={v} node={node} /> : null}
        </div>
      </article>
      {node.replies.length > 0 ? (
        <ol class="thread">
          {node.replies.map((r) => (
            <CommentItem v={v} node={r} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** The discussion section of a paper page. */
export function CommentsSection(props: { site: Site; paperId: string; paperPath: string; thread: ThreadNode[]; elsewhere?: { count: number; url: string } }) {
  const user = props.site.user;
  const v: Viewer = { site: props.site, paperId: props.paperId, moderator: isStaff(user) };
  const n = countNodes(props.thread);
  return (
    <section class="discussion" id="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title" class="section-title">
        Discussion {n > 0 ? <span class="muted">({n})</span> : null}
      </h2>
      {props.elsewhere ? (
        <p class="muted">
          The paper's count includes {props.elsewhere.count} {props.elsewhere.count === 1 ? 'comment' : 'comments'} on{' '}
          <a href={props.elsewhere.url} rel="noopener">
            Hugging Face
          </a>
          , where the paper was discussed too.
        </p>
      ) : null}
      {user ? (
        <form method="post" action="/comments" class="comment-form">
          <CsrfField site={props.site} />
          <input type="hidden" name="paper_id" value={props.paperId} />
          <CommentFields id="new-comment" label="Add a comment" submit="Comment" />
        </form>
      ) : (
        <p>
          <a href={`/signin?next=${encodeURIComponent(`${props.paperPath}#discussion`)}`}>Sign in</a> to join the discussion.
        </p>
      )}
      {props.thread.length > 0 ? (
        <ol class="thread" aria-label="Comments">
          {props.thread.map((node) => (
            <CommentItem v={v} node={node} />
          ))}
        </ol>
      ) : (
        <p class="muted">{props.elsewhere ? 'No comments here yet.' : 'No comments yet.'}</p>
      )}
    </section>
  );
}
