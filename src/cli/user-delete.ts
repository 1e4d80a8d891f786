/**
 * `paperboy user delete EMAIL|@handle [--yes]`: deletes an account for a deletion request received
 * by mail, as the site's administrator (recorded in the audit log as the command line). Without
 * --yes it asks on a terminal for the handle, and refuses elsewhere (exit 2, nothing done).
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { accountNamed, deleteAccountAsAdmin } from '../actions/delete-account.ts';
import { badRequest } from '../core/errors.ts';
import { openRuntime } from './runtime.ts';

/** Asks on the terminal for the handle; true when it was typed back. */
async function confirmed(handle: string, email: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Delete the account @${handle} <${email}> for good? Type its handle to confirm: `);
    return answer.trim().replace(/^@/, '') === handle;
  } finally {
    rl.close();
  }
}

/** Registers `user delete` under the `user` command. */
export function registerUserDelete(user: Command): void {
  user
    .command('delete')
    .description('delete an account (by email or @handle): votes, comments, collections and the rest, as its owner would')
    .argument('<account>', 'the account: its email address or @handle')
    .option('--yes', 'do not ask')
    .action(async (account: string, opts: { yes?: boolean }) => {
      const rt = await openRuntime({ existing: true });
      try {
        const db = rt.database.db;
        const target = await accountNamed(db, account);
        if (!opts.yes) {
          if (!process.stdin.isTTY) throw badRequest('usage', `add --yes to delete @${target.handle} without being asked (nothing was deleted)`);
          if (!(await confirmed(target.handle, target.email))) throw badRequest('usage', 'the handle did not match: nothing was deleted');
        }
        const deleted = await deleteAccountAsAdmin(db, 'cli', `@${target.handle}`, new Date());
        process.stdout.write(`Deleted the account @${deleted.handle} (${deleted.email}); the handle stays reserved.\n`);
      } finally {
        await rt.close();
      }
    });
}
