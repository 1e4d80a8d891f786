/**
 * The views of reply mails: the settings section with its checkbox, the page of the one-click
 * link in each mail (a form the browser submits on load; its GET changes nothing, so link
 * scanners turn nothing off), and the page that says they are off.
 */
import type { ReplyMailSetting } from '../../db/reply-mail-settings.ts';
import { formatDate } from './format.ts';
import { Layout } from './layout.tsx';
import { PostForm } from './post-form.tsx';
import type { Site } from './site.ts';

/** The "Reply mails" section of /settings. */
export function ReplyMailsSection(props: { site: Site; setting: ReplyMailSetting }) {
  const { enabled, bouncedAt } = props.setting;
  return (
    <section class="settings-section" id="reply-mails" aria-labelledby="reply-mails-title">
      <h2 id="reply-mails-title">Reply mails</h2>
      {bouncedAt && !enabled ? (
        <p class="notice" role="status">
          Mail to your address was refused on {formatDate(bouncedAt.slice(0, 10))}, so these mails were turned off. Check the box to try again.
        </p>
      ) : null}
      <PostForm site={props.site} action="/settings/reply-mails" submit="Save">
        <label>
          <input type="checkbox" name="on" value="1" checked={enabled} /> Email me when someone replies to my comments
        </label>
        <p class="hint">
          Also when someone starts a discussion of a paper you submitted, an organization invites you, or a moderator decides on your authorship claim. A few minutes after the comment, several together in one mail, at most a few mails an hour; each mail has a link
          that turns them off.
        </p>
      </PostForm>
    </section>
  );
}

/** The page of a mail's turn-off link: one POST, submitted as the page loads (a button without JavaScript). */
export function ReplyMailsOffView(props: { site: Site; handle: string; action: string }) {
  return (
    <Layout site={props.site} title="Stop reply mails" subscribeBox={false} scripts={['auto-submit.js']}>
      <div class="form-page">
        <h1>Stop reply mails</h1>
        <form method="post" action={props.action} data-auto-submit="">
          <p role="status" data-auto-status="Turning reply mails off…">
            Stop mailing <strong>@{props.handle}</strong> when someone replies?
          </p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <div class="actions">
            <button class="button primary" type="submit">
              Turn reply mails off
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** After turning them off, or for a link that does not work. */
export function ReplyMailsMessageView(props: { site: Site; title: string; handle?: string }) {
  return (
    <Layout site={props.site} title={props.title} subscribeBox={false}>
      <div class="form-page">
        <h1>{props.title}</h1>
        {props.handle ? (
          <p>
            <strong>@{props.handle}</strong> gets no more mails about replies. To have them again, check the box in <a href="/settings#reply-mails">your settings</a>.
          </p>
        ) : (
          <p>
            This link may be mistyped or belong to an account that no longer exists. Signed in, you can choose in <a href="/settings#reply-mails">your settings</a>.
          </p>
        )}
      </div>
    </Layout>
  );
}
