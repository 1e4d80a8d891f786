/**
 * Configuration: the only reader of process.env. Every option lives in one table with its
 * default, description and whether it is secret; values are validated once and frozen.
 * A secret may also come from a file named by OPTION_FILE (for container secrets).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

interface OptionSpec<T> {
  env: string;
  description: string;
  schema: z.ZodType<T>;
  secret?: boolean;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Every option Paperboy reads, in one place. `paperboy config` prints this table. */
export const OPTIONS = {
  port: { env: 'PORT', description: 'HTTP port the web server listens on', schema: port.default(8080) },
  host: { env: 'HOST', description: 'Interface the web server binds to', schema: z.string().default('0.0.0.0') },
  databaseUrl: {
    env: 'DATABASE_URL',
    description: 'Store of record: sqlite:PATH (default ./data/paperboy.db) or postgres://user:pass@host/db',
    schema: z.string().default('sqlite:' + path.join('data', 'paperboy.db')),
    secret: true,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    description: 'Log level: fatal, error, warn, info, debug, trace or silent',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
  publicUrl: {
    env: 'PUBLIC_URL',
    description: 'Public URL of the site, used in absolute links (defaults to http://localhost:PORT)',
    schema: z.string().url().optional(),
  },
  siteName: { env: 'SITE_NAME', description: 'Name shown in the header and page titles', schema: z.string().default('Paperboy') },
  sampleData: {
    env: 'SAMPLE_DATA',
    description: 'Load the bundled sample corpus when `start` finds an empty database (1/0)',
    schema: z.enum(['0', '1', 'true', 'false']).default('1').transform((v) => v === '1' || v === 'true'),
  },
  searchSyncSeconds: {
    env: 'SEARCH_SYNC_SECONDS',
    description: 'How often a running server picks up papers written by other processes into its search index',
    schema: positiveInt.default(5),
  },
  pageSize: { env: 'PAGE_SIZE', description: 'Papers per page in feeds and search results', schema: positiveInt.max(100).default(30) },
} satisfies Record<string, OptionSpec<unknown>>;

type Options = typeof OPTIONS;
export type Config = Readonly<{ [K in keyof Options]: z.output<Options[K]['schema']> }>;

/** Thrown when an environment variable does not validate; the CLI prints it and exits. */
export class ConfigError extends Error {}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(OPTIONS) as [string, OptionSpec<unknown>][]) {
    let raw = env[spec.env];
    const file = env[`${spec.env}_FILE`];
    if (raw === undefined && spec.secret && file) raw = readFileSync(file, 'utf8').trim();
    if (raw === '') raw = undefined;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`${spec.env}=${spec.secret ? '***' : raw}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    out[key] = parsed.data;
  }
  return Object.freeze(out) as Config;
}

/** The configuration as rows for display, secrets masked. */
export function describeConfig(config: Config): { env: string; value: string; description: string }[] {
  return (Object.entries(OPTIONS) as [keyof Config, OptionSpec<unknown>][]).map(([key, spec]) => {
    const value = config[key];
    let shown = value === undefined ? '' : String(value);
    if (spec.secret && shown) shown = shown.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
    return { env: spec.env, value: shown, description: spec.description };
  });
}
