/**
 * The frame of every page: document head (CSS, deferred scripts, no inline code), skip link,
 * sticky header with the site name, the search box and the theme toggle, main landmark, footer.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { assetUrl } from '../assets.ts';
import { FlashNotice } from './flash-notice.tsx';
import { ChevronDownIcon, LogoIcon, MenuIcon, MoonIcon, SearchIcon, SunIcon } from './icons.tsx';
import { PostFields } from './post-fields.tsx';
import type { Site } from './site.ts';
import { SubscribeBox } from './subscribe-box.tsx';

export interface LayoutProps {
  site: Site;
  /** The page's own title; the site name is appended. */
  title?: string;
  description?: string;
  /** RSS/Atom feeds of this page, announced in the head (rel=alternate). */
  feeds?: { title: string; href: string; type: 'atom' | 'rss' }[];
  /** Scripts of this page only, by asset name (deferred, like the site's own). */
  scripts?: string[];
  /** False on the digest's own pages, which need no second subscribe box in the footer. */
  subscribeBox?: boolean;
  children?: Child;
}

/** The search form, used in the header and on the search page. */
export function SearchForm(props: { query?: string; id: string; autofocus?: boolean; category?: string; label?: string }) {
  return (
    <form class="search-form" role="search" action="/papers" method="get" {...(props.label ? { 'aria-label': props.label } : {})}>
      <label class="sr-only" for={props.id}>
        Search papers
      </label>
      <SearchIcon />
      <input
        id={props.id}
        type="search"
        name="q"
        value={props.query ?? ''}
        placeholder="Search papers…"
        autocomplete="off"
        maxlength={1000}
        autofocus={props.autofocus}
      />
      {props.category ? <input type="hidden" name="cat" value={props.category} /> : null}
    </form>
  );
}

/** A hidden field carrying the CSRF value; every form that posts includes it. */
export function CsrfField(props: { site: Site }) {
  return <input type="hidden" name="_csrf" value={props.site.csrf ?? ''} />;
}

/** The header's links: what every reader (and every signed-in user) uses. */
function mainLinks(site: Site): { href: string; label: string }[] {
  return [{ href: '/', label: 'Daily Papers' }, ...(site.user ? [{ href: '/submit', label: 'Submit' }, { href: '/collections', label: 'Collections' }] : [])];
}

/** The staff's pages, by role: in the account's menu. */
function staffLinks(site: Site): { href: string; label: string }[] {
  const role = site.user?.role;
  return [
    ...(role === 'moderator' || role === 'admin' ? [{ href: '/moderation', label: 'Moderation' }, { href: '/claims', label: 'Claims' }] : []),
    // Administrators reach users, ingestion and the rest from the admin index; moderators only the users.
    ...(role === 'admin' ? [{ href: '/admin', label: 'Admin' }] : role === 'moderator' ? [{ href: '/admin/users', label: 'Users' }] : []),
  ];
}

/** The sign-out button, a form (a POST with the CSRF value). */
function SignOut() {
  return (
    <form method="post" action="/signout" class="inline">
      <PostFields />
      <button type="submit" class="link">
        Sign out
      </button>
    </form>
  );
}

/**
 * On a phone, the header's links and the account's behind one button: a details element, so it
 * opens without JavaScript.
 */
function PhoneMenu(props: { site: Site }) {
  const { user } = props.site;
  return (
    <details class="phone-menu">
      <summary aria-label="Menu" title="Menu">
        <MenuIcon />
      </summary>
      <nav aria-label="Menu">
        {mainLinks(props.site).map((l) => (
          <a href={l.href}>{l.label}</a>
        ))}
        <a href="/papers">Search</a>
        <a href="/orgs">Organizations</a>
        {staffLinks(props.site).map((l) => (
          <a href={l.href}>{l.label}</a>
        ))}
        {user ? (
          <>
            <a href={`/users/${user.handle}`}>Your profile</a>
            <a href="/settings">Settings</a>
            <a href="/digest">Your email digest</a>
            <SignOut />
          </>
        ) : (
          <>
            <a href="/signin">Sign in</a>
            <a href="/signup">Sign up</a>
          </>
        )}
      </nav>
    </details>
  );
}

/** Sign in / sign up links, or the signed-in user's menu: profile, settings, digest, staff pages, sign out. */
function AccountMenu(props: { site: Site }) {
  const { user } = props.site;
  if (!user) {
    return (
      <div class="account">
        <a href="/signin">Sign in</a>
        <a class="button small" href="/signup">
          Sign up
        </a>
      </div>
    );
  }
  // The account's menu: a details element, so it opens without JavaScript.
  return (
    <div class="account">
      <details class="user-menu">
        <summary title={`Your account (${user.name})`}>
          <span class="user-name">{user.name}</span>
          <ChevronDownIcon />
        </summary>
        <nav aria-label="Account">
          <a href={`/users/${user.handle}`}>Your profile</a>
          <a href="/settings">Settings</a>
          <a href="/digest">Your email digest</a>
          {staffLinks(props.site).map((l) => (
            <a href={l.href}>{l.label}</a>
          ))}
          <SignOut />
        </nav>
      </details>
    </div>
  );
}

/** A full HTML page in the site's frame. */
export function Layout(props: LayoutProps) {
  const { site } = props;
  const title = props.title ? `${props.title} · ${site.name}` : `${site.name} · Daily Papers`;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en" data-theme={site.theme}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{title}</title>
          <meta name="description" content={props.description ?? 'Trending research papers, day by day, with search and a page per paper.'} />
          <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
          <link rel="stylesheet" href={assetUrl('app.css')} />
          {(props.feeds ?? []).map((f) => (
            <link rel="alternate" type={f.type === 'atom' ? 'application/atom+xml' : 'application/rss+xml'} title={f.title} href={f.href} />
          ))}
          <link rel="stylesheet" href={assetUrl('katex/katex.min.css')} />
          <script src={assetUrl('theme.js')} defer></script>
          <script src={assetUrl('math.js')} defer></script>
          <script src={assetUrl('more.js')} defer></script>
          <script src={assetUrl('comments.js')} defer></script>
          <script src={assetUrl('busy.js')} defer></script>
          <script src={assetUrl('vote.js')} defer></script>
          <script src={assetUrl('confirm.js')} defer></script>
          <script src={assetUrl('menus.js')} defer></script>
          <script src={assetUrl('timezone.js')} defer></script>
          {(props.scripts ?? []).map((name) => (
            <script src={assetUrl(name)} defer></script>
          ))}
        </head>
        <body>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="container">
              <a class="brand" href="/" aria-label={`${site.name}: today's papers`}>
                <LogoIcon />
                <span>{site.name}</span>
              </a>
              <nav class="header-nav" aria-label="Main">
                {mainLinks(site).map((l) => (
                  <a href={l.href}>{l.label}</a>
                ))}
              </nav>
              <SearchForm id="site-search" label="Site search" {...(site.query ? { query: site.query } : {})} />
              <button class="theme-toggle" type="button" aria-label="Dark theme" aria-pressed="false" hidden>
                <MoonIcon />
                <SunIcon />
              </button>
              <AccountMenu site={site} />
              <PhoneMenu site={site} />
            </div>
          </header>
          <main id="main" class="container" tabindex={-1}>
            <FlashNotice />
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <p>
                {site.name} · a self-hosted Daily Papers. Papers from arXiv and the research community.
              </p>
              <nav aria-label="Footer">
                <a href="/">Today</a>
                <a href="/papers">Search</a>
                <a href="/orgs">Organizations</a>
                <a href="/api/daily_papers">JSON API</a>
              </nav>
              {props.subscribeBox === false ? null : <SubscribeBox site={site} />}
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
