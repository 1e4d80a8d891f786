/**
 * The moderation page (/moderation, moderators and admins only): a form to ban an account by
 * handle (asking first; a ban it could not do comes back with the reason and what was typed),
 * hidden papers and comments (each comment's start rendered as in its thread) with buttons to
 * show them again, banned accounts with unban buttons, and the audit log, newest first, a page at a time.
 */
import type { CommentWithAuthor } from '../../db/comments.ts';
import { AuditTable, type AuditView } from './audit-table.tsx';
import { CommentExcerpt, commentHref } from './comments-section.tsx';
import { tidy } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import { renderInlineMath } from './math.ts';
import type { Site } from './site.ts';

/** The ban form sent back: what was typed, and why it did not go. */
export interface BanForm {
  handle: string;
  reason: string;
  error: string;
}

export interface ModerationData {
  audit: AuditView[];
  /** Which page of the audit log `audit` is, of how many. */
  auditPages: { page: number; pages: number };
  /** Handles of the users the audit rows name by id (authors of claims). */
  handles: Record<string, string>;
  hiddenPapers: { id: string; title: string; updated_at: string }[];
  hiddenComments: (CommentWithAuthor & { paper_title: string })[];
  banned: { id: string; handle: string; name: string }[];
}

function Action(props: { site: Site; path: string; id: string; label: string }) {
  return (
    <form method="post" action={props.path} class="inline">
      <CsrfField site={props.site} />
      <input type="hidden" name="id" value={props.id} />
      <button type="submit" class="link">
        {props.label}
      </button>
    </form>
  );
}

/** The moderation page. */
export function ModerationView(props: { site: Site; data: ModerationData; notice?: string; ban?: BanForm }) {
  const { site, data, ban } = props;
  return (
    <Layout site={site} title="Moderation">
      <div class="moderation">
        <h1>Moderation</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <section aria-labelledby="ban-title">
          <h2 id="ban-title">Ban an account</h2>
          {ban ? (
            <p class="notice error" role="alert" id="ban-error">
              {ban.error}
            </p>
          ) : null}
          <form
            method="post"
            action="/moderation/user/ban"
            class="moderation-form"
            data-confirm="Ban this account? It is signed out everywhere at once and its API tokens stop working, until it is unbanned."
          >
            <CsrfField site={site} />
            <label for="ban-handle">Handle</label>
            <input
              id="ban-handle"
              name="id"
              type="text"
              required
              maxlength={80}
              placeholder="@handle"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              value={ban?.handle ?? ''}
              {...(ban ? { 'aria-invalid': 'true', 'aria-describedby': 'ban-error' } : {})}
            />
            <label for="ban-reason">Reason (kept in the log)</label>
            <input id="ban-reason" name="reason" type="text" maxlength={500} value={ban?.reason ?? ''} />
            <button type="submit" class="button mod-danger">
              Ban
            </button>
          </form>
        </section>
        <section aria-labelledby="hidden-papers-title">
          <h2 id="hidden-papers-title">Hidden papers ({data.hiddenPapers.length})</h2>
          {data.hiddenPapers.length === 0 ? <p class="muted">None.</p> : null}
          <ul>
            {data.hiddenPapers.map((p) => (
              <li>
                {renderInlineMath(tidy(p.title))} <span class="muted">({p.id})</span> <Action site={site} path="/moderation/paper/unhide" id={p.id} label="Unhide" />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="hidden-comments-title">
          <h2 id="hidden-comments-title">Hidden comments ({data.hiddenComments.length})</h2>
          {data.hiddenComments.length === 0 ? <p class="muted">None.</p> : null}
          <ul class="comment-list hidden-comments">
            {data.hiddenComments.map((cm) => (
              <li>
                {/* A div: a form cannot sit inside a paragraph. */}
                <div class="hidden-comment-meta">
                  <a href={commentHref(cm.paper_id, cm.id)}>
                    @{cm.author_handle} on {renderInlineMath(tidy(cm.paper_title))}
                  </a>{' '}
                  · <Action site={site} path="/moderation/comment/unhide" id={cm.id} label="Unhide" />
                </div>
                <CommentExcerpt body={cm.body} href={commentHref(cm.paper_id, cm.id)} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="banned-title">
          <h2 id="banned-title">Banned accounts ({data.banned.length})</h2>
          {data.banned.length === 0 ? <p class="muted">None.</p> : null}
          <ul>
            {data.banned.map((u) => (
              <li>
                <a href={`/users/${u.handle}`}>{u.name}</a> @{u.handle} <Action site={site} path="/moderation/user/unban" id={u.handle} label="Unban" />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="audit-title">
          <h2 id="audit-title">Audit log</h2>
          {data.audit.length > 0 ? (
            <AuditTable rows={data.audit} handles={data.handles} />
          ) : data.auditPages.page > 1 ? (
            <p>
              No entries on this page: the log has {data.auditPages.pages} {data.auditPages.pages === 1 ? 'page' : 'pages'}. <a href="/moderation#audit-title">Back to the newest entries</a>
            </p>
          ) : (
            <p class="muted">Nothing recorded yet.</p>
          )}
          <Pager page={data.auditPages.page} pages={data.auditPages.pages} href={(p) => `/moderation${p > 1 ? `?p=${p}` : ''}#audit-title`} />
        </section>
      </div>
    </Layout>
  );
}
