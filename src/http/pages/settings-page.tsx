/**
 * The account's settings (`/settings`, signed in only): invitations to organizations waiting for
 * an answer (settings-invitations.tsx), the name the account shows, whether upvotes show on the public profile, reply mails
 * (reply-mail-pages.tsx), the address (account-lifecycle-pages.tsx), changing the password,
 * signing out of the other browsers, personal API tokens (a new one shown once, at the top, with a Copy button; the list; revoking)
 * and, last, deleting the account. Plain forms that work without JavaScript.
 */
import type { PendingInvitation } from '../../actions/org-invitations.ts';
import { EMAIL_CHANGE_HOURS } from '../../actions/change-email.ts';
import type { ReplyMailSetting } from '../../db/reply-mail-settings.ts';
import type { User } from '../../db/users.ts';
import { DeleteSection, EmailSection, ErrorNotice } from './account-lifecycle-pages.tsx';
import { formatDate } from './format.ts';
import { fieldAria } from './forms.ts';
import { CsrfField, Layout } from './layout.tsx';
import { PostForm } from './post-form.tsx';
import { ReplyMailsSection } from './reply-mail-pages.tsx';
import { OrgInvitationsSection } from './settings-invitations.tsx';
import type { Site } from './site.ts';

export interface ApiTokenRow {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** What a redirect back to the settings says happened (`?saved=`). */
const SAVED = {
  name: (user: User) => `Saved: you are shown as ${user.name}.`,
  upvotes: (user: User) => `Saved: your upvotes are ${user.publicUpvotes ? 'public' : 'private'}.`,
  'reply-mails': () => 'Saved: your choice about reply mails.',
  password: () => 'Your password was changed. Your other sessions were signed out; this one stays, and so do your API tokens.',
  revoked: () => 'The token was revoked: the API refuses it from now on.',
  'signed-out': () => 'You were signed out everywhere else. This browser stays signed in, and your API tokens keep working.',
  // The same words whether or not the new address has an account (no enumeration).
  email: () => `We mailed a link to the new address: open it within ${EMAIL_CHANGE_HOURS} hours to start using it. Until then you keep signing in with this one.`,
  'email-changed': (user: User) => `Your account now uses ${user.email}. Your other sessions were signed out; this one stays, and so do your API tokens.`,
} satisfies Record<string, (user: User) => string>;
export type Saved = keyof typeof SAVED;

/** The `?saved=` value of a URL, if it names one of the notices. */
export const parseSaved = (raw: string | undefined): Saved | undefined => (raw && Object.hasOwn(SAVED, raw) ? (raw as Saved) : undefined);

export interface SettingsProps {
  site: Site;
  user: User;
  tokens: ApiTokenRow[];
  invitations: PendingInvitation[];
  /** Whether reply mails are on (shown on by default). */
  replyMails?: ReplyMailSetting;
  /** A token just created: shown this once. */
  newToken?: { token: string; name: string };
  saved?: Saved;
  /** Live sessions of the account, this one included. */
  sessions?: number;
  /** A form's refusal, shown in its section. */
  errors?: { name?: string; password?: string; token?: string; email?: string; delete?: string };
  /** Which password field a refusal of the password form is about. */
  passwordField?: 'current' | 'new';
}

/** The new token, once, where the page opens. */
function NewToken(props: { token: string; name: string }) {
  return (
    <section class="notice new-token" aria-labelledby="new-token-title">
      <h2 id="new-token-title">Your new API token “{props.name}”</h2>
      <p>Copy it now: you will not see it again.</p>
      <div class="copy-field">
        <label class="sr-only" for="new-token">
          API token
        </label>
        <input id="new-token" class="token" type="text" readonly value={props.token} autocomplete="off" spellcheck={false} />
        <button class="button small" type="button" data-copy="new-token" hidden>
          Copy
        </button>
      </div>
    </section>
  );
}

function DisplayName(props: { site: Site; user: User; error: string | undefined }) {
  return (
    <section class="settings-section" aria-labelledby="name-title">
      <h2 id="name-title">Name</h2>
      <ErrorNotice error={props.error} id="name-error" />
      <PostForm site={props.site} action="/settings/name" submit="Save">
        <label for="display-name">The name shown on your profile, comments and submissions</label>
        <input id="display-name" name="name" type="text" autocomplete="name" required maxlength={80} value={props.user.name} {...fieldAria(props.error !== undefined, 'name-error')} />
        <p class="hint">
          Your profile stays at <a href={`/users/${props.user.handle}`}>@{props.user.handle}</a>.
        </p>
      </PostForm>
    </section>
  );
}

function Upvotes(props: { site: Site; user: User }) {
  return (
    <section class="settings-section" aria-labelledby="upvotes-title">
      <h2 id="upvotes-title">Upvotes</h2>
      <PostForm site={props.site} action="/settings/upvotes" submit="Save">
        <label>
          <input type="checkbox" name="public" value="1" checked={props.user.publicUpvotes} /> Show the papers I upvote on my public profile
        </label>
        <p class="hint">They are {props.user.publicUpvotes ? 'public' : 'private'} now. Either way, your votes count on each paper, and you always see your own.</p>
      </PostForm>
    </section>
  );
}

function Password(props: { site: Site; user: User; error: string | undefined; field: 'current' | 'new' | undefined }) {
  const bad = (field: 'current' | 'new') => props.error !== undefined && props.field === field;
  return (
    <section class="settings-section" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <ErrorNotice error={props.error} id="password-error" />
      <PostForm site={props.site} action="/settings/password" submit="Change password" kind="primary">
        {/* For password managers: which account's password this is. */}
        <input type="email" autocomplete="username" value={props.user.email} readonly hidden />
        <label for="current-password">Current password</label>
        <input id="current-password" name="current" type="password" autocomplete="current-password" required maxlength={200} {...fieldAria(bad('current'), 'password-error')} />
        <label for="new-password">New password</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength={10} maxlength={200} {...fieldAria(bad('new'), 'password-error', 'new-password-hint')} />
        <p class="hint" id="new-password-hint">
          At least 10 characters. Your other sessions will be signed out; this one stays, and so do your API tokens.
        </p>
      </PostForm>
    </section>
  );
}

function Sessions(props: { site: Site; count: number }) {
  const others = Math.max(0, props.count - 1);
  return (
    <section class="settings-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <p>{others === 0 ? 'Only in this browser.' : `In this browser and ${others} other${others === 1 ? '' : 's'}.`}</p>
      {others > 0 ? (
        <PostForm site={props.site} action="/settings/sessions/others" submit="Sign out everywhere else">
          <p class="hint">A browser you left signed in somewhere? Signing out the others keeps this one, and your API tokens keep working.</p>
        </PostForm>
      ) : null}
    </section>
  );
}

function Tokens(props: { site: Site; tokens: ApiTokenRow[]; error: string | undefined }) {
  return (
    <section class="settings-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p class="hint">
        A token lets a script use the JSON API as you (upvote, comment, submit, collections): send it as <code>Authorization: Bearer pb_…</code>.
      </p>
      {props.tokens.length > 0 ? (
        <ul class="tokens">
          {props.tokens.map((t) => (
            <li>
              <span>
                <strong>{t.name}</strong> · created {formatDate(t.created_at.slice(0, 10))} · {t.last_used_at ? `last used ${formatDate(t.last_used_at.slice(0, 10))}` : 'never used'}
              </span>{' '}
              <form method="post" action={`/settings/tokens/${encodeURIComponent(t.id)}/revoke`} class="inline" data-confirm={`Revoke the token “${t.name}”? Scripts using it stop working.`}>
                <CsrfField site={props.site} />
                <button class="link" type="submit">
                  Revoke<span class="sr-only"> the token “{t.name}”</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No tokens yet.</p>
      )}
      <ErrorNotice error={props.error} />
      <PostForm site={props.site} action="/settings/tokens" submit="Create token">
        <label for="token-name">Name of a new token</label>
        <input id="token-name" name="name" type="text" required maxlength={60} placeholder="e.g. my script" />
      </PostForm>
    </section>
  );
}

/** The settings page. */
export function SettingsView(props: SettingsProps) {
  const { user } = props;
  return (
    <Layout site={props.site} title="Settings" scripts={['copy.js']}>
      <div class="form-page settings-page">
        <h1>Settings</h1>
        <p class="muted">
          Signed in as {user.name} ({user.email}). <a href={`/users/${encodeURIComponent(user.handle)}`}>Your public profile</a> ·{' '}
          <a href="/digest">Your email digest</a>
        </p>
        {props.newToken ? <NewToken {...props.newToken} /> : null}
        {props.saved ? (
          <p class="notice" role="status">
            {SAVED[props.saved](user)}
          </p>
        ) : null}
        <OrgInvitationsSection invitations={props.invitations} />
        <DisplayName site={props.site} user={user} error={props.errors?.name} />
        <Upvotes site={props.site} user={user} />
        <ReplyMailsSection site={props.site} setting={props.replyMails ?? { enabled: true, bouncedAt: null }} />
        <EmailSection site={props.site} user={user} error={props.errors?.email} />
        <Password site={props.site} user={user} error={props.errors?.password} field={props.passwordField} />
        <Sessions site={props.site} count={props.sessions ?? 1} />
        <Tokens site={props.site} tokens={props.tokens} error={props.errors?.token} />
        <DeleteSection site={props.site} error={props.errors?.delete} />
      </div>
    </Layout>
  );
}
