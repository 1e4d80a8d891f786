/**
 * The account views: sign up, sign in (or "you are signed in" for a visitor who is), "check your
 * inbox", confirming an address, password reset (ask, choose, or a dead link). Plain forms that
 * work without JavaScript, each with its CSRF field.
 */
import type { Child } from 'hono/jsx';
import { tidy } from './format.ts';
import { fieldAria } from './forms.ts';
import { CsrfField, Layout } from './layout.tsx';
import { renderInlineMath } from './math.ts';
import { type PendingVote, VOTE_FIELD } from './pending-vote.ts';
import { PostForm } from './post-form.tsx';
import type { Site } from './site.ts';

export interface FormState {
  error?: string;
  values?: Record<string, string>;
  /** The field the error is about, when known: it is marked invalid and described by the error. */
  invalid?: string;
}

/** The id of a FormPage's error, which the field it is about names in its aria-describedby. */
const ERROR_ID = 'form-error';

/** fieldAria for the form's field `name`, invalid when the form's error is about it. */
const stateAria = (state: FormState | undefined, name: string, hint?: string): Record<string, string> =>
  fieldAria(state?.error !== undefined && state.invalid === name, ERROR_ID, hint);

/** A page holding one form or message: its title, an optional intro and error, then the content. */
export function FormPage(props: { site: Site; title: string; children?: Child; error?: string | undefined; intro?: Child; scripts?: string[] }) {
  return (
    <Layout site={props.site} title={props.title} {...(props.scripts ? { scripts: props.scripts } : {})}>
      <div class="form-page">
        <h1>{props.title}</h1>
        {props.intro ?? null}
        {props.error ? (
          <p class="notice error" role="alert" id={ERROR_ID}>
            {props.error}
          </p>
        ) : null}
        {props.children}
      </div>
    </Layout>
  );
}

/** The sign-up form. */
export function SignUpView(props: { site: Site; state?: FormState }) {
  const v = props.state?.values ?? {};
  return (
    <FormPage site={props.site} title="Create your account" error={props.state?.error}>
      <form method="post" action="/signup">
        <CsrfField site={props.site} />
        <label for="name">Name</label>
        <input id="name" name="name" type="text" autocomplete="name" required maxlength={80} value={v['name'] ?? ''} {...stateAria(props.state, 'name')} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength={254} value={v['email'] ?? ''} {...stateAria(props.state, 'email')} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} maxlength={200} {...stateAria(props.state, 'password', 'password-hint')} />
        <p class="hint" id="password-hint">At least 10 characters.</p>
        <div class="actions">
          <button class="button primary" type="submit">
            Sign up
          </button>
          <a href="/signin">I have an account</a>
        </div>
      </form>
    </FormPage>
  );
}

/** Where "Forgot your password?" goes: the reset form, with the address already typed when there is one. */
export const resetPath = (email: string | undefined): string => (email?.trim() ? `/reset?email=${encodeURIComponent(email.trim())}` : '/reset');

/**
 * The sign-in form. "Forgot your password?" carries the address typed: on a form shown again
 * after a failure from the server, and as it is typed with carry-email.js. With `upvote` (a
 * signed-out Upvote sent the visitor here) it names the paper and carries its id, for the POST
 * to cast that vote once signed in.
 */
export function SignInView(props: { site: Site; next: string; state?: FormState; notice?: string; upvote?: PendingVote }) {
  const v = props.state?.values ?? {};
  const intro = props.upvote ? (
    <p class="notice">
      Sign in to upvote “{renderInlineMath(tidy(props.upvote.title))}”. You will be back where you were, with your upvote counted.
    </p>
  ) : props.notice ? (
    <p class="notice">{props.notice}</p>
  ) : undefined;
  return (
    <FormPage site={props.site} title="Sign in" error={props.state?.error} intro={intro} scripts={['carry-email.js']}>
      <form method="post" action={`/signin?next=${encodeURIComponent(props.next)}`}>
        <CsrfField site={props.site} />
        {props.upvote ? <input type="hidden" name={VOTE_FIELD} value={props.upvote.id} /> : null}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={v['email'] ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <div class="actions">
          <button class="button primary" type="submit">
            Sign in
          </button>
          <a href={resetPath(v['email'])} data-carry-email="email">
            Forgot your password?
          </a>
          <a href="/signup">Create an account</a>
        </div>
      </form>
    </FormPage>
  );
}

/**
 * What /signin and /signup show a visitor who is signed in already: who they are, a way on (to
 * `next`), and a way out that comes back to the form they asked for.
 */
export function SignedInView(props: { site: Site; name: string; next: string; back: string }) {
  return (
    <FormPage site={props.site} title="You are signed in">
      <p class="notice" role="status">
        You are signed in as {props.name}.
      </p>
      <div class="actions">
        <a class="button primary" href={props.next}>
          Continue
        </a>
        <form method="post" action={`/signout?next=${encodeURIComponent(props.back)}`} class="inline">
          <CsrfField site={props.site} />
          <button class="button" type="submit">
            Sign out
          </button>
        </form>
      </div>
    </FormPage>
  );
}

/** What every sign-up or reset request answers, whether or not the address has an account. */
export function CheckInboxView(props: { site: Site; email: string; what: 'signup' | 'reset' }) {
  return (
    <FormPage site={props.site} title="Check your inbox">
      <p class="notice" role="status">
        {props.what === 'signup'
          ? `We sent a mail to ${props.email}. Open the link in it to finish creating your account.`
          : `If ${props.email} has an account, we sent it a link to choose a new password. The link works for 30 minutes.`}
      </p>
      <p>
        Nothing arrived? Check your spam folder, or <a href={props.what === 'signup' ? '/signup' : '/reset'}>try again</a>.
      </p>
    </FormPage>
  );
}

/**
 * What a confirmation link opens: a button that confirms by POST (link scanners that follow GETs
 * confirm nothing, and a forged link cannot sign a visitor in without their click and CSRF value).
 */
export function ConfirmEmailView(props: { site: Site; token: string; name: string }) {
  return (
    <FormPage site={props.site} title="Confirm your address">
      <p>Welcome, {props.name}! One click and your account is ready.</p>
      <PostForm site={props.site} action={`/verify/${encodeURIComponent(props.token)}`} submit="Confirm my address" kind="primary" />
    </FormPage>
  );
}

/**
 * A confirmation link that was already used: the address is confirmed; a visitor signed in to
 * that account goes on, anyone else signs in.
 */
export function EmailConfirmedView(props: { site: Site; signedIn?: boolean }) {
  return (
    <FormPage site={props.site} title="Your address is confirmed">
      {props.signedIn ? (
        <>
          <p class="notice" role="status">
            Your address is confirmed, and you are signed in.
          </p>
          <p>
            <a class="button primary" href="/">
              Go to today's papers
            </a>
          </p>
        </>
      ) : (
        <>
          <p class="notice" role="status">
            This address is already confirmed, so the link does not sign you in again.
          </p>
          <p>
            <a class="button primary" href="/signin">
              Sign in
            </a>
          </p>
        </>
      )}
    </FormPage>
  );
}

/** The "forgot your password" form. */
export function ResetRequestView(props: { site: Site; state?: FormState }) {
  return (
    <FormPage site={props.site} title="Reset your password" error={props.state?.error}>
      <PostForm site={props.site} action="/reset" submit="Send me a link" kind="primary">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required value={props.state?.values?.['email'] ?? ''} />
      </PostForm>
    </FormPage>
  );
}

/** What a reset link that was used, has expired or never existed opens: no form, a way to a new link. */
export function ResetLinkDeadView(props: { site: Site }) {
  return (
    <FormPage site={props.site} title="This link does not work any more">
      <p class="notice error" role="alert">
        This reset link has expired or was already used. Ask for a new one.
      </p>
      <p>
        <a class="button primary" href="/reset">
          Ask for a new link
        </a>
      </p>
    </FormPage>
  );
}

/** The "choose a new password" form behind a reset link. */
export function ResetPasswordView(props: { site: Site; token: string; state?: FormState }) {
  return (
    <FormPage site={props.site} title="Choose a new password" error={props.state?.error}>
      <PostForm site={props.site} action={`/reset/${encodeURIComponent(props.token)}`} submit="Save and sign in" kind="primary">
        <label for="password">New password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} maxlength={200} {...stateAria(props.state, 'password', 'password-hint')} />
        <p class="hint" id="password-hint">At least 10 characters. Every other session will be signed out, and your API tokens revoked.</p>
      </PostForm>
    </FormPage>
  );
}
