/**
 * Collection views: the signed-in user's collections with a form to create one, and a
 * collection's page (anyone may open a public one). The owner gets forms to rename, change
 * visibility, reorder with up/down buttons, remove papers and delete; all plain POST forms with
 * their CSRF field, so they work without JavaScript. A refused form comes back with its reason
 * beside it and what was typed.
 */
import type { Collection } from '../../actions/collections.ts';
import type { Paper } from '../../core/paper.ts';
import { CommentBody } from './comments-markdown.ts';
import { paperPath, shortAuthors, tidy } from './format.ts';
import { fieldAria } from './forms.ts';
import { CsrfField, Layout } from './layout.tsx';
import { mathToText } from '../../core/math-text.ts';
import { renderInlineMath } from './math.ts';
import { PostForm } from './post-form.tsx';
import type { Site } from './site.ts';

const count = (n: number): string => `${n} paper${n === 1 ? '' : 's'}`;

/**
 * The id of a paper's item on a collection's page, for the address a move goes back to: the
 * moved paper stays on screen, and Tab goes on from it. Old-style ids' slash becomes a dash.
 */
export const collectionItemId = (paperId: string): string => `item-${paperId.replace(/[^A-Za-z0-9._-]/g, '-')}`;

/** A collection form sent back: what was typed, and why it did not go. */
export interface CollectionForm {
  name: string;
  description: string;
  public: boolean;
  error: string;
}

/** The "Add a paper" form sent back: what was typed, and why it did not go. */
export interface AddPaperForm {
  paperId: string;
  error: string;
}

/** The user's collections and the create form (`form`: one refused, sent back with what was typed). */
export function CollectionsView(props: { site: Site; collections: Collection[]; form?: CollectionForm }) {
  const { form } = props;
  return (
    <Layout site={props.site} title="Your collections">
      <h1>Your collections</h1>
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
        <PostForm site={props.site} action="/collections" submit="Create" kind="primary">
          {form ? (
            <p class="notice error" role="alert" id="c-error">
              {form.error}
            </p>
          ) : null}
          <label for="c-name">Name</label>
          <input id="c-name" name="name" type="text" required maxlength={100} value={form?.name ?? ''} {...fieldAria(form !== undefined, 'c-error')} />
          <label for="c-desc">
            Description <span class="muted">(Markdown: links, *emphasis*, `code`, $math$)</span>
          </label>
          <textarea id="c-desc" name="description" maxlength={2000} rows={3}>
            {form?.description ?? ''}
          </textarea>
          <label class="check">
            <input type="checkbox" name="public" value="1" checked={form?.public === true} /> Public: anyone with the link can see it
          </label>
        </PostForm>
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

/** The owner's edit and delete forms; a refused edit comes back open, with what was typed. */
function OwnerForms(props: { site: Site; collection: Collection; form: CollectionForm | undefined }) {
  const { site, collection: c, form } = props;
  const shown = form ?? { name: c.name, description: c.description, public: c.public };
  return (
    <details class="collection-settings" open={form !== undefined}>
      <summary>Edit or delete this collection</summary>
      <PostForm site={site} action={`/collections/${c.id}/edit`} class="form-page" submit="Save" kind="primary">
        {form ? (
          <p class="notice error" role="alert" id="e-error">
            {form.error}
          </p>
        ) : null}
        <label for="e-name">Name</label>
        <input id="e-name" name="name" type="text" required maxlength={100} value={shown.name} {...fieldAria(form !== undefined, 'e-error')} />
        <label for="e-desc">
          Description <span class="muted">(Markdown: links, *emphasis*, `code`, $math$)</span>
        </label>
        <textarea id="e-desc" name="description" maxlength={2000} rows={3}>
          {shown.description}
        </textarea>
        <label for="e-vis">Visibility</label>
        <select id="e-vis" name="public">
          <option value="0" selected={!shown.public}>
            Private: only you
          </option>
          <option value="1" selected={shown.public}>
            Public: anyone with the link
          </option>
        </select>
      </PostForm>
      <form method="post" action={`/collections/${c.id}/delete`}>
        <CsrfField site={site} />
        <button class="button danger" type="submit">
          Delete collection
        </button>
      </form>
    </details>
  );
}

/** A collection's page; `add` and `edit` are the owner's forms sent back refused. */
export function CollectionView(props: {
  site: Site;
  collection: Collection;
  papers: Paper[];
  owner: { name: string; handle: string } | undefined;
  isOwner: boolean;
  /** Papers of the collection a moderator hid (counted for the owner only). */
  hidden?: number;
  shareUrl: string;
  saved?: boolean;
  add?: AddPaperForm;
  edit?: CollectionForm;
}) {
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
      {papers.length === 0 && !props.hidden ? (
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
      {props.isOwner && props.hidden ? (
        <p class="muted">
          {props.hidden === 1 ? '1 paper in this collection is hidden by a moderator.' : `${props.hidden} papers in this collection are hidden by a moderator.`}
        </p>
      ) : null}
      {props.isOwner ? (
        <form method="post" action={`/collections/${c.id}/items`} class="inline-add">
          <CsrfField site={props.site} />
          {props.add ? (
            <p class="notice error" role="alert" id="add-error">
              {props.add.error}
            </p>
          ) : null}
          <label for="add-paper">Add a paper</label>
          <input
            id="add-paper"
            name="paperId"
            type="text"
            required
            maxlength={300}
            placeholder="2501.05441 or an arxiv.org link"
            value={props.add?.paperId ?? ''}
            {...fieldAria(props.add !== undefined, 'add-error')}
          />
          <button class="button small" type="submit">
            Add
          </button>
        </form>
      ) : null}
      {props.isOwner ? <OwnerForms site={props.site} collection={c} form={props.edit} /> : null}
    </Layout>
  );
}
