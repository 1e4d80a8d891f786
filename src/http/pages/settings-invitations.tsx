/**
 * The settings page's section of invitations to organizations that wait for the user's answer,
 * each with Accept and Decline. Nothing at all when there are none.
 */
import type { PendingInvitation } from '../../actions/org-invitations.ts';
import { AnswerForms } from './org-invitation-views.tsx';

/** Pending invitations to organizations, on /settings. */
export function OrgInvitationsSection(props: { invitations: PendingInvitation[] }) {
  if (props.invitations.length === 0) return null;
  return (
    <section class="settings-section" id="invitations" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations to organizations</h2>
      <p class="hint">Accept and you are listed among the organization's members (you can leave at any time from its page).</p>
      <ul class="invitations">
        {props.invitations.map((i) => (
          <li>
            <a href={`/orgs/${i.orgHandle}`}>{i.orgName}</a>
            {i.role === 'admin' ? <span class="muted"> (as admin)</span> : null}
            {i.invitedBy ? <span class="muted"> · invited by @{i.invitedBy.handle}</span> : null} <AnswerForms i={i} />
          </li>
        ))}
      </ul>
    </section>
  );
}
