/**
 * The views of an address change and of deleting an account: their sections of the settings page
 * (each with the current password), the page a mailed link opens (a button that confirms by
 * POST), what it answers once the address is moved, and a link that does not work any more.
 */
import { EMAIL_CHANGE_HOURS } from '../../actions/change-email.ts';
import type { User } from '../../db/users.ts';
import { FormPage } from './account-pages.tsx';
import { PostForm } from './post-form.tsx';
import type { Site } from './site.ts';

/** A form's refusal, shown in its section. */
export function ErrorNotice(props: { error: string | undefined; id?: string }) {
  return props.error ? (
    <p class="notice error" role="alert" {...(props.id ? { id: props.id } : {})}>
      {props.error}
    </p>
  ) : null;
}

/** The settings section that moves the account to a new address. */
export function EmailSection(props: { site: Site; user: User; error: string | undefined }) {
  return (
    <section class="settings-section" aria-labelledby="email-title">
      <h2 id="email-title">Email address</h2>
      <p class="hint">
        You sign in with {props.user.email}. A new address takes its place once you open the link we mail to it (within {EMAIL_CHANGE_HOURS} hours); then your
        other sessions are signed out, and your email digest moves along.
      </p>
      <ErrorNotice error={props.error} />
      <PostForm site={props.site} action="/settings/email" submit="Send a confirmation link">
        <label for="new-email">New address</label>
        <input id="new-email" name="email" type="email" autocomplete="email" required maxlength={254} />
        <label for="email-current-password">Current password</label>
        <input id="email-current-password" name="current" type="password" autocomplete="current-password" required maxlength={200} />
      </PostForm>
    </section>
  );
}

/** The settings section that deletes the account, set apart at the end. */
export function DeleteSection(props: { site: Site; error: string | undefined }) {
  return (
    <section class="settings-section" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <p class="hint">
        This cannot be undone. Your upvotes, collections, memberships, authorship claims, API tokens and email digest go; your comments go too, except those with
        replies, which stay as “[deleted]” so the discussion keeps its shape. Papers you submitted stay, without your name. Your handle is never given to anyone else.
      </p>
      <ErrorNotice error={props.error} />
      <PostForm site={props.site} action="/settings/delete" confirm="Delete your account for good? This cannot be undone." submit="Delete my account" kind="danger">
        <label for="delete-current-password">Current password</label>
        <input id="delete-current-password" name="current" type="password" autocomplete="current-password" required maxlength={200} />
        <label>
          <input type="checkbox" name="confirm" value="yes" required /> I understand that this deletes my account for good
        </label>
      </PostForm>
    </section>
  );
}

/** What a live link opens: the move it would make, and the button that makes it (link scanners only GET). */
export function ConfirmEmailChangeView(props: { site: Site; token: string; handle: string; newEmail: string }) {
  return (
    <FormPage site={props.site} title="Confirm your new address">
      <p>
        The account @{props.handle} will sign in with {props.newEmail} from now on, and its other sessions will be signed out.
      </p>
      <PostForm site={props.site} action={`/email/confirm/${encodeURIComponent(props.token)}`} submit="Use this address" kind="primary" />
    </FormPage>
  );
}

/** What a link answers with nothing left to press: what happened (or why it failed) and the way on. */
function Outcome(props: { site: Site; title: string; text: string; failed?: boolean; next: { href: string; label: string } }) {
  return (
    <FormPage site={props.site} title={props.title}>
      <p class={props.failed ? 'notice error' : 'notice'} role={props.failed ? 'alert' : 'status'}>
        {props.text}
      </p>
      <p>
        <a class="button primary" href={props.next.href}>
          {props.next.label}
        </a>
      </p>
    </FormPage>
  );
}

/** The answer to a browser that is not signed in to the account it moved: sign in with the new address. */
export function EmailChangedView(props: { site: Site; email: string }) {
  const text = `Your account now uses ${props.email}. Every session was signed out: sign in with the new address.`;
  return <Outcome site={props.site} title="Your address was changed" text={text} next={{ href: '/signin', label: 'Sign in' }} />;
}

/** A link that was used, has expired, was replaced by a newer one or cannot be used any more. */
export function EmailChangeDeadView(props: { site: Site; message: string }) {
  return <Outcome site={props.site} title="This link does not work any more" text={props.message} failed next={{ href: '/settings', label: 'Go to your settings' }} />;
}
