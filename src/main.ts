/**
 * Command-line entry point: `paperboy <command>`. Only builds the command table and dispatches
 * to src/cli; every command lives in its own file there.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerClaim } from './cli/claim.ts';
import { registerConfig } from './cli/config.ts';
import { registerDigest } from './cli/digest.ts';
import { EXIT_CODES_HELP } from './cli/exit-codes.ts';
import { registerImport } from './cli/import.ts';
import { registerIngest } from './cli/ingest.ts';
import { registerMigrate } from './cli/migrate.ts';
import { registerOrg } from './cli/org.ts';
import { exitWithError, quietOnClosedOutput } from './cli/runtime.ts';
import { registerSearch } from './cli/search.ts';
import { registerServe } from './cli/serve.ts';
import { registerStore } from './cli/store.ts';
import { registerUser } from './cli/user.ts';

const program = new Command('paperboy')
  .description('Paperboy: a self-hosted Daily Papers. Today\'s research papers, trending, search and a page per paper.')
  .version((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version)
  .showHelpAfterError()
  // A usage mistake (a missing argument, an unknown option) exits 2, as Paperboy's own usage
  // errors do; help and version exit 0. The message is written before this runs.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  // After the help of paperboy and of every command.
  .addHelpText('afterAll', EXIT_CODES_HELP);

registerServe(program);
registerMigrate(program);
registerImport(program);
registerIngest(program);
registerSearch(program);
registerUser(program);
registerConfig(program);
registerDigest(program);
registerOrg(program);
registerClaim(program);
registerStore(program);

quietOnClosedOutput();
program.parseAsync(process.argv).catch(exitWithError);
