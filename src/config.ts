/**
 * Configuration: the only reader of process.env. Every option lives in one table with its
 * default, description and whether it is secret; values are validated once and frozen.
 * A secret may also come from a file named by OPTION_FILE (for container secrets).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { unknownCategoriesMessage } from './core/arxiv-taxonomy.ts';
import { closestName } from './core/closest-name.ts';
import { isValidTimeZone } from './core/digest-period.ts';
import { redactUrl } from './core/redact-url.ts';

interface OptionSpec<T> {
  env: string;
  description: string;
  schema: z.ZodType<T>;
  secret?: boolean;
}

/** CONTACT_EMAIL's default: a fresh install works, but nobody can be reached at it (see contactWarning). */
export const PLACEHOLDER_CONTACT = 'paperboy-admin@localhost';

/**
 * A whole number from min (to max), refused in plain words that state the allowed range
 * ("must be a whole number from 1 to 600") rather than in the validator's; `low` words the
 * refusal of a number below min when it has a reason of its own.
 */
function wholeNumber(min: number, max?: number, low?: string) {
  const message = `must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`;
  return z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, message)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, low ?? message)
        .max(max ?? Number.MAX_SAFE_INTEGER, message),
    );
}

/** A switch: 1 or true, 0 or false (on by default). */
const onOff = z
  .enum(['0', '1', 'true', 'false'], 'must be 1 (or true) or 0 (or false)')
  .default('1')
  .transform((v) => v === '1' || v === 'true');
const absoluteUrl = z.url('must be an absolute URL such as https://example.org');
const port = wholeNumber(0, 65535);
const positiveInt = wholeNumber(1);
/** A cron pattern the scheduler can run: refused here, by name, rather than when `serve` starts its jobs. */
const cronPattern = z.string().superRefine((v, ctx) => {
  try {
    new Cron(v, { paused: true });
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^CronPattern: /, '') : String(err);
    ctx.addIssue({ code: 'custom', message: `expected a cron pattern such as "30 0 * * 1-5" (minute hour day month weekday): ${why}` });
  }
});
const timeZone = z.string().refine(isValidTimeZone, 'expected an IANA time zone such as America/New_York or UTC');

/** Every option Paperboy reads, in one place. `paperboy config` prints this table. */
export const OPTIONS = {
  port: { env: 'PORT', description: 'HTTP port the web server listens on', schema: port.default(8080) },
  host: { env: 'HOST', description: 'Interface the web server binds to', schema: z.string().default('0.0.0.0') },
  databaseUrl: {
    env: 'DATABASE_URL',
    description: 'Store of record: sqlite:PATH (default ./data/paperboy.db) or postgres://user:pass@host/db',
    schema: z
      .string()
      .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'expected sqlite:PATH (e.g. sqlite:data/paperboy.db) or postgres://user:pass@host/db')
      .default('sqlite:' + path.join('data', 'paperboy.db')),
    secret: true,
  },
  databaseSchema: {
    env: 'DATABASE_SCHEMA',
    description: "PostgreSQL schema for Paperboy's tables (to share a database with other applications)",
    schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier').default('public'),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    description: 'Log level: fatal, error, warn, info, debug, trace or silent',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be fatal, error, warn, info, debug, trace or silent').default('info'),
  },
  publicUrl: {
    env: 'PUBLIC_URL',
    description: 'Public URL of the site, used in absolute links (defaults to http://localhost:PORT)',
    schema: absoluteUrl.optional(),
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    description:
      'Reverse proxies in front of Paperboy whose X-Forwarded-For and X-Forwarded-Proto headers are believed: 0 (off) uses the socket address, 1 (or true) one proxy such as nginx, N a chain of N',
    schema: z
      .string()
      .regex(/^(\d{1,2}|true|false)$/, 'expected 0, 1, a number of proxies, true or false')
      .default('0')
      .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  },
  siteName: { env: 'SITE_NAME', description: 'Name shown in the header and page titles', schema: z.string().default('Paperboy') },
  sampleData: {
    env: 'SAMPLE_DATA',
    description: 'Load the bundled sample corpus when `serve` finds an empty store (1/0)',
    schema: onOff,
  },
  searchSnapshot: {
    env: 'SEARCH_SNAPSHOT',
    description:
      'File that keeps the search index between runs, so a restart or a CLI search skips the full build: auto (beside the SQLite file, or under ./data for PostgreSQL), off, or a path',
    schema: z.string().min(1).default('auto'),
  },
  searchSyncSeconds: {
    env: 'SEARCH_SYNC_SECONDS',
    description: 'How often a running server picks up papers written by other processes into its search index',
    schema: positiveInt.default(5),
  },
  pageSize: { env: 'PAGE_SIZE', description: 'Papers per page in feeds and search results', schema: wholeNumber(1, 100).default(30) },
  searchRateLimit: {
    env: 'SEARCH_RATE_LIMIT',
    description: 'Searches a minute per client address on each node (pages, API, search feeds); 0 for no limit',
    schema: wholeNumber(0).default(120),
  },
  contactEmail: {
    env: 'CONTACT_EMAIL',
    description: 'Contact address sent in the User-Agent of requests to arXiv and Hugging Face (their rules ask for one)',
    schema: z.email('must be an email address such as you@example.org').default(PLACEHOLDER_CONTACT),
  },
  hfBaseUrl: { env: 'HF_BASE_URL', description: "Hugging Face's base URL for /api/daily_papers", schema: absoluteUrl.default('https://huggingface.co') },
  hfMinIntervalMs: {
    env: 'HF_MIN_INTERVAL_MS',
    description: 'Least time between two requests to Hugging Face (its API allows no faster than 300 ms)',
    schema: wholeNumber(300, undefined, 'must be at least 300: Hugging Face allows at most one request every 300 ms').default(1000),
  },
  arxivOaiUrl: { env: 'ARXIV_OAI_URL', description: "arXiv's OAI-PMH endpoint", schema: absoluteUrl.default('https://oaipmh.arxiv.org/oai') },
  arxivApiUrl: { env: 'ARXIV_API_URL', description: "arXiv's query API endpoint", schema: absoluteUrl.default('https://export.arxiv.org/api/query') },
  arxivRssUrl: { env: 'ARXIV_RSS_URL', description: "arXiv's announcement feed base (CATS is appended)", schema: absoluteUrl.default('https://rss.arxiv.org/atom') },
  arxivMinIntervalMs: {
    env: 'ARXIV_MIN_INTERVAL_MS',
    description: 'Least time between two requests to arXiv (its rules: one every 3 seconds, so no less than 3000)',
    schema: wholeNumber(3000, undefined, 'must be at least 3000: arXiv allows at most one request every 3 seconds').default(3000),
  },
  ingestCategories: {
    env: 'INGEST_CATEGORIES',
    description: 'arXiv categories the scheduled ingestion follows (comma-separated)',
    schema: z
      .string()
      .regex(/^[a-zA-Z-]+(\.[a-zA-Z-]+)?(,[a-zA-Z-]+(\.[a-zA-Z-]+)?)*$/, 'expected categories like cs.LG,cs.CL')
      .superRefine((v, ctx) => {
        const unknown = unknownCategoriesMessage(v.split(','));
        if (unknown) ctx.addIssue({ code: 'custom', message: unknown });
      })
      .default('cs.AI,cs.CL,cs.CV,cs.LG'),
  },
  ingestSchedule: {
    env: 'INGEST_SCHEDULE',
    description: 'Run ingestion on a schedule inside `serve` (1/0)',
    schema: onOff,
  },
  ingestArxivCron: {
    env: 'INGEST_ARXIV_CRON',
    description:
      'When to harvest arXiv (cron, in INGEST_TIMEZONE): arXiv announces at 20:00 ET Sunday to Thursday and rss.arxiv.org has the announcement around midnight ET, so by default 00:30 ET Monday to Friday',
    schema: cronPattern.default('30 0 * * 1-5'),
  },
  ingestHfCron: {
    env: 'INGEST_HF_CRON',
    description:
      "When to refresh Hugging Face's daily papers (cron, in INGEST_TIMEZONE): every day since the last run, at least yesterday and today, and the past week on the first run of a UTC day",
    schema: cronPattern.default('15 */2 * * *'),
  },
  ingestTimezone: { env: 'INGEST_TIMEZONE', description: 'Time zone of the ingestion schedule', schema: timeZone.default('America/New_York') },
  secretKey: {
    env: 'SECRET_KEY',
    description: 'Key that signs tokens in links and cookies; by default one is generated and kept in the database',
    schema: z.string().min(32, 'use at least 32 characters').optional(),
    secret: true,
  },
  smtpUrl: {
    env: 'SMTP_URL',
    description: 'Mail server, e.g. smtp://user:pass@host:587 (STARTTLS when offered); unset: mail is printed to the log and digests are off',
    schema: z.string().regex(/^smtps?:\/\//, 'expected smtp:// or smtps://').optional(),
    secret: true,
  },
  smtpTimeoutSeconds: {
    env: 'SMTP_TIMEOUT_SECONDS',
    description: 'Longest wait for the mail server to connect, greet or answer; a send that hangs fails after it',
    schema: wholeNumber(1, 600).default(60),
  },
  digestSchedule: {
    env: 'DIGEST_SCHEDULE',
    description: 'Send due email digests and reply mails from inside `serve` (1/0); `paperboy digest send` does the same from cron',
    schema: onOff,
  },
  digestLeaseSeconds: {
    env: 'DIGEST_LEASE_SECONDS',
    description: 'How long a sender holds a digest it is sending; a crashed sender\'s digests are taken over after it (at least twice SMTP_TIMEOUT_SECONDS)',
    schema: positiveInt.default(300),
  },
  digestCron: { env: 'DIGEST_CRON', description: 'How often `serve` looks for due digests (cron, UTC)', schema: cronPattern.default('*/5 * * * *') },
  mailFrom: { env: 'MAIL_FROM', description: 'Sender of every mail', schema: z.string().default('Paperboy <paperboy@localhost>') },
  adminPassword: {
    env: 'ADMIN_PASSWORD',
    description: 'Password (user "admin") of /admin and /admin/ingest for those not signed in as an administrator; unset, only administrators see them',
    schema: z.string().min(8, 'must be at least 8 characters').optional(),
    secret: true,
  },
} satisfies Record<string, OptionSpec<unknown>>;

/** Secrets that are URLs: shown (in `config`, in errors) without their credentials rather than hidden. */
const URL_SECRETS: ReadonlySet<string> = new Set([OPTIONS.databaseUrl.env, OPTIONS.smtpUrl.env]);

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
    if (spec.secret && file && raw) {
      // Neither may win in silence: the one left unused could be the one the admin meant.
      throw new ConfigError(`${spec.env} and ${spec.env}_FILE are both set: set only one of them (${spec.env}_FILE names a file holding the value)`);
    }
    if (!raw && spec.secret && file) raw = readSecretFile(`${spec.env}_FILE`, file);
    if (raw === '') raw = undefined;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      // A secret URL shows all but its credentials, so a mistyped scheme or host can be seen.
      const shown = !spec.secret ? raw : raw && URL_SECRETS.has(spec.env) ? redactUrl(raw) : '***';
      throw new ConfigError(`${spec.env}=${shown}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    out[key] = parsed.data;
  }
  checkTogether(out as Config);
  return Object.freeze(out) as Config;
}

/** A secret's file (OPTION_FILE), or a ConfigError naming the variable when it cannot be read. */
function readSecretFile(variable: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'a directory, not a file' : (err as Error).message;
    throw new ConfigError(`${variable}=${file}: cannot read it (${why})`);
  }
}

/**
 * Variables of an environment that look like mistyped settings ("DATABSE_URL"): each with the
 * setting it was probably meant to be. Such a typo otherwise passes unseen, and the default
 * (a new SQLite store, no mail) silently takes its place.
 */
export function mistypedSettings(env: Record<string, string | undefined> = process.env): { name: string; meant: string }[] {
  const known = new Set<string>();
  for (const spec of Object.values(OPTIONS) as OptionSpec<unknown>[]) {
    known.add(spec.env);
    if (spec.secret) known.add(`${spec.env}_FILE`);
  }
  const out: { name: string; meant: string }[] = [];
  for (const name of Object.keys(env)) {
    if (known.has(name)) continue;
    const meant = closestName(name, known);
    if (meant) out.push({ name, meant });
  }
  return out;
}

// Rules between options. A digest's lease must outlast a send that hangs (connecting, then an
// answer that never comes): a shorter one lets a second sender take the digest while the first
// may still deliver it, and the reader gets it twice.
function checkTogether(c: Config): void {
  if (c.digestLeaseSeconds < 2 * c.smtpTimeoutSeconds) {
    throw new ConfigError(
      `DIGEST_LEASE_SECONDS=${c.digestLeaseSeconds}: must be at least twice SMTP_TIMEOUT_SECONDS (${c.smtpTimeoutSeconds}), or a digest still being sent could be taken over and sent twice`,
    );
  }
}

/**
 * What to tell the admin while CONTACT_EMAIL is the placeholder (or any @localhost address, which
 * nobody outside can write to): arXiv and Hugging Face get it in every User-Agent. Undefined once set.
 */
export function contactWarning(config: Config): string | undefined {
  if (!config.contactEmail.endsWith('@localhost')) return undefined;
  return (
    `set CONTACT_EMAIL to an address where arXiv and Hugging Face can reach you: their rules ask crawlers for one, ` +
    `and requests to them carry the placeholder ${config.contactEmail} until then`
  );
}

/**
 * What to tell the admin when mail goes out for real (SMTP_URL set) with settings meant for a
 * laptop: links to http://localhost (PUBLIC_URL unset or local) that no reader can open, or a
 * sender at localhost that receiving servers refuse or file as spam. Empty when all is well.
 */
export function mailWarnings(config: Config): string[] {
  if (!config.smtpUrl) return [];
  const out: string[] = [];
  const local = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
  if (!config.publicUrl || local(new URL(config.publicUrl).hostname)) {
    out.push(`set PUBLIC_URL to the site's public address: mails link to ${config.publicUrl ?? `http://localhost:${config.port}`} until then, which readers cannot open`);
  }
  if (/@localhost>?\s*$/i.test(config.mailFrom)) out.push(`set MAIL_FROM to an address of your domain: mail from ${config.mailFrom} is often refused or filed as spam`);
  return out;
}

/**
 * What to tell the admin when TRUST_PROXY believes forwarded headers while the server listens on
 * every interface: a client that reaches the port directly, past the proxy, can then write its
 * own X-Forwarded-For and get a fresh rate-limit budget with each request.
 */
export function proxyWarning(config: Config): string | undefined {
  const loopback = config.host === '127.0.0.1' || config.host === '::1' || config.host === 'localhost';
  if (config.trustProxy === 0 || loopback) return undefined;
  return (
    `TRUST_PROXY=${config.trustProxy} with HOST=${config.host}: clients that reach port ${config.port} directly can set X-Forwarded-For ` +
    `and pass rate limits; set HOST=127.0.0.1 when the proxy runs on this machine, or firewall the port to the proxy`
  );
}

/**
 * The configuration as rows for display, secrets masked. A URL setting shows all but its
 * credentials (a sqlite: path, a host); other secrets show as ***.
 */
export function describeConfig(config: Config): { env: string; value: string; description: string }[] {
  return (Object.entries(OPTIONS) as [keyof Config, OptionSpec<unknown>][]).map(([key, spec]) => {
    const value = config[key];
    let shown = value === undefined ? '' : String(value);
    if (spec.secret && shown) shown = URL_SECRETS.has(spec.env) ? redactUrl(shown) : '***';
    return { env: spec.env, value: shown, description: spec.description };
  });
}
