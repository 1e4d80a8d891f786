/**
 * Authors and organizations as papers name them, in the JSON API, as their pages show them (the
 * same actions): `GET /api/authors/:name?p=&limit=` and `GET /api/orgs/named/:name?p=&limit=`,
 * the totals and one page of the papers, newest first, in the shape of `GET /api/orgs/:handle`.
 */
import { Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { organizationPageFor, viewAuthor, viewNamedOrganization } from '../../actions/name-pages.ts';
import { parsePaging } from '../../actions/search-papers.ts';
import type { AppContext } from '../context.ts';
import { toApiItem } from './serialize.ts';

const segment = (name: string): string => encodeURIComponent(name);

/** Routes under /api for authors and named organizations. */
export function namesApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;
  const perPage = (limit: string | undefined): number => parsePaging(limit === undefined ? {} : { limit }, { limit: ctx.config.pageSize }).limit;

  api.get('/authors/:name', async (c) => {
    const view = await viewAuthor(db, c.req.param('name'), parsePageNumber(c.req.query('p')), perPage(c.req.query('limit')), 'empty');
    return c.json({
      author: {
        name: view.name,
        numPapers: view.total,
        upvotes: view.upvotes,
        url: `${ctx.baseUrl}/authors/${segment(view.name)}`,
        users: view.claimants.map((u) => ({ handle: u.handle, name: u.name, url: `${ctx.baseUrl}/users/${u.handle}` })),
      },
      page: view.page,
      numPages: view.pages,
      papers: view.papers.map(toApiItem),
    });
  });

  api.get('/orgs/named/:name', async (c) => {
    const name = c.req.param('name');
    const [view, org] = await Promise.all([viewNamedOrganization(db, name, parsePageNumber(c.req.query('p')), perPage(c.req.query('limit')), 'empty'), organizationPageFor(db, name)]);
    return c.json({
      organization: {
        name: view.name,
        // The organization's own page, when it has one, lists these papers and those assigned to it.
        handle: org?.handle ?? null,
        numPapers: view.total,
        upvotes: view.upvotes,
        url: org ? `${ctx.baseUrl}/orgs/${org.handle}` : `${ctx.baseUrl}/orgs/named/${segment(view.name)}`,
      },
      page: view.page,
      numPages: view.pages,
      papers: view.papers.map(toApiItem),
    });
  });
  return api;
}
