/**
 * The forms on an organization's page, and what they show when sent back: inviting a member (a
 * refusal comes back beside the field with what was typed) and assigning papers (a notice says
 * how many were assigned and which ids name no paper; those stay in the field to correct).
 */
import { fieldAria } from './forms.ts';
import { PostForm } from './post-form.tsx';
import type { Site } from './site.ts';

/** The invite form sent back: what was typed, the role chosen, and why it did not go. */
export interface InviteForm {
  member: string;
  role: string;
  error: string;
}

/** The assign form sent back: the notice, the text left in the field, and whether it holds ids to correct. */
export interface AssignForm {
  message: string;
  ids: string;
  failed: boolean;
}

/** What an assignment did, in words: how many were assigned, and the ids that name no paper. */
export function assignNotice(r: { assigned: number; notFound: string[] }): string {
  const missing = r.notFound.length > 0 ? ` Not found: ${r.notFound.join(', ')}.` : '';
  if (r.assigned === 0) return `No paper was assigned.${missing}`;
  return `Assigned ${r.assigned} paper${r.assigned === 1 ? '' : 's'}.${missing}`;
}

/** The form that invites a member by @handle (site admins: also by email) or changes a member's role. */
export function InviteMemberForm(props: { site: Site; handle: string; form: InviteForm | undefined }) {
  const { site, form } = props;
  const admin = site.user?.role === 'admin';
  return (
    <PostForm site={site} action={`/orgs/${props.handle}/invitations`} class="form-page org-form" submit="Invite">
      {form ? (
        <p class="notice error" role="alert" id="member-error">
          {form.error}
        </p>
      ) : null}
      <label for="member-name">{admin ? 'Invite a member by @handle or email' : 'Invite a member by @handle'}</label>
      <input
        id="member-name"
        name="member"
        type="text"
        required
        maxlength={254}
        placeholder={admin ? '@handle or name@example.org' : '@handle'}
        value={form?.member ?? ''}
        {...fieldAria(form !== undefined, 'member-error')}
      />
      <label for="member-role">Role</label>
      <select id="member-role" name="role">
        <option value="member">Member</option>
        <option value="admin" selected={form?.role === 'admin'}>
          Admin (may invite and remove members)
        </option>
      </select>
      <p class="hint">They become a member when they accept; a member's role changes at once.</p>
    </PostForm>
  );
}

/** The site admins' form that assigns papers to the organization. */
export function AssignPapersForm(props: { site: Site; handle: string; form: AssignForm | undefined }) {
  const { form } = props;
  return (
    <PostForm site={props.site} action={`/orgs/${props.handle}/papers`} class="form-page org-form" submit="Assign">
      {form ? (
        <p class={form.failed ? 'notice error' : 'notice'} role={form.failed ? 'alert' : 'status'} id="assign-notice">
          {form.message}
        </p>
      ) : null}
      <label for="assign-ids">Assign papers (ids or arXiv links, one per line)</label>
      <textarea id="assign-ids" name="ids" rows={3} required maxlength={20000} {...fieldAria(form?.failed === true, 'assign-notice')}>
        {form?.ids ?? ''}
      </textarea>
    </PostForm>
  );
}
