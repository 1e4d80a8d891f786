/**
 * Command-line entry point: `paperboy <command>`. Only builds the command table and dispatches
 * to src/cli; every command lives in its own file there.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { EXIT_CODES_HELP } from './cli/exit-codes.ts';
import { exitWithError, quietOnClosedOutput } from './cli/runtime.ts';

/**
 * The commands in the order help lists them, each loaded only when needed: a run of one command
 * imports that command's code alone (a few dozen modules instead of all of Paperboy's, the web
 * pages included), which starts it in a fraction of the time. Help, version and an unknown
 * command load them all.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => unknown>> = {
  serve: async () => (await import('./cli/serve.ts')).registerServe,
  migrate: async () => (await import('./cli/migrate.ts')).registerMigrate,
  import: async () => (await import('./cli/import.ts')).registerImport,
  ingest: async () => (await import('./cli/ingest.ts')).registerIngest,
  search: async () => (await import('./cli/search.ts')).registerSearch,
  user: async () => (await import('./cli/user.ts')).registerUser,
  config: async () => (await import('./cli/config.ts')).registerConfig,
  digest: async () => (await import('./cli/digest.ts')).registerDigest,
  org: async () => (await import('./cli/org.ts')).registerOrg,
  claim: async () => (await import('./cli/claim.ts')).registerClaim,
  store: async () => (await import('./cli/store.ts')).registerStore,
};

const program = new Command('paperboy')
  .description('Paperboy: a self-hosted Daily Papers. Today\'s research papers, trending, search and a page per paper.')
  .version((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version)
  .showHelpAfterError()
  // A usage mistake (a missing argument, an unknown option) exits 2, as Paperboy's own usage
  // errors do; help and version exit 0. The message is written before this runs.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  // After the help of paperboy and of every command.
  .addHelpText('afterAll', EXIT_CODES_HELP);

const named = process.argv[2];
const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);

quietOnClosedOutput();
program.parseAsync(process.argv).catch(exitWithError);
