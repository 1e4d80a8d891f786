/**
 * The pages of names papers carry: `/authors/:name`, an author's papers (and their profile when an
 * approved claim names them), and `/orgs/named/:name`, the papers naming an organization that has
 * no page of its own (one that has is a redirect to its page). Each shows the count and total
 * upvotes, the papers newest first a page at a time, the feed links and the digest's follow button.
 */
import type { Child } from 'hono/jsx';
import { Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { type NamedPapers, organizationPageFor, viewAuthor, viewNamedOrganization } from '../../actions/name-pages.ts';
import type { Follow } from '../../core/digest.ts';
import type { AppContext } from '../context.ts';
import { alternateFeeds, authorFeedPath, FeedLinks, namedOrgFeedPath } from './feed-links.tsx';
import { Layout } from './layout.tsx';
import { authorPath, namedOrgPath } from './name-links.tsx';
import { Pager } from './pager.tsx';
import { PaperList } from './paper-card.tsx';
import { type Site, siteOf } from './site.ts';
import { markVoted } from './vote-button.tsx';

/** The frame both pages share. */
function NamedPapersView(props: NamedPapers & { site: Site; kicker: string; listTitle: string; path: string; feedPath: string; follow: Follow; intro?: Child; author?: string }) {
  const { name, total, upvotes } = props;
  return (
    <Layout site={props.site} title={name} description={`${props.listTitle}: ${total} paper${total === 1 ? '' : 's'}`} feeds={alternateFeeds(props.feedPath, props.listTitle)}>
      <p class="kicker">{props.kicker}</p>
      <h1>{name}</h1>
      {props.intro}
      <p class="org-stats">
        {total} paper{total === 1 ? '' : 's'} · {upvotes} upvote{upvotes === 1 ? '' : 's'} in total
      </p>
      <FeedLinks path={props.feedPath} follow={props.follow} />
      <section aria-labelledby="named-papers-title">
        <h2 id="named-papers-title" class="section-title">
          Papers
        </h2>
        <PaperList papers={props.papers} label={props.listTitle} {...(props.author ? { author: props.author } : {})} />
        <Pager page={props.page} pages={props.pages} href={(n) => (n > 1 ? `${props.path}?p=${n}` : props.path)} />
      </section>
    </Layout>
  );
}

/** An author's page. */
export function AuthorPage(props: NamedPapers & { site: Site; claimants: { handle: string; name: string }[] }) {
  const { name, claimants } = props;
  const intro =
    claimants.length > 0 ? (
      <p class="claimants">
        {claimants.length === 1 ? 'Their profile here: ' : 'Profiles here of people with this name: '}
        {claimants.map((u, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <a href={`/users/${u.handle}`}>
              {u.name} (@{u.handle})
            </a>
          </>
        ))}
      </p>
    ) : undefined;
  return (
    <NamedPapersView
      {...props}
      kicker="Author"
      author={name}
      listTitle={`Papers by ${name}`}
      path={authorPath(name)}
      feedPath={authorFeedPath(name)}
      follow={{ kind: 'author', value: name }}
      {...(intro ? { intro } : {})}
    />
  );
}

/** The page of an organization as papers name it. */
export function NamedOrgPage(props: NamedPapers & { site: Site }) {
  const { name } = props;
  const intro = <p class="muted">Papers whose organization is {name}. This organization has no page of its own here.</p>;
  return (
    <NamedPapersView
      {...props}
      kicker="Organization"
      listTitle={`Papers from ${name}`}
      path={namedOrgPath(name)}
      feedPath={namedOrgFeedPath(name)}
      follow={{ kind: 'organization', value: name }}
      intro={intro}
    />
  );
}

/** Routes for author pages and the pages of organizations named on papers. */
export function nameRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.get('/authors/:name', async (c) => {
    const view = await viewAuthor(db, c.req.param('name'), parsePageNumber(c.req.query('p')), ctx.config.pageSize);
    await markVoted(c, ctx, view.papers.map((p) => p.id));
    return c.html(<AuthorPage site={siteOf(c, ctx)} {...view} />);
  });
  app.get('/orgs/named/:name', async (c) => {
    const name = c.req.param('name');
    const page = parsePageNumber(c.req.query('p'));
    // An organization with a page of its own lists these papers there (with those assigned to it).
    const org = await organizationPageFor(db, name);
    if (org) return c.redirect(`/orgs/${org.handle}`, 302);
    const view = await viewNamedOrganization(db, name, page, ctx.config.pageSize);
    await markVoted(c, ctx, view.papers.map((p) => p.id));
    return c.html(<NamedOrgPage site={siteOf(c, ctx)} {...view} />);
  });
  return app;
}
