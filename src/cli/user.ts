/**
 * `paperboy user create [--admin | --moderator] EMAIL` (the first admin, for one),
 * `paperboy user role EMAIL|@handle ROLE` (recorded in the audit log) and `paperboy user delete`
 * (user-delete.ts). The password is read from stdin with --password-stdin, or a strong one is
 * generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import { type Command, Option } from 'commander';
import { createUserDirect } from '../actions/accounts.ts';
import { changeRole } from '../actions/roles.ts';
import type { Role } from '../db/schema.ts';
import { openRuntime } from './runtime.ts';
import { registerUserDelete } from './user-delete.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Registers `user`. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create a confirmed account (e.g. the first admin)')
    .argument('<email>')
    .option('--name <name>', 'display name (default: the part of the address before @)')
    .addOption(new Option('--admin', 'with the admin role').conflicts('moderator'))
    .addOption(new Option('--moderator', 'with the moderator role'))
    .option('--password-stdin', 'read the password from stdin instead of generating one')
    .action(async (email: string, opts: { name?: string; admin?: boolean; moderator?: boolean; passwordStdin?: boolean }) => {
      const role: Role = opts.admin ? 'admin' : opts.moderator ? 'moderator' : 'user';
      const generated = opts.passwordStdin ? undefined : randomBytes(15).toString('base64url');
      const password = generated ?? (await readStdin());
      const rt = await openRuntime();
      try {
        const created = await createUserDirect(rt.database.db, { email, password, name: opts.name ?? email.split('@')[0], role }, new Date());
        process.stdout.write(`Created ${created.role} ${created.email} (@${created.handle}).\n`);
        if (generated) process.stdout.write(`Password: ${generated}\n(shown once; change it any time with "Forgot your password?" on the sign-in page)\n`);
      } finally {
        await rt.close();
      }
    });
  user
    .command('role')
    .description('change the role of an account (by email or @handle): user, moderator or admin')
    .argument('<account>', 'the account: its email address or @handle')
    .argument('<role>', 'user, moderator or admin')
    .action(async (account: string, role: string) => {
      const rt = await openRuntime({ existing: true });
      try {
        const { user: changed, was } = await changeRole(rt.database.db, 'cli', { who: account, role }, new Date());
        process.stdout.write(was === changed.role ? `${changed.email} already is ${changed.role}.\n` : `${changed.email} is now ${changed.role} (was ${was}).\n`);
      } finally {
        await rt.close();
      }
    });
  registerUserDelete(user);
}
