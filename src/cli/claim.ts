/**
 * `paperboy claim list|approve|reject|revoke`: authorship claims from the server's shell. The
 * command line acts as the site (the audit log names no actor): it is how a lone administrator
 * gets their own claim decided, since on the site nobody decides on their own claim. A decision is
 * mailed to the claimant as the site mails it (through SMTP_URL, or printed to the log without it).
 */
import type { Command } from 'commander';
import { decideAuthorship, revokeAuthorship } from '../actions/claims.ts';
import { approvedClaims, pendingClaims } from '../db/claims.ts';
import { mailLater } from '../mail/background.ts';
import { createMailer } from '../mail/mailer.ts';
import { settingsSecret } from './digest-env.ts';
import { openRuntime } from './runtime.ts';

/** Registers the claim command and its subcommands. */
export function registerClaim(program: Command): void {
  const claim = program.command('claim').description('list, approve, reject or revoke authorship claims');
  claim
    .command('list')
    .description('list the pending claims (--approved: the approved ones), one a line: id, @handle, author name, paper')
    .option('--approved', 'list the approved claims instead')
    .action(async (opts: { approved?: boolean }) => {
      const rt = await openRuntime({ existing: true });
      try {
        const rows = opts.approved ? await approvedClaims(rt.database.db, 1000) : await pendingClaims(rt.database.db, 1000);
        for (const r of rows) process.stdout.write(`${r.id}\t@${r.handle}\t${r.author_name}\t${r.paper_id}\n`);
        // Said on stderr, so that stdout holds only claims, one a line, for scripts.
        if (rows.length === 0) process.stderr.write(opts.approved ? 'No approved claims.\n' : 'No pending claims.\n');
      } finally {
        await rt.close();
      }
    });
  for (const op of ['approve', 'reject', 'revoke'] as const) {
    claim
      .command(`${op} <id>`)
      .description(op === 'revoke' ? 'take back an approved claim' : `${op} a pending claim (ids from "claim list")`)
      .action(async (id: string) => {
        const rt = await openRuntime({ existing: true });
        try {
          // The claimant is mailed a decision as from the site (a revocation, as there, is not mailed).
          const later = mailLater(createMailer({ smtpUrl: rt.config.smtpUrl, from: rt.config.mailFrom, logger: rt.logger, timeoutSeconds: rt.config.smtpTimeoutSeconds }), rt.logger);
          const { baseUrl, siteName } = await settingsSecret(rt);
          const c = op === 'revoke' ? await revokeAuthorship(rt.database.db, null, id, new Date()) : await decideAuthorship(rt.database.db, null, id, op, new Date(), { mail: later, baseUrl, siteName });
          process.stdout.write(`The claim to be ${c.authorName} on ${c.paperId} is ${c.status}.\n`);
          await later.idle();
        } finally {
          await rt.close();
        }
      });
  }
}
