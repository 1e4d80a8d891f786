/**
 * The digest subscription views: the subscribe page, the one-button confirm and unsubscribe
 * pages (a GET never changes anything: link scanners follow GETs), the message pages, and the
 * preferences form reached from a signed link.
 */
import type { Child } from 'hono/jsx';
import { periodLabel } from '../../core/digest-period.ts';
import { FOLLOW_FIELDS, type PreferencesState } from '../../actions/subscription-prefs.ts';
import { type Follow, type FollowKind, followLabel } from '../../core/digest.ts';
import { utcTime } from '../../core/utc-time.ts';
import { CsrfField, Layout } from './layout.tsx';
import { PostForm } from './post-form.tsx';
import { TimezoneField } from './subscribe-box.tsx';
import type { Site } from './site.ts';

function Page(props: { site: Site; title: string; children?: Child; error?: string | undefined; scripts?: string[] }) {
  return (
    <Layout site={props.site} title={props.title} subscribeBox={false} {...(props.scripts ? { scripts: props.scripts } : {})}>
      <div class="form-page">
        <h1>{props.title}</h1>
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

/** The subscribe page (also where a failed footer submission lands). */
export function SubscribeView(props: { site: Site; error?: string; email?: string }) {
  return (
    <Page site={props.site} title="Get the digest by email" error={props.error}>
      <p>The day's trending papers, plus new papers on the topics, authors and organizations you follow. You choose daily or weekly, and when.</p>
      <PostForm site={props.site} action="/subscribe" submit="Subscribe" kind="primary">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength={254} value={props.email ?? ''} />
        <TimezoneField />
      </PostForm>
    </Page>
  );
}

/** A short message page: check your inbox, subscribed, unsubscribed, or a bad link. */
export function MessageView(props: { site: Site; title: string; children?: Child }) {
  return (
    <Page site={props.site} title={props.title}>
      {props.children}
    </Page>
  );
}

/**
 * A mailed link's page answer: one button that POSTs to the link (its signed token is the
 * credential, so no CSRF field); the GET that shows it changes nothing, as link scanners follow GETs.
 */
function ButtonForm(props: { action: string; label: string }) {
  return (
    <form method="post" action={props.action}>
      <div class="actions">
        <button class="button primary" type="submit">
          {props.label}
        </button>
      </div>
    </form>
  );
}

/** The page of the confirmation link: one button that POSTs (the signed link is the credential). */
export function ConfirmView(props: { site: Site; email: string; action: string; follow?: Follow }) {
  return (
    <Page site={props.site} title="Confirm your subscription">
      <p>
        Send the digest to <strong>{props.email}</strong>
        {props.follow ? (
          <>
            , with a section for <strong>{followLabel(props.follow)}</strong>
          </>
        ) : null}
        ?
      </p>
      <ButtonForm action={props.action} label="Confirm" />
    </Page>
  );
}

/**
 * The page of the visible unsubscribe link: a form that POSTs, which the browser submits on load
 * (one click from the mail); the GET alone changes nothing, so link scanners unsubscribe nobody.
 * Without JavaScript its button does it.
 */
export function UnsubscribeView(props: { site: Site; email: string; action: string }) {
  return (
    <Page site={props.site} title="Unsubscribe" scripts={['auto-submit.js']}>
      <form method="post" action={props.action} data-auto-submit="">
        <p role="status" data-auto-status={`Unsubscribing ${props.email}…`}>
          Stop sending the digest to <strong>{props.email}</strong>?
        </p>
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <div class="actions">
          <button class="button primary" type="submit">
            Unsubscribe
          </button>
        </div>
      </form>
    </Page>
  );
}

/** A signed-in account without a digest yet: one button starts it, for the account's address. */
export function StartDigestView(props: { site: Site; email: string; verified: boolean }) {
  return (
    <Page site={props.site} title="Your email digest">
      <p>
        Get the day's trending papers, and new papers on the topics, authors, organizations and categories you follow, at <strong>{props.email}</strong>, once a day or once a
        week.
      </p>
      {props.verified ? (
        <form method="post" action="/digest">
          <CsrfField site={props.site} />
          <TimezoneField />
          <div class="actions">
            <button class="button primary" type="submit">
              Start my digest
            </button>
          </div>
          <p class="hint">Daily at 08:00 in your time zone to begin with; change it on the next page.</p>
        </form>
      ) : (
        <p class="notice">Confirm your email address first (open the link in the mail we sent when you signed up): the digest goes to it.</p>
      )}
    </Page>
  );
}


/** Asks a signed-in account to follow something (where a Follow button leads through sign-in). */
export function FollowConfirmView(props: { site: Site; follow: Follow; back: string }) {
  return (
    <Page site={props.site} title="Follow in your email digest">
      <p>
        Add a section for <strong>{followLabel(props.follow)}</strong> to your digest? It lists the new papers that match, each day or week.
      </p>
      <form method="post" action="/follow">
        <CsrfField site={props.site} />
        <TimezoneField />
        <input type="hidden" name="kind" value={props.follow.kind} />
        <input type="hidden" name="value" value={props.follow.value} />
        <input type="hidden" name="_back" value={props.back} />
        <div class="actions">
          <button class="button primary" type="submit">
            Follow
          </button>
          <a href={props.back}>Not now</a>
        </div>
      </form>
    </Page>
  );
}

/**
 * Where a visitor's Follow button leads: sign in, and follow it from the account (brought back
 * here), or get the digest by email alone with a section for it (double opt-in, as ever).
 */
export function FollowVisitorView(props: { site: Site; follow: Follow; signIn: string; error?: string; email?: string }) {
  return (
    <Page site={props.site} title="Follow in your email digest" error={props.error}>
      <p>
        Get the new papers on <strong>{followLabel(props.follow)}</strong> in an email digest, each day or week, with the trending papers after them.
      </p>
      <p>
        <a class="button primary" href={props.signIn}>
          Sign in to follow it
        </a>{' '}
        <span class="muted">(or <a href="/signup">create an account</a>)</span>
      </p>
      <h2 class="section-title">Or by email alone</h2>
      <form method="post" action="/subscribe">
        <CsrfField site={props.site} />
        <TimezoneField />
        <input type="hidden" name="kind" value={props.follow.kind} />
        <input type="hidden" name="value" value={props.follow.value} />
        <label for="follow-email">Email</label>
        <input id="follow-email" name="email" type="email" autocomplete="email" required maxlength={254} value={props.email ?? ''} />
        <div class="actions">
          <button class="button" type="submit">
            Subscribe
          </button>
        </div>
        <p class="hint">We mail you a link to confirm; nothing is sent or added before you follow it. If the address already gets the digest, the link adds this section to it.</p>
      </form>
    </Page>
  );
}

/** The page of a follow link mailed to an active digest: one button that POSTs adds the follow. */
export function FollowLinkView(props: { site: Site; email: string; follow: Follow; action: string }) {
  return (
    <Page site={props.site} title="Follow in your email digest">
      <p>
        Add a section for <strong>{followLabel(props.follow)}</strong> to the digest sent to <strong>{props.email}</strong>? It lists the new papers that match, each day or week.
      </p>
      <ButtonForm action={props.action} label="Follow" />
    </Page>
  );
}

/** After unsubscribing: said plainly, with a way back for a click made by mistake. */
export function UnsubscribedView(props: { site: Site; email: string; undo: string }) {
  return (
    <Page site={props.site} title="You are unsubscribed">
      <p>
        No more digests will be sent to <strong>{props.email}</strong>.
      </p>
      <form method="post" action={props.undo}>
        <p>Unsubscribed by mistake?</p>
        <div class="actions">
          <button class="button" type="submit">
            Subscribe again
          </button>
        </div>
      </form>
    </Page>
  );
}

const STATUS_TEXT: Record<string, string> = {
  sent: 'sent',
  empty: 'not sent: nothing new',
  bounced: 'bounced',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'being sent',
};

/**
 * The preferences form: the stored preferences, or after a refused save (`error`) the fields as
 * they were sent (`entered`), so that what the person typed is there to correct, not lost.
 */
export function PreferencesView(props: {
  site: Site;
  state: PreferencesState;
  action: string;
  unsubscribe: string;
  saved?: boolean;
  started?: boolean;
  followed?: 'new' | 'again';
  back?: string;
  error?: string;
  entered?: Record<string, string>;
}) {
  const { subscriber: stored, follows, next, recent } = props.state;
  const entered = props.entered;
  const ticked = (field: string) => entered?.[field] === 'on' || entered?.[field] === '1';
  const f = entered
    ? {
        frequency: entered['frequency'] ?? '',
        hour: Number(entered['hour']),
        timezone: entered['timezone'] ?? '',
        weekends: ticked('weekends') ? 1 : 0,
        max_papers: entered['max_papers'] ?? '',
        trending: ticked('trending') ? 1 : 0,
      }
    : { ...stored, max_papers: String(stored.max_papers) };
  const lines = (kind: FollowKind) =>
    entered
      ? (entered[FOLLOW_FIELDS[kind]] ?? '')
      : follows
          .filter((f) => f.kind === kind)
          .map((f) => f.value)
          .join('\n');
  const s = stored;
  return (
    <Page site={props.site} title="Your digest" error={props.error}>
      {props.saved ? <p class="notice">Saved.</p> : null}
      {props.started ? (
        <p class="notice" role="status">
          Your digest is on. Choose below when it comes and what it follows.
        </p>
      ) : null}
      {props.followed ? (
        <p class="notice" role="status">
          {props.followed === 'new' ? 'Followed: your digest now has a section for it.' : 'Your digest already follows that.'} Everything it holds is below.
          {props.back ? (
            <>
              {' '}
              <a href={props.back}>Back to where you were</a>
            </>
          ) : null}
        </p>
      ) : null}
      <p>
        Sent to <strong>{s.email}</strong>.{' '}
        {s.status === 'active' && next
          ? `Next digest: the papers of ${periodLabel(next)}, sent ${formatInZone(next.deliverAt, s.timezone)}.`
          : s.status === 'bounced'
            ? <>Mail to this address bounced, so digests are stopped. <a href="/subscribe">Subscribe again</a> to restart them.</>
            : s.status === 'pending'
              ? 'Confirm the subscription from the mail we sent to start receiving digests.'
              : <>You are unsubscribed. <a href="/subscribe">Subscribe again</a> to restart the digest.</>}
      </p>
      {s.status === 'active' && s.trending !== 1 && follows.length === 0 ? (
        <p class="notice" role="status">
          With trending papers off and nothing followed, your digest has nothing to hold, so none will be sent. Follow a topic, author, organization or category below, or turn trending papers back on.
        </p>
      ) : null}
      <p class="hint">
        When nothing is new for you in a period, no mail is sent: you never get an empty digest. Feed days follow UTC, and a day's digest comes at your hour once that day is complete.
      </p>
      <form method="post" action={props.action}>
        <CsrfField site={props.site} />
        <label for="frequency">How often</label>
        <select id="frequency" name="frequency">
          <option value="daily" selected={f.frequency === 'daily'}>
            Daily
          </option>
          <option value="weekly" selected={f.frequency === 'weekly'}>
            Weekly (on Mondays)
          </option>
        </select>
        <label for="hour">Hour</label>
        <select id="hour" name="hour">
          {Array.from({ length: 24 }, (_, h) => (
            <option value={String(h)} selected={f.hour === h}>
              {`${String(h).padStart(2, '0')}:00`}
            </option>
          ))}
        </select>
        <label for="timezone">Time zone</label>
        <input id="timezone" name="timezone" type="text" value={f.timezone} maxlength={64} placeholder="Europe/Paris" list="timezones" autocomplete="off" />
        <datalist id="timezones">
          {TIME_ZONES.map((tz) => (
            <option value={tz} />
          ))}
        </datalist>
        <p class="hint">A city's zone such as Europe/Paris or America/New_York, so summer time follows.</p>
        <label>
          <input type="checkbox" name="weekends" checked={f.weekends === 1} /> Send on weekends (otherwise nothing comes on your Saturday or Sunday: those days arrive with Monday's digest)
        </label>
        <label for="max_papers">Papers per section</label>
        <input id="max_papers" name="max_papers" type="number" min={1} max={50} value={f.max_papers} />
        <label>
          <input type="checkbox" name="trending" checked={f.trending === 1} /> End with the period's trending papers
        </label>
        <label for="topics">Topics (searches, one per line)</label>
        <textarea id="topics" name="topics" rows={3} placeholder="e.g. speculative decoding">
          {lines('topic')}
        </textarea>
        <label for="authors">Authors (one per line)</label>
        <textarea id="authors" name="authors" rows={2}>
          {lines('author')}
        </textarea>
        <label for="organizations">Organizations (one per line)</label>
        <textarea id="organizations" name="organizations" rows={2}>
          {lines('organization')}
        </textarea>
        <label for="categories">arXiv categories (one per line, e.g. cs.LG)</label>
        <textarea id="categories" name="categories" rows={2}>
          {lines('category')}
        </textarea>
        <div class="actions">
          <button class="button primary" type="submit">
            Save
          </button>
          <a href={props.unsubscribe}>Unsubscribe</a>
        </div>
      </form>
      {recent.length > 0 ? (
        <>
          <h2>Latest digests</h2>
          <ul>
            {recent.map((r) => (
              <li>
                {periodLabel({ key: r.period, from: r.period_from, to: r.period_to })}: {STATUS_TEXT[r.status] ?? r.status}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}

/** A due time as the subscriber reads it: "Sat, 22 Aug, 07:00 GMT+9" in their zone. */
function formatInZone(at: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(at);
  } catch {
    return utcTime(at);
  }
}

/** The time zones this runtime knows, offered as the time zone field's suggestions. */
const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();
