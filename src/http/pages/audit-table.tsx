/**
 * The audit log as the moderation page shows it: when, who (a handle, or the command line), what
 * in words, to what (a link to the paper, user or organization; an authorship claim as "@handle as
 * Author Name on paper X") and the details (a moderator's reason, the papers assigned...).
 */
import { utcTime } from '../../core/utc-time.ts';
import type { AuditRow } from '../../db/audit.ts';
import { paperPath } from './format.ts';

export type AuditView = AuditRow & { actor_handle: string | null };

const ACTIONS: Record<string, string> = {
  hide_paper: 'hid',
  unhide_paper: 'showed again',
  hide_comment: 'hid',
  unhide_comment: 'showed again',
  ban_user: 'banned',
  unban_user: 'unbanned',
  'claim.approve': 'approved the authorship claim',
  'claim.reject': 'rejected the authorship claim',
  'claim.revoke': 'revoked the authorship claim',
  create_org: 'created the organization',
  assign_papers: 'assigned papers to',
  add_org_member: 'added a member to',
  remove_org_member: 'took a member off',
  invite_org_member: 'invited a member to',
  accept_org_invite: 'accepted the invitation to',
  decline_org_invite: 'declined the invitation to',
  withdraw_org_invite: 'withdrew an invitation to',
  change_org_role: "changed a member's role in",
  change_role: 'changed the role of',
  delete_user: 'deleted the account',
};

/** What an action did, in words (unknown actions as their name, spaced). */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action.replace(/[._]+/g, ' ');
}

/** The fields an authorship claim's entry keeps in its detail (JSON). */
function claimOf(detail: string): { paperId?: string; authorName?: string; userId?: string } {
  try {
    const v: unknown = JSON.parse(detail);
    if (!v || typeof v !== 'object') return {};
    const o = v as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? { [k]: o[k] as string } : {});
    return { ...str('paperId'), ...str('authorName'), ...str('userId') };
  } catch {
    return {};
  }
}

function Target(props: { e: AuditView; handles: Record<string, string> }) {
  const { e } = props;
  if (e.target_type === 'paper') return <a href={paperPath(e.target_id)}>paper {e.target_id}</a>;
  if (e.target_type === 'user') return <a href={`/users/${e.target_id}`}>@{e.target_id}</a>;
  if (e.target_type === 'organization') return <a href={`/orgs/${e.target_id}`}>@{e.target_id}</a>;
  if (e.target_type === 'author_claim') {
    const claim = claimOf(e.detail);
    const handle = claim.userId ? props.handles[claim.userId] : undefined;
    return (
      <span>
        {handle ? <a href={`/users/${handle}`}>@{handle}</a> : 'a user'} as “{claim.authorName ?? '?'}”
        {claim.paperId ? (
          <>
            {' '}
            on <a href={paperPath(claim.paperId)}>paper {claim.paperId}</a>
          </>
        ) : null}
      </span>
    );
  }
  return <span>comment {e.target_id.slice(0, 8)}</span>;
}

/** The user ids whose handles the table needs (authors of claims). */
export function auditUserIds(rows: AuditView[]): string[] {
  return [...new Set(rows.filter((e) => e.target_type === 'author_claim').flatMap((e) => claimOf(e.detail).userId ?? []))];
}

/**
 * The audit log table, in a box that scrolls sideways when the table is wider than the screen (and
 * by keyboard: it takes focus). On a phone the stylesheet shows each entry as a block of labelled
 * lines (the cells' data-label); the explicit roles keep it a table to screen readers there, as
 * some browsers drop a table's semantics once its rows are no longer displayed as rows.
 */
export function AuditTable(props: { rows: AuditView[]; handles: Record<string, string> }) {
  return (
    <div class="table-wrap audit-wrap" tabindex={0} role="region" aria-label="Audit log entries">
      <table class="audit" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              When
            </th>
            <th scope="col" role="columnheader">
              Who
            </th>
            <th scope="col" role="columnheader">
              Did
            </th>
            <th scope="col" role="columnheader">
              To
            </th>
            <th scope="col" role="columnheader">
              Details
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {props.rows.map((e) => (
            <tr role="row">
              <td role="cell" data-label="When">
                <time datetime={e.created_at}>{utcTime(e.created_at)}</time>
              </td>
              <td role="cell" data-label="Who">
                {e.actor_id === null ? 'command line' : e.actor_handle ? `@${e.actor_handle}` : 'a deleted account'}
              </td>
              <td role="cell" data-label="Did">
                {actionLabel(e.action)}
              </td>
              <td role="cell" data-label="To">
                <Target e={e} handles={props.handles} />
              </td>
              <td role="cell" data-label="Details">
                {e.target_type === 'author_claim' ? '' : e.detail}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
