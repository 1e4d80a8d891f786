/**
 * The subscribe box in every page's footer: an email field and a button (and the browser's time
 * zone, hidden). A signed-in reader already has an address here: the footer links to their
 * digest's page instead of asking for it again.
 */
import type { Site } from './site.ts';

/**
 * The browser's time zone, filled in by timezone.js, in every form that may start a digest: it
 * then comes at the reader's own hour from the start (UTC without JavaScript).
 */
export function TimezoneField() {
  return <input type="hidden" name="timezone" value="" data-timezone="" />;
}

/** The footer's subscribe form; it posts to /subscribe (double opt-in follows). */
export function SubscribeBox(props: { site: Site }) {
  if (props.site.user) {
    return (
      <p class="subscribe-box">
        Get the trending papers, or your own topics, in your inbox once a day: <a href="/digest">your email digest</a>
      </p>
    );
  }
  return (
    <form class="subscribe-box" method="post" action="/subscribe">
      {/* The CSRF field is written out here: layout.tsx imports this file, so it cannot import CsrfField back. */}
      <input type="hidden" name="_csrf" value={props.site.csrf ?? ''} />
      <label for="subscribe-email">Get the trending papers in your inbox once a day</label>
      <input id="subscribe-email" name="email" type="email" autocomplete="email" required maxlength={254} placeholder="you@example.org" />
      <TimezoneField />
      <button class="button small" type="submit">
        Subscribe
      </button>
    </form>
  );
}
