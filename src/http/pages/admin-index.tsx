/**
 * The admin index (`/admin`): what a site administrator has, one line each. Behind the admin
 * password without an administrator's session, it offers ingestion only, since the other pages
 * act as a signed-in account.
 */
import { Layout } from './layout.tsx';
import type { Site } from './site.ts';

const SECTIONS = [
  { href: '/admin/ingest', label: 'Ingestion', line: "Each source's checkpoint, the schedule's next runs and the latest runs with their counts and errors.", password: true },
  { href: '/admin/users', label: 'Users', line: 'Every account: search, filter by role or status, change roles, ban or unban, delete.', password: false },
  { href: '/moderation', label: 'Moderation', line: 'Ban accounts, hidden papers and comments, banned accounts, and the audit log of what staff did.', password: false },
  { href: '/claims', label: 'Claims', line: 'Authorship claims waiting for approval.', password: false },
  { href: '/orgs', label: 'Organizations', line: 'Create organization pages; on each, assign papers and invite members.', password: false },
];

/** The admin index; `signedIn` is false behind the admin password. */
export function AdminIndexView(props: { site: Site; signedIn: boolean }) {
  const sections = SECTIONS.filter((s) => props.signedIn || s.password);
  return (
    <Layout site={props.site} title="Admin">
      <div class="admin admin-index">
        <h1>Admin</h1>
        <ul class="admin-sections">
          {sections.map((s) => (
            <li>
              <a href={s.href}>{s.label}</a>
              <p>{s.line}</p>
            </li>
          ))}
        </ul>
        {props.signedIn ? null : <p class="muted">Sign in as an administrator for users, moderation, claims and organizations.</p>}
      </div>
    </Layout>
  );
}
