/**
 * Invitations to an organization as pages show them: the Accept and Decline buttons of one's own
 * invitation (on the organization's page and in the settings), the notice on the organization's
 * page that holds them, and, for those who manage its members, the invitations waiting for an
 * answer, each with a Withdraw button.
 */
import type { PendingInvitation } from '../../actions/org-invitations.ts';
import { formatDate } from './format.ts';
import { PostFields } from './post-fields.tsx';

const invitationPath = (i: PendingInvitation, step: 'accept' | 'decline' | 'withdraw'): string => `/orgs/${i.orgHandle}/invitations/${encodeURIComponent(i.id)}/${step}`;

/** "as an admin" for an invitation that makes its taker an admin of the organization. */
const asRole = (i: PendingInvitation): string => (i.role === 'admin' ? ' as an admin (who may invite members)' : '');

/** Who invited, and when, in words. */
function Invited(props: { i: PendingInvitation }) {
  const { i } = props;
  return (
    <span class="muted">
      {i.invitedBy ? (
        <>
          {' '}
          by <a href={`/users/${i.invitedBy.handle}`}>{i.invitedBy.name}</a>
        </>
      ) : null}{' '}
      on {formatDate(i.createdAt.slice(0, 10))}
    </span>
  );
}

/** Accept and Decline: one's own invitation's answers. */
export function AnswerForms(props: { i: PendingInvitation }) {
  const { i } = props;
  return (
    <span class="invitation-answers">
      <form method="post" action={invitationPath(i, 'accept')} class="inline">
        <PostFields />
        <button class="button small primary" type="submit">
          Accept<span class="sr-only"> the invitation to {i.orgName}</span>
        </button>
      </form>{' '}
      <form method="post" action={invitationPath(i, 'decline')} class="inline">
        <PostFields />
        <button class="button small" type="submit">
          Decline<span class="sr-only"> the invitation to {i.orgName}</span>
        </button>
      </form>
    </span>
  );
}

/** The signed-in user's own invitation, where the organization's page opens. */
export function YourInvitation(props: { i: PendingInvitation }) {
  const { i } = props;
  return (
    <section class="notice invitation" aria-labelledby="your-invitation-title">
      <h2 id="your-invitation-title" class="section-title">
        You are invited to join {i.orgName}
        {asRole(i)}
      </h2>
      <p>
        Invited
        <Invited i={i} />. Accept and you are listed among its members (you can leave at any time); decline and you are not.
      </p>
      <AnswerForms i={i} />
    </section>
  );
}

/** The invitations waiting for an answer, for those who may withdraw them. */
export function PendingInvitations(props: { invitations: PendingInvitation[] }) {
  if (props.invitations.length === 0) return null;
  return (
    <>
      <h3 class="section-title">Invited, waiting for an answer</h3>
      <ul class="invitations">
        {props.invitations.map((i) => (
          <li>
            <a href={`/users/${i.user.handle}`}>{i.user.name}</a>
            {i.role === 'admin' ? <span class="muted"> (as admin)</span> : null}
            <Invited i={i} />{' '}
            <form method="post" action={invitationPath(i, 'withdraw')} class="inline" data-confirm={`Withdraw the invitation to ${i.user.name}?`}>
              <PostFields />
              <button class="link" type="submit">
                Withdraw<span class="sr-only"> the invitation to {i.user.name}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
