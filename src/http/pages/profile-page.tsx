/**
 * A user's profile: name, handle, role and since when; the author names their approved claims
 * hold and the organizations they are a member of, each linking to its page; the latest papers
 * they submitted, their upvotes (if public, or to themselves) and comments, each with a link to
 * the whole list a page at a time. Public things only: its owner finds a link to their settings
 * (`/settings`).
 */
import type { Child } from 'hono/jsx';
import type { ProfileActivity, ProfileComment, ProfileList, ProfileListPage } from '../../actions/profiles.ts';
import type { Collection } from '../../db/collections.ts';
import type { User } from '../../db/users.ts';
import { CommentExcerpt } from './comments-section.tsx';
import { formatDate, paperPath, tidy } from './format.ts';
import { Layout } from './layout.tsx';
import { authorPath } from './name-links.tsx';
import { Pager } from './pager.tsx';
import { renderInlineMath } from './math.ts';
import { PaperList } from './paper-card.tsx';
import type { Site } from './site.ts';

export interface ProfileProps {
  site: Site;
  user: User;
  own: boolean;
  activity: ProfileActivity;
  /** Public collections (all of them on one's own profile). */
  collections: Collection[];
  /** Author names the user's approved claims hold. */
  authorNames?: string[];
  /** Organizations the user is a member of. */
  organizations?: { handle: string; name: string; role: string }[];
  extra?: Child;
}

/** Links in a line, separated by commas. */
function Links(props: { links: { href: string; label: string; note?: string }[] }) {
  return (
    <>
      {props.links.map((l, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={l.href}>{l.label}</a>
          {l.note ? <span class="muted"> ({l.note})</span> : null}
        </>
      ))}
    </>
  );
}

/** Who the user is in the papers: the author names they hold, and their organizations. */
function Affiliations(props: { names: string[]; orgs: { handle: string; name: string; role: string }[] }) {
  if (props.names.length === 0 && props.orgs.length === 0) return null;
  return (
    <div class="profile-affiliations">
      {props.names.length > 0 ? (
        <p>
          Author as <Links links={props.names.map((n) => ({ href: authorPath(n), label: n }))} />
        </p>
      ) : null}
      {props.orgs.length > 0 ? (
        <p>
          Member of{' '}
          <Links links={props.orgs.map((o) => ({ href: `/orgs/${encodeURIComponent(o.handle)}`, label: o.name, ...(o.role === 'admin' ? { note: 'admin' } : {}) }))} />
        </p>
      ) : null}
    </div>
  );
}

const LIST_TITLES: Record<ProfileList, string> = { submitted: 'Submitted papers', upvoted: 'Upvoted papers', comments: 'Comments' };

/** Where one of a user's lists is paged. */
export const profileListPath = (handle: string, list: ProfileList, page = 1): string => `/users/${encodeURIComponent(handle)}/${list}${page > 1 ? `?p=${page}` : ''}`;

function CommentItems(props: { comments: ProfileComment[] }) {
  return (
    <ul class="comment-list">
      {props.comments.map((c) => (
        <li>
          <a href={`${paperPath(c.paperId)}#comment-${c.id}`}>{renderInlineMath(tidy(c.paperTitle))}</a>
          <CommentExcerpt body={c.body} href={`${paperPath(c.paperId)}#comment-${c.id}`} />
          <time datetime={c.createdAt}>{formatDate(c.createdAt.slice(0, 10))}</time>
        </li>
      ))}
    </ul>
  );
}

const EMPTY: Record<ProfileList, string> = { submitted: 'No submissions yet.', upvoted: 'No upvotes yet.', comments: 'No comments yet.' };

/** One list on the profile: its latest items and, when there are more, a link to all of them. */
function Section(props: { handle: string; list: ProfileList; total: number; shown: number; children: Child }) {
  const title = LIST_TITLES[props.list];
  return (
    <section class="profile-section">
      <h2 class="section-title">
        {title}
        {props.total > 0 ? <span class="muted"> · {props.total}</span> : null}
      </h2>
      {props.total > 0 ? props.children : <p class="muted">{EMPTY[props.list]}</p>}
      {props.total > props.shown ? (
        <p>
          <a href={profileListPath(props.handle, props.list)}>
            All {props.total} {title.toLowerCase()} →
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** The profile page. */
export function ProfileView(props: ProfileProps) {
  const { user, activity } = props;
  const { submitted, upvoted, comments } = activity;
  return (
    <Layout site={props.site} title={`${user.name} (@${user.handle})`}>
      <ProfileHead user={user} />
      <Affiliations names={props.authorNames ?? []} orgs={props.organizations ?? []} />
      {props.own ? <OwnerNote user={user} /> : null}
      <Section handle={user.handle} list="submitted" total={submitted.total} shown={submitted.items.length}>
        <PaperList papers={submitted.items} label={LIST_TITLES.submitted} />
      </Section>
      {props.own || user.publicUpvotes ? (
        <Section handle={user.handle} list="upvoted" total={upvoted.total} shown={upvoted.items.length}>
          <PaperList papers={upvoted.items} label={LIST_TITLES.upvoted} />
        </Section>
      ) : null}
      <Section handle={user.handle} list="comments" total={comments.total} shown={comments.items.length}>
        <CommentItems comments={comments.items} />
      </Section>
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
    </Layout>
  );
}

function ProfileHead(props: { user: User; list?: ProfileList }) {
  const { user } = props;
  return (
    <header class="profile-head">
      {props.list ? (
        <>
          <p class="muted">
            <a href={`/users/${encodeURIComponent(user.handle)}`}>{user.name}</a> · @{user.handle}
          </p>
          <h1>{LIST_TITLES[props.list]}</h1>
        </>
      ) : (
        <>
          <h1>{user.name}</h1>
          <p class="muted">
            @{user.handle}
            {user.role !== 'user' ? <span class="chip">{user.role}</span> : null} · joined {formatDate(user.createdAt.slice(0, 10))}
          </p>
        </>
      )}
      {user.banned ? (
        <p class="notice" role="status">
          This account is banned: only its owner and the moderators see this page.
        </p>
      ) : null}
    </header>
  );
}

/** One page of a user's submissions, upvotes or comments. */
export function ProfileListView(props: { site: Site; view: ProfileListPage }) {
  const { view } = props;
  const { user } = view;
  const title = LIST_TITLES[view.list];
  return (
    <Layout site={props.site} title={`${title} by ${user.name} (@${user.handle})${view.page > 1 ? ` · page ${view.page}` : ''}`}>
      <ProfileHead user={user} list={view.list} />
      <h2 class="section-title">
        {view.total} in all{view.pages > 1 ? ` · page ${view.page} of ${view.pages}` : ''}
      </h2>
      {view.total === 0 ? (
        <p class="muted">{EMPTY[view.list]}</p>
      ) : view.list === 'comments' ? (
        <CommentItems comments={view.items} />
      ) : (
        <PaperList papers={view.items} label={title} />
      )}
      <Pager page={view.page} pages={view.pages} href={(p) => profileListPath(user.handle, view.list, p)} />
    </Layout>
  );
}

/** What only the owner sees: where their settings are, and that private upvotes are theirs alone. */
function OwnerNote(props: { user: User }) {
  return (
    <p class="owner-note muted">
      This is your public profile{props.user.publicUpvotes ? '' : ' (your upvotes are private: only you see them here)'}.{' '}
      <a href="/settings">Settings</a>: upvote privacy, password, API tokens.
    </p>
  );
}
