/**
 * `paperboy org`: manage organizations from the server's shell, with an administrator's rights.
 * `org create HANDLE "Name"`, `org assign HANDLE PAPER_ID...`, `org add-member HANDLE @USER|EMAIL [--admin]`,
 * `org remove-member HANDLE @USER|EMAIL`. Unlike the site's invitations, add-member adds at once:
 * it is for an administrator acting on the member's own request.
 */
import type { Command } from 'commander';
import { addOrgMember, assignOrgPapers, createOrganization, removeOrgMember } from '../actions/organizations.ts';
import { notFound } from '../core/errors.ts';
import { findUserByEmail } from '../db/users.ts';
import { openRuntime, type Runtime } from './runtime.ts';

/** The @handle of an account named by @handle or by email address (not found: a 404 naming it). */
async function handleOf(rt: Runtime, member: string): Promise<string> {
  const text = member.trim();
  if (text.startsWith('@') || !text.includes('@')) return text;
  const found = await findUserByEmail(rt.database.db, text.toLowerCase());
  if (!found) throw notFound(`No account uses the address ${text.slice(0, 254)}.`);
  return `@${found.user.handle}`;
}

/** Registers the org command and its subcommands. */
export function registerOrg(program: Command): void {
  const org = program.command('org').description('create organizations, assign papers to them, and add or remove members');
  org
    .command('create <handle> <name>')
    .description('create an organization (handle: lower-case letters, digits, dashes)')
    .option('--description <text>', 'a short description', '')
    .action(async (handle: string, name: string, opts: { description: string }) => {
      const rt = await openRuntime();
      try {
        const o = await createOrganization(rt.database.db, 'cli', { handle, name, description: opts.description }, new Date());
        process.stdout.write(`Created ${o.name} (/orgs/${o.handle})\n`);
      } finally {
        await rt.close();
      }
    });
  org
    .command('assign <handle> <paperIds...>')
    .description('assign papers (ids, arXiv ids or arxiv.org links) to an organization')
    .action(async (handle: string, paperIds: string[]) => {
      const rt = await openRuntime();
      try {
        const { assigned, notFound: missing } = await assignOrgPapers(rt.database.db, 'cli', handle, paperIds, new Date());
        process.stdout.write(`Assigned ${assigned} of ${paperIds.length} paper${paperIds.length === 1 ? '' : 's'} to @${handle.toLowerCase()}\n`);
        if (missing.length > 0) process.stderr.write(`not found: ${missing.join(', ')}\n`);
        if (assigned < paperIds.length || missing.length > 0) process.exitCode = 3;
      } finally {
        await rt.close();
      }
    });
  org
    .command('add-member <handle> <member>')
    .description(
      'add an account (by @handle or email) to an organization at once, without the invitation the site sends: for an administrator acting on that person\'s own request (any pending invitation of theirs is answered by it)',
    )
    .option('--admin', 'make them an admin of the organization (who may invite and remove members); without it a member is added, and an admin becomes a member again, as the site\'s member form does')
    .action(async (handle: string, member: string, opts: { admin?: boolean }) => {
      const rt = await openRuntime();
      try {
        const { user, role, was } = await addOrgMember(rt.database.db, 'cli', handle, { member, role: opts.admin ? 'admin' : 'member' }, new Date());
        const org = `@${handle.toLowerCase()}`;
        const an = (r: string) => (r === 'admin' ? 'an admin' : 'a member');
        process.stdout.write(
          was ? `@${user.handle} is now ${an(role)} of ${org} (was ${an(was)})\n` : `Added ${user.name} <${user.email}> to ${org}${role === 'admin' ? ' as an admin' : ''}\n`,
        );
      } finally {
        await rt.close();
      }
    });
  org
    .command('remove-member <handle> <member>')
    .description('take an account (by @handle or email) off an organization')
    .action(async (handle: string, member: string) => {
      const rt = await openRuntime();
      try {
        // The command line acts as a site admin, who names members by email as add-member does.
        const memberHandle = await handleOf(rt, member);
        await removeOrgMember(rt.database.db, 'cli', handle, memberHandle, new Date());
        process.stdout.write(`Took @${memberHandle.replace(/^@/, '')} off @${handle.toLowerCase()}\n`);
      } finally {
        await rt.close();
      }
    });
}
