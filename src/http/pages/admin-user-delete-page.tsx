/**
 * The confirmation step of deleting an account from the admin pages
 * (`/admin/users/HANDLE/delete`): what deleting does, a box to tick, and the button; a refusal
 * (the last administrator, an unticked box) comes back on the page.
 */
import type { User } from '../../db/users.ts';
import { BACK_FIELD } from '../return-path.ts';
import { CsrfField, Layout } from './layout.tsx';
import type { Site } from './site.ts';

/** The confirmation page for deleting `account`; `back` is the list to return to. */
export function AdminUserDeleteView(props: { site: Site; account: User; back: string; error?: string }) {
  const { site, account: a } = props;
  return (
    <Layout site={site} title={`Delete @${a.handle}`}>
      <div class="form-page admin-user-delete">
        <h1>Delete @{a.handle}</h1>
        <p>
          <strong>{a.name}</strong> &lt;{a.email}&gt;, joined <time datetime={a.createdAt}>{a.createdAt.slice(0, 10)}</time>.
        </p>
        <p>
          Deleting the account is for good, exactly as its owner can from the settings: it is signed out and its API tokens end, its upvotes are taken back, its
          comments go (those with replies stay as “[deleted]”), and its collections, memberships, claims and digest go. Papers it submitted stay. The handle stays
          reserved; the audit log records who deleted it.
        </p>
        {props.error ? (
          <p class="notice error" role="alert" id="delete-error">
            {props.error}
          </p>
        ) : null}
        <form method="post" action={`/admin/users/${a.handle}/delete`}>
          <CsrfField site={site} />
          <input type="hidden" name={BACK_FIELD} value={props.back} />
          <label>
            <input type="checkbox" name="confirm" value="yes" required {...(props.error ? { 'aria-describedby': 'delete-error' } : {})} /> I understand that this
            deletes @{a.handle} for good
          </label>
          <div class="actions">
            <button type="submit" class="button danger">
              Delete the account
            </button>
            <a href={props.back}>Cancel</a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
