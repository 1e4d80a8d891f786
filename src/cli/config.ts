/** `paperboy config`: prints every option, its current value (secrets masked) and what it does. */
import type { Command } from 'commander';
import { describeConfig, loadConfig } from '../config.ts';

/** Registers the config command. */
export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the configuration (environment variables), secrets masked')
    .action(() => {
      for (const row of describeConfig(loadConfig())) {
        process.stdout.write(`${row.env}=${row.value}\n    ${row.description}\n`);
      }
    });
}
