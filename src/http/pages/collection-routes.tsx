/**
 * Collection routes: `/collections` (yours, and create), `/collections/:id` (a collection's
 * page; private ones are 404 for everyone but the owner), `/collections/:id.bib` (BibTeX), and
 * the owner's POST forms (save from a paper page, edit, delete, move up/down, remove). Every
 * change is a POST through actions/collections.ts, like the JSON API; a refused create, edit or
 * "Add a paper" comes back on its page with the reason beside the form and what was typed.
 */
import { type Context, Hono } from 'hono';
import * as actions from '../../actions/collections.ts';
import { AppError } from '../../core/errors.ts';
import { findUserById } from '../../db/users.ts';
import { requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { type AddPaperForm, type CollectionForm, collectionItemId, CollectionsView, CollectionView } from './collection-pages.tsx';
import { paperPath } from './format.ts';
import { orForm } from './forms.ts';
import { siteOf } from './site.ts';

async function fields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/** Routes for collections. */
export function collectionRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  const now = () => ctx.now();

  app.get('/collections', async (c) => {
    const user = requireUser(c);
    return c.html(<CollectionsView site={siteOf(c, ctx)} collections={await actions.listMyCollections(db, user)} />);
  });

  app.post('/collections', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
    const typed = { name: f['name'] ?? '', description: f['description'] ?? '', public: f['public'] === '1' || f['public'] === 'on' };
    return orForm(
      c,
      async () => c.redirect(`/collections/${(await actions.createCollection(db, user, typed, now())).id}`, 303),
      async (error) => c.html(<CollectionsView site={siteOf(c, ctx)} collections={await actions.listMyCollections(db, user)} form={{ ...typed, error }} />),
    );
  });

  // From a paper's page: into a chosen collection, or a new one named in the same form.
  app.post('/collections/save', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
    let id = f['collection'] ?? '';
    if (id === 'new' || id === '') {
      // A paper that cannot be saved leaves no empty collection behind.
      await actions.paperToSave(db, f['paperId']);
      // A "new" name the user already has means that collection: the paper goes there.
      const name = (f['name'] ?? '').trim().toLowerCase();
      const same = name ? (await actions.listMyCollections(db, user)).find((x) => x.name.trim().toLowerCase() === name) : undefined;
      id = same?.id ?? (await actions.createCollection(db, user, { name: f['name'] ?? '', public: f['public'] === '1' }, now())).id;
    }
    const { paper } = await actions.addToCollection(db, user, id, f['paperId'], now());
    return c.redirect(`${paperPath(paper.id)}?saved=${encodeURIComponent(id)}`, 303);
  });

  /** A collection's page, with the owner's forms sent back refused, or the "Saved." notice. */
  const collectionPage = async (c: Context, id: string, forms: { saved?: boolean; add?: AddPaperForm; edit?: CollectionForm }) => {
    const v = await actions.viewCollection(db, c.get('user'), id);
    // Only the owner has the forms: anyone else sent back gets the refusal as the error page.
    if ((forms.add || forms.edit) && !v.owner) throw new AppError(403, 'forbidden', 'Only the owner can change this collection.');
    const owner = await findUserById(db, v.collection.userId);
    // Private pages must not be cached by shared caches or leak through the Referer.
    if (!v.collection.public) c.header('cache-control', 'private, no-store');
    return c.html(
      <CollectionView
        site={siteOf(c, ctx)}
        collection={v.collection}
        papers={v.papers}
        owner={owner ? { name: owner.name, handle: owner.handle } : undefined}
        isOwner={v.owner}
        hidden={v.hidden}
        shareUrl={`${ctx.baseUrl}/collections/${v.collection.id}`}
        {...forms}
      />,
    );
  };

  app.get('/collections/:id', async (c) => {
    const raw = c.req.param('id');
    const viewer = c.get('user');
    if (raw.endsWith('.bib')) {
      const { collection, text } = await actions.collectionBibtex(db, viewer, raw.slice(0, -4));
      const file = collection.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'collection';
      // A private collection's file is kept out of shared caches, as its page is.
      if (!collection.public) c.header('cache-control', 'private, no-store');
      return c.body(text, 200, { 'content-type': 'text/x-bibtex; charset=utf-8', 'content-disposition': `attachment; filename="${file}.bib"` });
    }
    return collectionPage(c, raw, { saved: c.req.query('saved') === '1' });
  });

  app.post('/collections/:id/edit', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
    const id = c.req.param('id');
    const typed = { name: f['name'] ?? '', description: f['description'] ?? '', public: f['public'] === '1' };
    return orForm(
      c,
      async () => {
        await actions.editCollection(db, user, id, { ...typed, name: f['name'] }, now());
        return c.redirect(`/collections/${id}?saved=1`, 303);
      },
      (error) => collectionPage(c, id, { edit: { ...typed, error } }),
    );
  });
  app.post('/collections/:id/delete', async (c) => {
    await actions.removeCollection(db, requireUser(c), c.req.param('id'));
    return c.redirect('/collections', 303);
  });
  app.post('/collections/:id/items', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
    const id = c.req.param('id');
    return orForm(
      c,
      async () => {
        await actions.addToCollection(db, user, id, f['paperId'], now());
        return c.redirect(`/collections/${id}`, 303);
      },
      (error) => collectionPage(c, id, { add: { paperId: f['paperId'] ?? '', error } }),
    );
  });
  app.post('/collections/:id/remove', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
    await actions.removeFromCollection(db, user, c.req.param('id'), f['paperId'] ?? '', now());
    return c.redirect(`/collections/${c.req.param('id')}`, 303);
  });
  app.post('/collections/:id/move', async (c) => {
    const user = requireUser(c);
    const f = await fields(c);
    await actions.moveInCollection(db, user, c.req.param('id'), f['paperId'] ?? '', f['direction'], now());
    // Back at the moved paper, not the top of the page: a keyboard user goes on from where they were.
    return c.redirect(`/collections/${c.req.param('id')}#${collectionItemId(f['paperId'] ?? '')}`, 303);
  });
  return app;
}
