/**
 * A user's profile: name, handle, role and since when; the papers they submitted, their upvotes
 * (if public, or to themselves) and comments. On one's own profile: settings (public upvotes)
 * and personal API tokens (created here, shown once, revocable).
 */
import type { Child } from 'hono/jsx';
import type { Paper } from '../../core/paper.ts';
import type { Collection } from '../../db/collections.ts';
import type { ProfileActivity } from '../../db/profiles.ts';
import type { User } from '../../db/users.ts';
import { formatDate, paperPath, tidy } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import { PaperList } from './paper-card.tsx';
import type { Site } from './site.ts';

export interface ProfileProps {
  site: Site;
  user: User;
  own: boolean;
  activity: ProfileActivity;
  /** Public collections (all of them on one's own profile). */
  collections: Collection[];
  tokens?: { id: string; name: string; created_at: string; last_used_at: string | null }[];
  /** A token just created: shown this once. */
  newToken?: string;
  extra?: Child;
}

function Papers(props: { title: string; papers: Paper[]; empty: string }) {
  return (
    <section class="profile-section">
      <h2 class="section-title">{props.title}</h2>
      {props.papers.length > 0 ? <PaperList papers={props.papers} label={props.title} /> : <p class="muted">{props.empty}</p>}
    </section>
  );
}

/** The profile page. */
export function ProfileView(props: ProfileProps) {
  const { user, activity } = props;
  return (
    <Layout site={props.site} title={`${user.name} (@${user.handle})`}>
      <header class="profile-head">
        <h1>{user.name}</h1>
        <p class="muted">
          @{user.handle}
          {user.role !== 'user' ? <span class="chip">{user.role}</span> : null} · joined {formatDate(user.createdAt.slice(0, 10))}
        </p>
      </header>
      <Papers title="Submitted papers" papers={activity.submitted} empty="No submissions yet." />
      {props.own || user.publicUpvotes ? <Papers title="Upvoted papers" papers={activity.upvoted} empty="No upvotes yet." /> : null}
      <section class="profile-section">
        <h2 class="section-title">Comments</h2>
        {activity.comments.length === 0 ? (
          <p class="muted">No comments yet.</p>
        ) : (
          <ul class="comment-list">
            {activity.comments.map((c) => (
              <li>
                <a href={`${paperPath(c.paperId)}#comment-${c.id}`}>{tidy(c.paperTitle)}</a>
                <p>{c.body.length > 280 ? `${c.body.slice(0, 280)}…` : c.body}</p>
                <time datetime={c.createdAt}>{formatDate(c.createdAt.slice(0, 10))}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="profile-section">
        <h2 class="section-title">Collections</h2>
        {props.collections.length === 0 ? (
          <p class="muted">{props.own ? 'No collections yet: save papers from their pages.' : 'No public collections.'}</p>
        ) : (
          <ul class="collection-list">
            {props.collections.map((col) => (
              <li>
                <a href={`/collections/${col.id}`}>{col.name}</a>{' '}
                <span class="muted">
                  · {col.itemCount} paper{col.itemCount === 1 ? '' : 's'}
                  {props.own ? ` · ${col.public ? 'public' : 'private'}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.extra ?? null}
      {props.own ? <Settings {...props} /> : null}
    </Layout>
  );
}

function Settings(props: ProfileProps) {
  return (
    <section class="profile-section settings" aria-labelledby="settings-title">
      <h2 id="settings-title" class="section-title">
        Settings
      </h2>
      <form method="post" action="/settings/upvotes" class="inline-form">
        <CsrfField site={props.site} />
        <input type="hidden" name="public" value={props.user.publicUpvotes ? '0' : '1'} />
        <span>Your upvotes are {props.user.publicUpvotes ? 'public' : 'private'}.</span>{' '}
        <button class="button small" type="submit">
          Make them {props.user.publicUpvotes ? 'private' : 'public'}
        </button>
      </form>
      <h3>API tokens</h3>
      <p class="muted">
        Use a token for the JSON API: <code>Authorization: Bearer pb_…</code> (upvote, comment, submit, collections).
      </p>
      {props.newToken ? (
        <p class="notice" role="status">
          Your new token (copy it now, it will not be shown again): <code class="token">{props.newToken}</code>
        </p>
      ) : null}
      {props.tokens && props.tokens.length > 0 ? (
        <ul class="tokens">
          {props.tokens.map((t) => (
            <li>
              <strong>{t.name}</strong> · created {formatDate(t.created_at.slice(0, 10))} · {t.last_used_at ? `last used ${formatDate(t.last_used_at.slice(0, 10))}` : 'never used'}
              <form method="post" action={`/settings/tokens/${encodeURIComponent(t.id)}/revoke`} class="inline">
                <CsrfField site={props.site} />
                <button class="link" type="submit">
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/settings/tokens" class="inline-form">
        <CsrfField site={props.site} />
        <label for="token-name">New token name</label> <input id="token-name" name="name" type="text" required maxlength={60} placeholder="e.g. my script" />{' '}
        <button class="button small" type="submit">
          Create token
        </button>
      </form>
    </section>
  );
}
