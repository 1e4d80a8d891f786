/**
 * The HTML error page, in the site's frame. Rendered by the app-wide error handler (errors.tsx),
 * which passes only the status and message; the site comes from the request (see site.ts).
 */
import { Layout } from './layout.tsx';
import { currentSite, type Site } from './site.ts';

const TITLES: Record<number, string> = {
  400: 'That request did not look right',
  403: 'Not allowed',
  404: 'Page not found',
  413: 'That request was too large',
  429: 'Too many requests',
  500: 'Something went wrong',
};

/** The error page for a status and a message the visitor may read. */
export function ErrorPage(props: { status: number; message: string; site?: Site }) {
  const site = props.site ?? currentSite();
  const title = TITLES[props.status] ?? (props.status >= 500 ? 'Something went wrong' : 'Request failed');
  return (
    <Layout site={site} title={title}>
      <div class="error-page">
        <p class="status" aria-hidden="true">
          {props.status}
        </p>
        <h1>{title}</h1>
        <p>{props.message}</p>
        <div class="actions">
          <a class="button" href="/">
            Today's papers
          </a>
          <a class="button" href="/papers">
            Search
          </a>
        </div>
      </div>
    </Layout>
  );
}
