/**
 * The accounts page (/admin/users): a search box and role and status filters, then a page of
 * accounts (a table; stacked cards on a phone) with what staff may do to each. Administrators see
 * addresses, change roles and delete; moderators read the list and ban or unban. An action that
 * could not be done comes back on its account's row.
 */
import type { AccountList, AccountView } from '../../actions/account-directory.ts';
import { BACK_FIELD } from '../return-path.ts';
import { formatDate, withQuery } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import type { Site } from './site.ts';

export const USERS_PATH = '/admin/users';

/** An action refused, shown on the row of its account. */
export interface RowError {
  handle: string;
  message: string;
}

interface Viewer {
  handle: string;
  role: string;
}

const ROLE_CHOICES = [
  ['', 'All roles'],
  ['admin', 'Administrators'],
  ['moderator', 'Moderators'],
  ['user', 'Users'],
] as const;
const STATUS_CHOICES = [
  ['', 'Any status'],
  ['banned', 'Banned'],
  ['unconfirmed', 'Unconfirmed'],
] as const;
const ROLE_NAMES: Record<string, string> = { admin: 'Administrator', moderator: 'Moderator', user: 'User' };

/** The list's address for a query and page (empty choices left out). */
export function listPath(query: AccountList['query'], page: number): string {
  return withQuery(USERS_PATH, { q: query.q, role: query.role, status: query.status, p: page > 1 ? page : undefined });
}

/** A labelled select of the filters. */
function ChoiceField(props: { name: string; label: string; choices: readonly (readonly [string, string])[]; value: string }) {
  return (
    <span class="field">
      <label for={`users-${props.name}`}>{props.label}</label>
      <select id={`users-${props.name}`} name={props.name}>
        {props.choices.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </span>
  );
}

function Filters(props: { query: AccountList['query']; addresses: boolean }) {
  const { query } = props;
  return (
    <form class="user-filters" method="get" action={USERS_PATH} role="search" aria-label="Find accounts">
      <span class="field search-field">
        <label for="users-q">{props.addresses ? 'Handle, name or address' : 'Handle or name'}</label>
        <input id="users-q" name="q" type="search" value={query.q} autocomplete="off" autocapitalize="none" spellcheck={false} />
      </span>
      <ChoiceField name="role" label="Role" choices={ROLE_CHOICES} value={query.role ?? ''} />
      <ChoiceField name="status" label="Status" choices={STATUS_CHOICES} value={query.status ?? ''} />
      <button type="submit" class="button small">
        Find
      </button>
    </form>
  );
}

/** Hidden fields every row action carries: the CSRF value and the page to come back to. */
function BackFields(props: { site: Site; back: string }) {
  return (
    <>
      <CsrfField site={props.site} />
      <input type="hidden" name={BACK_FIELD} value={props.back} />
    </>
  );
}

function mayBan(viewer: Viewer, a: AccountView): boolean {
  return a.handle !== viewer.handle && a.role !== 'admin' && (viewer.role === 'admin' || a.role === 'user');
}

function RowActions(props: { site: Site; viewer: Viewer; account: AccountView; back: string; error: RowError | undefined }) {
  const { site, viewer, account: a, back } = props;
  const admin = viewer.role === 'admin';
  const errorId = `error-${a.handle}`;
  const base = `${USERS_PATH}/${a.handle}`;
  return (
    <div class="user-actions">
      {props.error ? (
        <p class="notice error" role="alert" id={errorId}>
          {props.error.message}
        </p>
      ) : null}
      {admin ? (
        <form method="post" action={`${base}/role`} class="role-form">
          <BackFields site={site} back={back} />
          <label class="sr-only" for={`role-${a.handle}`}>
            Role of @{a.handle}
          </label>
          <select id={`role-${a.handle}`} name="role" {...(props.error ? { 'aria-describedby': errorId } : {})}>
            {(['user', 'moderator', 'admin'] as const).map((r) => (
              <option value={r} selected={a.role === r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
          <button type="submit" class="button small">
            Change role
          </button>
        </form>
      ) : null}
      {mayBan(viewer, a) ? (
        <form
          method="post"
          action={`${base}/${a.banned ? 'unban' : 'ban'}`}
          class="inline"
          {...(a.banned ? {} : { 'data-confirm': `Ban @${a.handle}? The account is signed out everywhere at once and its API tokens stop working, until it is unbanned.` })}
        >
          <BackFields site={site} back={back} />
          <button type="submit" class="button small" aria-label={`${a.banned ? 'Unban' : 'Ban'} @${a.handle}`}>
            {a.banned ? 'Unban' : 'Ban'}
          </button>
        </form>
      ) : null}
      {admin && a.handle !== viewer.handle ? (
        <a class="button small danger" href={withQuery(`${base}/delete`, { back })} aria-label={`Delete @${a.handle}…`}>
          Delete…
        </a>
      ) : null}
    </div>
  );
}

function AccountRows(props: { site: Site; viewer: Viewer; list: AccountList; back: string; error: RowError | undefined }) {
  const { list, viewer } = props;
  const emails = viewer.role === 'admin';
  return (
    <div class="table-wrap users-wrap">
      <table class="users">
        <caption class="sr-only">Accounts, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            {emails ? <th scope="col">Address</th> : null}
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            <th scope="col">Confirmed</th>
            <th scope="col">Banned</th>
            <th scope="col">Comments</th>
            <th scope="col">Upvotes</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.accounts.map((a) => (
            <tr id={`user-${a.handle}`} class={a.banned ? 'banned' : undefined}>
              <th scope="row" data-label="Account">
                <a href={`/users/${a.handle}`}>@{a.handle}</a>
                <span class="user-name">{a.name}</span>
              </th>
              {emails ? (
                <td data-label="Address" class="user-email">
                  {a.email}
                </td>
              ) : null}
              <td data-label="Role">{ROLE_NAMES[a.role] ?? a.role}</td>
              <td data-label="Joined">
                <time datetime={a.createdAt}>{formatDate(a.createdAt.slice(0, 10))}</time>
              </td>
              <td data-label="Confirmed">{a.confirmed ? 'Yes' : 'No'}</td>
              <td data-label="Banned">{a.banned ? 'Banned' : 'No'}</td>
              <td data-label="Comments">{a.numComments}</td>
              <td data-label="Upvotes">{a.numUpvotes}</td>
              <td data-label="Actions">
                <RowActions site={props.site} viewer={viewer} account={a} back={props.back} error={props.error?.handle === a.handle ? props.error : undefined} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The accounts page. `back` is this very list, where its forms come back to. */
export function AdminUsersView(props: { site: Site; viewer: Viewer; list: AccountList; back: string; error?: RowError }) {
  const { site, list } = props;
  const filtered = Boolean(list.query.q || list.query.role || list.query.status);
  const stray = props.error && !list.accounts.some((a) => a.handle === props.error?.handle) ? props.error : undefined;
  return (
    <Layout site={site} title="Users">
      <div class="admin admin-users">
        <h1>Users</h1>
        <p class="muted">
          {props.viewer.role === 'admin'
            ? 'Every account, newest first. Role changes, bans and deletions are recorded in the audit log on the moderation page.'
            : 'Every account, newest first. Moderators may ban and unban users; administrators also change roles and delete accounts.'}
        </p>
        {stray ? (
          <p class="notice error" role="alert">
            {stray.message}
          </p>
        ) : null}
        <Filters query={list.query} addresses={props.viewer.role === 'admin'} />
        <p class="result-count" role="status">
          {list.total === 0 ? (filtered ? 'No account matches.' : 'No accounts yet.') : `${list.total.toLocaleString('en-US')} account${list.total === 1 ? '' : 's'}${filtered ? ' match' + (list.total === 1 ? 'es' : '') : ''}.`}
        </p>
        {list.accounts.length > 0 ? <AccountRows site={site} viewer={props.viewer} list={list} back={props.back} error={props.error} /> : null}
        <Pager page={list.page} pages={list.numPages} href={(p) => listPath(list.query, p)} />
      </div>
    </Layout>
  );
}
