/**
 * The "Save to collection" action on a paper's page (a paper extension): choose one of your
 * collections or name a new one, in one POST form. Signed-out visitors get a sign-in link.
 */
import { saveChoices } from '../../actions/collections.ts';
import { paperPath } from './format.ts';
import type { PaperExtension } from './paper-extension.ts';
import { PostForm } from './post-form.tsx';

/** Adds the save form (and the "saved" notice after a save). */
export const collectionSave: PaperExtension = async (c, ctx, paper, site) => {
  const user = c.get('user');
  if (!user) {
    return { actions: <a class="button" href={`/signin?next=${encodeURIComponent(paperPath(paper.id))}`}>Save to a collection</a> };
  }
  const { collections, holding } = await saveChoices(ctx.database.db, user, paper.id);
  const saved = c.req.query('saved');
  const savedIn = saved ? collections.find((x) => x.id === saved) : undefined;
  return {
    actions: (
      <>
        {savedIn ? (
          <p class="notice" role="status">
            Saved to <a href={`/collections/${savedIn.id}`}>{savedIn.name}</a>.
          </p>
        ) : null}
        <details class="save-collection">
          <summary class="button">Save to a collection</summary>
          <PostForm site={site} action="/collections/save" class="form-page" submit="Save" kind="primary">
            <input type="hidden" name="paperId" value={paper.id} />
            <label for="save-collection">Collection</label>
            <select id="save-collection" name="collection">
              {collections.map((x) => (
                <option value={x.id} disabled={holding.has(x.id)}>
                  {x.name}
                  {holding.has(x.id) ? ' (saved)' : ''}
                </option>
              ))}
              <option value="new" selected={collections.length === 0}>
                New collection…
              </option>
            </select>
            <label for="save-name">Name of a new collection</label>
            <input id="save-name" name="name" type="text" maxlength={100} placeholder="Reading list" />
          </PostForm>
        </details>
      </>
    ),
  };
};
