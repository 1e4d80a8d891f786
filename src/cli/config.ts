/**
 * `paperboy config`: prints every option, its current value (secrets masked) and what it does,
 * then (on stderr) any variable that looks like a mistyped option.
 */
import type { Command } from 'commander';
import { describeConfig, loadConfig, mistypedSettings } from '../config.ts';

/** Registers the config command. */
export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the configuration (environment variables), secrets masked')
    .action(() => {
      for (const row of describeConfig(loadConfig())) {
        process.stdout.write(`${row.env}=${row.value}\n    ${row.description}\n`);
      }
      for (const { name, meant } of mistypedSettings()) process.stderr.write(`paperboy: ${name} is not a Paperboy setting and is ignored: did you mean ${meant}?\n`);
    });
}
