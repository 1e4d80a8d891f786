/**
 * The account views: sign up, sign in, "check your inbox", confirming an address, password reset
 * (ask and choose), and the API token shown once. Plain forms that work without JavaScript, each with its CSRF field.
 */
import type { Child } from 'hono/jsx';
import { CsrfField, Layout } from './layout.tsx';
import type { Site } from './site.ts';

export interface FormState {
  error?: string;
  values?: Record<string, string>;
}

function FormPage(props: { site: Site; title: string; children?: Child; error?: string | undefined; intro?: Child }) {
  return (
    <Layout site={props.site} title={props.title}>
      <div class="form-page">
        <h1>{props.title}</h1>
        {props.intro ?? null}
        {props.error ? (
          <p class="notice error" role="alert">
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
        <input id="name" name="name" type="text" autocomplete="name" required maxlength={80} value={v['name'] ?? ''} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength={254} value={v['email'] ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} maxlength={200} />
        <p class="hint">At least 10 characters.</p>
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

/** The sign-in form. */
export function SignInView(props: { site: Site; next: string; state?: FormState; notice?: string }) {
  const v = props.state?.values ?? {};
  return (
    <FormPage site={props.site} title="Sign in" error={props.state?.error} intro={props.notice ? <p class="notice">{props.notice}</p> : undefined}>
      <form method="post" action={`/signin?next=${encodeURIComponent(props.next)}`}>
        <CsrfField site={props.site} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={v['email'] ?? ''} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <div class="actions">
          <button class="button primary" type="submit">
            Sign in
          </button>
          <a href="/reset">Forgot your password?</a>
          <a href="/signup">Create an account</a>
        </div>
      </form>
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
      <form method="post" action={`/verify/${encodeURIComponent(props.token)}`}>
        <CsrfField site={props.site} />
        <div class="actions">
          <button class="button primary" type="submit">
            Confirm my address
          </button>
        </div>
      </form>
    </FormPage>
  );
}

/** A confirmation link that was already used: the address is confirmed, the visitor signs in. */
export function EmailConfirmedView(props: { site: Site }) {
  return (
    <FormPage site={props.site} title="Your address is confirmed">
      <p class="notice" role="status">
        This address is already confirmed, so the link does not sign you in again.
      </p>
      <p>
        <a class="button primary" href="/signin">
          Sign in
        </a>
      </p>
    </FormPage>
  );
}

/** The "forgot your password" form. */
export function ResetRequestView(props: { site: Site; state?: FormState }) {
  return (
    <FormPage site={props.site} title="Reset your password" error={props.state?.error}>
      <form method="post" action="/reset">
        <CsrfField site={props.site} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required value={props.state?.values?.['email'] ?? ''} />
        <div class="actions">
          <button class="button primary" type="submit">
            Send me a link
          </button>
        </div>
      </form>
    </FormPage>
  );
}

/** The "choose a new password" form behind a reset link. */
export function ResetPasswordView(props: { site: Site; token: string; state?: FormState }) {
  return (
    <FormPage site={props.site} title="Choose a new password" error={props.state?.error}>
      <form method="post" action={`/reset/${encodeURIComponent(props.token)}`}>
        <CsrfField site={props.site} />
        <label for="password">New password</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} maxlength={200} />
        <p class="hint">At least 10 characters. Every other session will be signed out, and your API tokens revoked.</p>
        <div class="actions">
          <button class="button primary" type="submit">
            Save and sign in
          </button>
        </div>
      </form>
    </FormPage>
  );
}
