// Opening a store: credentials never shown (see core/redact-url.test.ts), and the mistakes of naming a SQLite file (none, a
// directory, a device or pipe, a file that is not a database, one that must exist but does not) refused in one line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'paperboy-open-'));

describe('openDatabase', () => {
  it('refuses a mistyped scheme without showing the password', () => {
    expect(() => openDatabase('postgress://admin:S3cretPW@db.example.org/pb')).toThrow('DATABASE_URL must start with sqlite: or postgres://, got "postgress://admin:***@db.example.org/pb"');
  });

  it('refuses a sqlite: URL that names no file', () => {
    for (const url of ['sqlite:', 'sqlite://', `sqlite:${dir}/`]) expect(() => openDatabase(url), url).toThrow(/names no database file: give sqlite:PATH/);
  });

  it('refuses to create a store that must exist, and creates nothing', () => {
    const file = path.join(dir, 'missing', 'paperboy.db');
    expect(() => openDatabase(`sqlite:${file}`, { mustExist: true })).toThrow(`no Paperboy database at ${file} (set DATABASE_URL, or run where \`npm start\` created ./data)`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('says in one line when the path is a directory, not a database, or blocked by a file', () => {
    const folder = path.join(dir, 'folder.db');
    mkdirSync(folder);
    expect(() => openDatabase(`sqlite:${folder}`)).toThrow(`cannot open the database ${folder}: it is a directory, not a database file (DATABASE_URL=sqlite:${folder})`);
    const text = path.join(dir, 'notes.db');
    writeFileSync(text, 'hello, this is not a database\n'.repeat(10));
    expect(() => openDatabase(`sqlite:${text}`)).toThrow(`cannot open the database ${text}: it is not a SQLite database`);
    expect(() => openDatabase(`sqlite:${text}/inner.db`)).toThrow(`cannot create the folder ${text} for the database ${text}/inner.db: a file is in the way of the path`);
  });

  it('refuses a device or a pipe before writing to it (a disk named by mistake would be overwritten)', () => {
    const pipe = path.join(dir, 'pipe.db');
    execFileSync('mkfifo', [pipe]);
    for (const file of ['/dev/null', pipe]) expect(() => openDatabase(`sqlite:${file}`), file).toThrow(`cannot open the database ${file}: it is not a regular file (a device, a pipe or a socket)`);
  });
});
