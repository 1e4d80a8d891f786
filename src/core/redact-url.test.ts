// Credentials in database and mail server URLs, masked for messages, logs and `paperboy config`.
import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.ts';

describe('redactUrl', () => {
  it('masks a password up to the last @, and a password parameter, and nothing else', () => {
    expect(redactUrl('postgres://admin:S3cretPW@db.example.org/pb')).toBe('postgres://admin:***@db.example.org/pb');
    expect(redactUrl('smtp://user:p@ss@mail.example.org:587')).toBe('smtp://user:***@mail.example.org:587');
    expect(redactUrl('postgress://admin:S3cretPW@db')).toBe('postgress://admin:***@db');
    expect(redactUrl('postgres://db.example.org/pb?user=admin&password=S3cret&sslmode=require')).toBe('postgres://db.example.org/pb?user=admin&password=***&sslmode=require');
    expect(redactUrl('postgres://admin@db.example.org:5432/pb')).toBe('postgres://admin@db.example.org:5432/pb');
    expect(redactUrl('admin:S3cret@db.example.org')).toBe('admin:***@db.example.org');
    expect(redactUrl('sqlite:/srv/team@lab/paperboy.db')).toBe('sqlite:/srv/team@lab/paperboy.db');
  });
});
