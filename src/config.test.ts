// Configuration rules between options: a digest's lease must outlast a send that hangs. The
// placeholder contact address is told apart from a real one; a secret file that cannot be read or a
// DATABASE_URL no store can open is named.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, contactWarning, loadConfig, mailWarnings, mistypedSettings, OPTIONS, PLACEHOLDER_CONTACT, proxyWarning } from './config.ts';

describe('config', () => {
  it('defaults leave a digest lease well above the SMTP timeout', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ digestLeaseSeconds: 300, smtpTimeoutSeconds: 60 });
  });

  it('refuses a digest lease shorter than twice the SMTP timeout', () => {
    expect(() => loadConfig({ DIGEST_LEASE_SECONDS: '60' })).toThrow(ConfigError);
    expect(() => loadConfig({ DIGEST_LEASE_SECONDS: '60' })).toThrow(/DIGEST_LEASE_SECONDS=60: must be at least twice SMTP_TIMEOUT_SECONDS \(60\)/);
    expect(() => loadConfig({ DIGEST_LEASE_SECONDS: '100', SMTP_TIMEOUT_SECONDS: '60' })).toThrow(ConfigError);
    expect(loadConfig({ DIGEST_LEASE_SECONDS: '8', SMTP_TIMEOUT_SECONDS: '4' })).toMatchObject({ digestLeaseSeconds: 8, smtpTimeoutSeconds: 4 });
    expect(() => loadConfig({ SMTP_TIMEOUT_SECONDS: '0' })).toThrow(ConfigError);
  });

  it('warns when forwarded headers are believed from every interface, not when the proxy alone can reach the port', () => {
    expect(proxyWarning(loadConfig({}))).toBeUndefined();
    expect(proxyWarning(loadConfig({ TRUST_PROXY: '1' }))).toMatch(/^TRUST_PROXY=1 with HOST=0\.0\.0\.0: clients that reach port 8080 directly can set X-Forwarded-For .* set HOST=127\.0\.0\.1/);
    expect(proxyWarning(loadConfig({ TRUST_PROXY: '1', HOST: '127.0.0.1' }))).toBeUndefined();
    expect(proxyWarning(loadConfig({ TRUST_PROXY: '0', HOST: '0.0.0.0' }))).toBeUndefined();
  });

  it('refuses a malformed value in plain words that state the allowed form or range', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'abc' }, 'PORT=abc: must be a whole number from 0 to 65535'],
      [{ PORT: '70000' }, 'PORT=70000: must be a whole number from 0 to 65535'],
      [{ SMTP_TIMEOUT_SECONDS: '0.5' }, 'SMTP_TIMEOUT_SECONDS=0.5: must be a whole number from 1 to 600'],
      [{ SMTP_TIMEOUT_SECONDS: '0' }, 'SMTP_TIMEOUT_SECONDS=0: must be a whole number from 1 to 600'],
      [{ PAGE_SIZE: '101' }, 'PAGE_SIZE=101: must be a whole number from 1 to 100'],
      [{ SEARCH_SYNC_SECONDS: 'often' }, 'SEARCH_SYNC_SECONDS=often: must be a whole number of at least 1'],
      [{ SEARCH_RATE_LIMIT: '-1' }, 'SEARCH_RATE_LIMIT=-1: must be a whole number of at least 0'],
      [{ HF_MIN_INTERVAL_MS: '100' }, 'HF_MIN_INTERVAL_MS=100: must be at least 300: Hugging Face allows at most one request every 300 ms'],
      [{ ARXIV_MIN_INTERVAL_MS: 'x' }, 'ARXIV_MIN_INTERVAL_MS=x: must be a whole number of at least 3000'],
      [{ SAMPLE_DATA: 'yes' }, 'SAMPLE_DATA=yes: must be 1 (or true) or 0 (or false)'],
      [{ PUBLIC_URL: 'example.org' }, 'PUBLIC_URL=example.org: must be an absolute URL such as https://example.org'],
      [{ CONTACT_EMAIL: 'me' }, 'CONTACT_EMAIL=me: must be an email address such as you@example.org'],
      [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL=verbose: must be fatal, error, warn, info, debug, trace or silent'],
      [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD=***: must be at least 8 characters'],
    ];
    for (const [env, message] of cases) expect(() => loadConfig(env), message).toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const ok = loadConfig({ PORT: ' 8081 ', SMTP_TIMEOUT_SECONDS: '600', DIGEST_LEASE_SECONDS: '1200', PAGE_SIZE: '100', SAMPLE_DATA: 'false' });
    expect([ok.port, ok.smtpTimeoutSeconds, ok.pageSize, ok.sampleData]).toEqual([8081, 600, 100, false]);
  });

  it('names the variable when a secret file cannot be read, and refuses a DATABASE_URL no store can open', () => {
    expect(() => loadConfig({ DATABASE_URL_FILE: '/nonexistent/db-url' })).toThrow(/^DATABASE_URL_FILE=\/nonexistent\/db-url: cannot read it \(no such file\)$/);
    expect(() => loadConfig({ SMTP_URL_FILE: tmpdir() })).toThrow(/^SMTP_URL_FILE=.*: cannot read it \(a directory, not a file\)$/);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pb-secret-')), 'url');
    writeFileSync(file, 'postgres://u:p@db.example.org/papers\n');
    expect(loadConfig({ DATABASE_URL_FILE: file }).databaseUrl).toBe('postgres://u:p@db.example.org/papers');
    // A variable and its file both set: refused, whether or not the file exists, for every secret.
    for (const [name, value] of [['DATABASE_URL', 'sqlite:x.db'], ['SMTP_URL', 'smtp://mail.example.org'], ['SECRET_KEY', 'k'.repeat(40)], ['ADMIN_PASSWORD', 'a long password']] as const) {
      for (const named of [file, '/nonexistent/secret']) {
        expect(() => loadConfig({ [name]: value, [`${name}_FILE`]: named })).toThrow(`${name} and ${name}_FILE are both set: set only one of them (${name}_FILE names a file holding the value)`);
      }
    }
    expect(loadConfig({ DATABASE_URL: '', DATABASE_URL_FILE: file }).databaseUrl).toBe('postgres://u:p@db.example.org/papers');
    for (const bad of ['mysql://x/y', '/tmp/x.db', 'data/paperboy.db']) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(`DATABASE_URL=${bad}: expected sqlite:PATH (e.g. sqlite:data/paperboy.db) or postgres://user:pass@host/db`);
    }
    // The password of a mistyped URL is not shown.
    expect(() => loadConfig({ DATABASE_URL: 'postgress://admin:S3cretPW@db.example.org/paperboy' })).toThrow(/^DATABASE_URL=postgress:\/\/admin:\*\*\*@db\.example\.org\/paperboy: expected/);
    for (const good of ['sqlite:data/x.db', 'sqlite:/abs/x.db', 'postgres://h/db', 'postgresql://h/db']) expect(loadConfig({ DATABASE_URL: good }).databaseUrl).toBe(good);
  });

  it('refuses a schedule or time zone the scheduler cannot use, naming the variable, before anything starts', () => {
    expect(() => loadConfig({ INGEST_HF_CRON: 'bogus cron' })).toThrow(/^INGEST_HF_CRON=bogus cron: expected a cron pattern such as "30 0 \* \* 1-5"/);
    expect(() => loadConfig({ INGEST_ARXIV_CRON: '61 0 * * *' })).toThrow(/^INGEST_ARXIV_CRON=61 0 \* \* \*: expected a cron pattern/);
    expect(() => loadConfig({ DIGEST_CRON: '* * *' })).toThrow(/^DIGEST_CRON=\* \* \*: expected a cron pattern/);
    expect(() => loadConfig({ INGEST_TIMEZONE: 'Mars/Base' })).toThrow(/^INGEST_TIMEZONE=Mars\/Base: expected an IANA time zone/);
    expect(loadConfig({ INGEST_HF_CRON: '0 6 * * MON-FRI', INGEST_TIMEZONE: 'Europe/Paris' })).toMatchObject({ ingestHfCron: '0 6 * * MON-FRI', ingestTimezone: 'Europe/Paris' });
  });

  it('refuses categories arXiv does not have, naming the variable and the closest category', () => {
    expect(() => loadConfig({ INGEST_CATEGORIES: 'cs.LG,hep-thx' })).toThrow(
      new ConfigError('INGEST_CATEGORIES=cs.LG,hep-thx: unknown arXiv category hep-thx (did you mean hep-th?); see https://arxiv.org/category_taxonomy'),
    );
    expect(() => loadConfig({ INGEST_CATEGORIES: 'cs.FOO,cs.LG' })).toThrow(/^INGEST_CATEGORIES=cs\.FOO,cs\.LG: unknown arXiv category cs\.FOO;/);
    expect(loadConfig({ INGEST_CATEGORIES: 'cs,hep-th,stat.ML' }).ingestCategories).toBe('cs,hep-th,stat.ML');
  });

  it('warns when real mail would link to localhost or come from a localhost sender', () => {
    expect(mailWarnings(loadConfig({}))).toEqual([]);
    const bare = mailWarnings(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' }));
    expect(bare).toHaveLength(2);
    expect(bare[0]).toMatch(/^set PUBLIC_URL .* mails link to http:\/\/localhost:8080 until then/);
    expect(bare[1]).toMatch(/^set MAIL_FROM .* mail from Paperboy <paperboy@localhost> is often refused/);
    expect(mailWarnings(loadConfig({ SMTP_URL: 'smtp://mail.example.org', PUBLIC_URL: 'http://127.0.0.1:8080' }))[0]).toMatch(/^set PUBLIC_URL/);
    expect(mailWarnings(loadConfig({ SMTP_URL: 'smtp://mail.example.org', PUBLIC_URL: 'https://papers.example.org', MAIL_FROM: 'Papers <papers@example.org>' }))).toEqual([]);
  });

  it('names variables that look like mistyped settings, and what they were meant to be', () => {
    const env = { DATABSE_URL: 'postgres://x', SMTP_URI: 'smtp://x', public_url: 'https://x', DATABASE_URL: 'sqlite:x', SMTP_PASSWORD_FILE: '/x', HOME: '/root', TEST_DATABASE_URL: 'postgres://y', HOSTNAME: 'vm' };
    expect(mistypedSettings(env)).toEqual([
      { name: 'DATABSE_URL', meant: 'DATABASE_URL' },
      { name: 'SMTP_URI', meant: 'SMTP_URL' },
      { name: 'public_url', meant: 'PUBLIC_URL' },
    ]);
    expect(mistypedSettings({ SMTP_URL_FILE: '/run/secrets/smtp', PORT: '1' })).toEqual([]);
  });

  it('warns, naming CONTACT_EMAIL, while the contact address is the placeholder', () => {
    expect(loadConfig({}).contactEmail).toBe(PLACEHOLDER_CONTACT);
    expect(contactWarning(loadConfig({}))).toMatch(/^set CONTACT_EMAIL to an address .* placeholder paperboy-admin@localhost/);
    expect(contactWarning(loadConfig({ CONTACT_EMAIL: 'admin@example.org' }))).toBeUndefined();
  });

  it('describes options with commands that exist (`paperboy config` prints these lines)', () => {
    const commands = new Set(['serve', 'paperboy digest send']);
    for (const spec of Object.values(OPTIONS)) {
      for (const [, named] of spec.description.matchAll(/`([^`]+)`/g)) expect(commands, `${spec.env}: ${named}`).toContain(named);
    }
    expect(OPTIONS.sampleData.description).toContain('`serve`');
  });
});
