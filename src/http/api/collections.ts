/**
 * JSON API for collections (API token, or session plus X-CSRF-Token): list and create
 * (`/api/collections`), read, change and delete one (`/api/collections/:id`), its BibTeX
 * (`/bibtex`), add and remove papers (`/items`, `/items/:paperId`) and set the order
 * (`/order {paperIds}`). The same actions as the pages, so the same rules: private collections
 * are 404 to others, changes 403.
 */
import { Hono } from 'hono';
import * as actions from '../../actions/collections.ts';
import type { Collection } from '../../actions/collections.ts';
import type { Paper } from '../../core/paper.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { toApiPaper } from './serialize.ts';
import { jsonObject } from './body.ts';

/** A collection as the API shows it. */
export function toApiCollection(ctx: AppContext, c: Collection, papers?: Paper[]) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    public: c.public,
    itemCount: papers?.length ?? c.itemCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    url: `${ctx.baseUrl}/collections/${c.id}`,
    bibtexUrl: `${ctx.baseUrl}/collections/${c.id}.bib`,
    // The file above answers a browser's session only; a script with a token reads this one.
    apiBibtexUrl: `${ctx.baseUrl}/api/collections/${c.id}/bibtex`,
    ...(papers ? { papers: papers.map(toApiPaper) } : {}),
  };
}

/** Routes under /api for collections. */
export function collectionsApi(ctx: AppContext): Hono {
  const api = new Hono();
  const db = ctx.database.db;
  const view = async (viewer: Parameters<typeof actions.viewCollection>[1], id: string) => {
    const v = await actions.viewCollection(db, viewer, id);
    return toApiCollection(ctx, v.collection, v.papers);
  };

  api.get('/collections', async (c) => {
    const user = requireUser(c);
    return c.json((await actions.listMyCollections(db, user)).map((x) => toApiCollection(ctx, x)));
  });
  api.post('/collections', async (c) => {
    const user = requireUser(c);
    const created = await actions.createCollection(db, user, await jsonObject(c), ctx.now());
    return c.json(toApiCollection(ctx, created, []), 201);
  });
  api.get('/collections/:id', async (c) => c.json(await view(c.get('user'), c.req.param('id'))));
  api.get('/collections/:id/bibtex', async (c) => {
    const { collection, text } = await actions.collectionBibtex(db, c.get('user'), c.req.param('id'));
    if (!collection.public) c.header('Cache-Control', 'private, no-store');
    return c.json({ collectionId: collection.id, name: collection.name, bibtex: text });
  });
  api.patch('/collections/:id', async (c) => {
    const user = requireUser(c);
    await actions.editCollection(db, user, c.req.param('id'), await jsonObject(c), ctx.now());
    return c.json(await view(user, c.req.param('id')));
  });
  api.delete('/collections/:id', async (c) => {
    await actions.removeCollection(db, requireUser(c), c.req.param('id'));
    return c.body(null, 204);
  });
  api.post('/collections/:id/items', async (c) => {
    const user = requireUser(c);
    const body = await jsonObject(c);
    const r = await actions.addToCollection(db, user, c.req.param('id'), body['paperId'], ctx.now());
    return c.json(await view(user, c.req.param('id')), r.added ? 201 : 200);
  });
  api.delete('/collections/:id/items/:paperId{.+}', async (c) => {
    const user = requireUser(c);
    await actions.removeFromCollection(db, user, c.req.param('id'), c.req.param('paperId'), ctx.now());
    return c.json(await view(user, c.req.param('id')));
  });
  api.post('/collections/:id/order', async (c) => {
    const user = requireUser(c);
    const body = await jsonObject(c);
    await actions.reorderCollection(db, user, c.req.param('id'), body['paperIds'], ctx.now());
    return c.json(await view(user, c.req.param('id')));
  });
  return api;
}
