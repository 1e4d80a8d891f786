/**
 * The hidden fields of a small POST form drawn deep in a page (a vote button, a follow button),
 * read from the request context rather than passed down: the CSRF value, and the page to come
 * back to when the post is done.
 */
import { tryGetContext } from 'hono/context-storage';
import { BACK_FIELD, currentPath } from '../return-path.ts';

export function PostFields() {
  const c = tryGetContext();
  const back = c ? currentPath(c) : undefined;
  return (
    <>
      <input type="hidden" name="_csrf" value={c?.var.csrf ?? ''} />
      {back ? <input type="hidden" name={BACK_FIELD} value={back} /> : null}
    </>
  );
}
