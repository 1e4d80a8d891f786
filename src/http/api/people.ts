/**
 * Organizations and people in the JSON API, as their pages show them: `GET /api/orgs`,
 * `GET /api/orgs/:handle?p=&limit=` (totals, members and its papers a page at a time) and
 * `GET /api/users/:handle` (latest submissions, upvotes when public or one's own, comments and
 * public collections, or all of one's own).
 */
import { Hono } from 'hono';
import { parsePageNumber } from '../../actions/feed.ts';
import { getOrganization } from '../../actions/organizations.ts';
import { parsePaging } from '../../actions/search-papers.ts';
import { notFound } from '../../core/errors.ts';
import { listPublicCollections, listUserCollections } from '../../db/collections.ts';
import { listOrganizations, orgMembers, orgPapers } from '../../db/organizations.ts';
import { profileActivity } from '../../db/profiles.ts';
import { findUserByHandle } from '../../db/users.ts';
import type { AppContext } from '../context.ts';
import { toApiCollection } from './collections.ts';
import { toApiItem, toApiPaper } from './serialize.ts';

/** Items of each list on a profile, as on its page. */
const PROFILE_ITEMS = 30;

/** Routes under /api for organizations and user profiles. */
export function peopleApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;

  api.get('/orgs', async (c) => c.json((await listOrganizations(db)).map((o) => ({ handle: o.handle, name: o.name, description: o.description, url: `${ctx.baseUrl}/orgs/${o.handle}` }))));

  api.get('/orgs/:handle', async (c) => {
    const org = await getOrganization(db, c.req.param('handle'));
    const page = parsePageNumber(c.req.query('p'));
    const limit = c.req.query('limit');
    const { limit: perPage } = parsePaging(limit === undefined ? {} : { limit }, { limit: ctx.config.pageSize });
    const [listed, members] = await Promise.all([orgPapers(db, org, { limit: perPage, offset: (page - 1) * perPage }), orgMembers(db, org.handle)]);
    return c.json({
      organization: { handle: org.handle, name: org.name, description: org.description, numPapers: listed.total, upvotes: listed.upvotes, url: `${ctx.baseUrl}/orgs/${org.handle}` },
      members: members.map((m) => ({ handle: m.handle, name: m.name, role: m.role })),
      page,
      numPages: Math.max(1, Math.ceil(listed.total / perPage)),
      papers: listed.papers.map(toApiItem),
    });
  });

  api.get('/users/:handle', async (c) => {
    const handle = c.req.param('handle');
    const user = await findUserByHandle(db, handle);
    const own = !!user && c.get('user')?.id === user.id;
    if (!user || (user.banned && !own)) throw notFound(`There is no user @${handle.slice(0, 40)}.`);
    const showUpvotes = own || user.publicUpvotes;
    const activity = await profileActivity(db, user.id, { withUpvotes: showUpvotes, limit: PROFILE_ITEMS });
    const collections = own ? await listUserCollections(db, user.id) : await listPublicCollections(db, user.id);
    if (own) c.header('Cache-Control', 'no-store');
    return c.json({
      user: { handle: user.handle, name: user.name, role: user.role, createdAt: user.createdAt, url: `${ctx.baseUrl}/users/${user.handle}` },
      submissions: activity.submitted.map(toApiPaper),
      // null when the user keeps upvotes private (not an empty list, which would say something else).
      upvotes: showUpvotes ? activity.upvoted.map(toApiPaper) : null,
      comments: activity.comments.map((x) => ({ id: x.id, paperId: x.paperId, paperTitle: x.paperTitle, body: x.body, createdAt: x.createdAt })),
      collections: collections.map((col) => toApiCollection(ctx, col)),
    });
  });
  return api;
}
