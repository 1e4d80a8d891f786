/**
 * Collection views: the signed-in user's collections with a form to create one, and a
 * collection's page (anyone may open a public one). The owner gets forms to rename, change
 * visibility, reorder with up/down buttons, remove papers and delete; all plain POST forms with
 * their CSRF field, so they work without JavaScript.
 */
import type { Collection } from '../../actions/collections.ts';
import type { Paper } from '../../core/paper.ts';
import { CommentBody } from './comments-markdown.ts';
import { paperPath, shortAuthors, tidy } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import { mathToText } from '../../core/math-text.ts';
import { renderInlineMath } from './math.ts';
import type { Site } from './site.ts';

const count = (n: number): string => `${n} paper${n === 1 ? '' : 's'}`;

/**
 * The id of a paper's item on a collection's page, for the address a move goes back to: the
 * moved paper stays on screen, and Tab goes on from it. Old-style ids' slash becomes a dash.
 */
export const collectionItemId = (paperId: string): string => `item-${paperId.replace(/[^A-Za-z0-9._-]/g, '-')}`;

/** The user's collections and the create form. */
export function CollectionsView(props: { site: Site; collections: Collection[]; error?: string }) {
  return (
    <Layout site={props.site} title="Your collections">
      <h1>Your collections</h1>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.collections.length === 0 ? <p>No collections yet. Save papers from their pages, or create one here.</p> : null}
      <ul class="collection-list">
        {props.collections.map((c) => (
          <li>
            <a href={`/collections/${c.id}`}>{c.name}</a> <span class="muted">· {count(c.itemCount)} · {c.public ? 'public' : 'private'}</span>
          </li>
        ))}
      </ul>
      <div class="form-page">
        <h2>New collection</h2>
        <form method="post" action="/collections">
          <CsrfField site={props.site} />
          <label for="c-name">Name</label>
          <input id="c-name" name="name" type="text" required maxlength={100} />
          <label for="c-desc">
            Description <span class="muted">(Markdown: links, *emphasis*, `code`, $math$)</span>
          </label>
          <textarea id="c-desc" name="description" maxlength={2000} rows={3}></textarea>
          <label class="check">
            <input type="checkbox" name="public" value="1" /> Public: anyone with the link can see it
          </label>
          <div class="actions">
            <button class="button primary" type="submit">
              Create
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

function ItemControls(props: { site: Site; collection: Collection; paper: Paper; first: boolean; last: boolean }) {
  const { site, collection, paper } = props;
  const action = `/collections/${collection.id}`;
  return (
    <div class="item-controls">
      <form method="post" action={`${action}/move`} class="inline">
        <CsrfField site={site} />
        <input type="hidden" name="paperId" value={paper.id} />
        <button class="button small" type="submit" name="direction" value="up" disabled={props.first} aria-label={`Move "${mathToText(tidy(paper.title))}" up`}>
          ↑ Up
        </button>
        <button class="button small" type="submit" name="direction" value="down" disabled={props.last} aria-label={`Move "${mathToText(tidy(paper.title))}" down`}>
          ↓ Down
        </button>
      </form>
      <form method="post" action={`${action}/remove`} class="inline">
        <CsrfField site={site} />
        <input type="hidden" name="paperId" value={paper.id} />
        <button class="button small" type="submit" aria-label={`Remove "${mathToText(tidy(paper.title))}"`}>
          Remove
        </button>
      </form>
    </div>
  );
}

function OwnerForms(props: { site: Site; collection: Collection }) {
  const { site, collection: c } = props;
  return (
    <details class="collection-settings">
      <summary>Edit or delete this collection</summary>
      <form method="post" action={`/collections/${c.id}/edit`} class="form-page">
        <CsrfField site={site} />
        <label for="e-name">Name</label>
        <input id="e-name" name="name" type="text" required maxlength={100} value={c.name} />
        <label for="e-desc">
          Description <span class="muted">(Markdown: links, *emphasis*, `code`, $math$)</span>
        </label>
        <textarea id="e-desc" name="description" maxlength={2000} rows={3}>
          {c.description}
        </textarea>
        <label for="e-vis">Visibility</label>
        <select id="e-vis" name="public">
          <option value="0" selected={!c.public}>
            Private: only you
          </option>
          <option value="1" selected={c.public}>
            Public: anyone with the link
          </option>
        </select>
        <div class="actions">
          <button class="button primary" type="submit">
            Save
          </button>
        </div>
      </form>
      <form method="post" action={`/collections/${c.id}/delete`}>
        <CsrfField site={site} />
        <button class="button danger" type="submit">
          Delete collection
        </button>
      </form>
    </details>
  );
}

/** A collection's page. */
export function CollectionView(props: { site: Site; collection: Collection; papers: Paper[]; owner: { name: string; handle: string } | undefined; isOwner: boolean; shareUrl: string; saved?: boolean }) {
  const { collection: c, papers } = props;
  return (
    <Layout site={props.site} title={c.name} description={c.description.slice(0, 200) || `A collection of ${count(papers.length)}`} scripts={['copy.js']}>
      {props.saved ? (
        <p class="notice" role="status">
          Saved.
        </p>
      ) : null}
      <p class="kicker">
        {c.public ? 'Public collection' : 'Private collection'}
        {props.owner ? (
          <>
            {' by '}
            <a href={`/users/${props.owner.handle}`}>{props.owner.name}</a>
          </>
        ) : null}
      </p>
      <h1>{c.name}</h1>
      {c.description ? (
        <div class="collection-description comment-body">
          <CommentBody body={c.description} />
        </div>
      ) : null}
      <div class="paper-actions">
        <a class="button" href={`/collections/${c.id}.bib`} download>
          Download BibTeX
        </a>
        {c.public ? (
          <span class="share">
            <label for="share-link">Share:</label>
            <input id="share-link" type="text" readonly value={props.shareUrl} />
            <button class="button small" type="button" data-copy="share-link" hidden>
              Copy link
            </button>
          </span>
        ) : null}
      </div>
      {papers.length === 0 ? (
        <p>{props.isOwner ? 'No papers yet. Add one by its arXiv id below, or with “Save to a collection” on any paper’s page.' : 'No papers yet.'}</p>
      ) : null}
      <ol class="collection-items" aria-label="Papers in this collection">
        {papers.map((p, i) => (
          <li id={collectionItemId(p.id)}>
            <div class="item-text">
              <a class="item-title" href={paperPath(p.id)}>
                {renderInlineMath(tidy(p.title))}
              </a>
              <p class="authors-line">{shortAuthors(p)}</p>
            </div>
            {props.isOwner ? <ItemControls site={props.site} collection={c} paper={p} first={i === 0} last={i === papers.length - 1} /> : null}
          </li>
        ))}
      </ol>
      {props.isOwner ? (
        <form method="post" action={`/collections/${c.id}/items`} class="inline-add">
          <CsrfField site={props.site} />
          <label for="add-paper">Add a paper</label>
          <input id="add-paper" name="paperId" type="text" required maxlength={300} placeholder="2501.05441 or an arxiv.org link" />
          <button class="button small" type="submit">
            Add
          </button>
        </form>
      ) : null}
      {props.isOwner ? <OwnerForms site={props.site} collection={c} /> : null}
    </Layout>
  );
}
