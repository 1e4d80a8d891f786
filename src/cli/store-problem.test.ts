// The store errors an administrator fixes, each one line naming the store with its password
// masked; anything else (a bug) is left to keep its stack.
import { describe, expect, it } from 'vitest';
import { storeProblem } from './store-problem.ts';

const pg = { dialect: 'postgres' as const, label: 'postgres://paperboy:***@db.example.org:5433/papers' };
const lite = { dialect: 'sqlite' as const, label: '/srv/paperboy/data/paperboy.db' };
const error = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

describe('storeProblem', () => {
  it('names the PostgreSQL server that cannot be reached, or that refused', () => {
    expect(storeProblem(error('connect ECONNREFUSED 10.0.0.5:5433', { code: 'ECONNREFUSED', address: '10.0.0.5', port: 5433 }), pg)).toBe(
      'cannot connect to PostgreSQL at db.example.org:5433/papers: connection refused, is the server running? (DATABASE_URL=postgres://paperboy:***@db.example.org:5433/papers)',
    );
    expect(storeProblem(error('getaddrinfo ENOTFOUND db.example.org', { code: 'ENOTFOUND', hostname: 'db.example.org' }), pg)).toMatch(/^cannot connect to PostgreSQL at db\.example\.org:5433\/papers: unknown host/);
    expect(storeProblem(error('password authentication failed for user "paperboy"', { code: '28P01', severity: 'FATAL' }), pg)).toBe(
      'PostgreSQL at db.example.org:5433/papers refused: password authentication failed for user "paperboy" (DATABASE_URL=postgres://paperboy:***@db.example.org:5433/papers)',
    );
    expect(storeProblem(error('database "papers" does not exist', { code: '3D000', severity: 'FATAL' }), pg)).toMatch(/refused: database "papers" does not exist/);
  });

  it('names the SQLite file that is read-only, cannot be opened, or the folder it may not write', () => {
    expect(storeProblem(error('attempt to write a readonly database', { code: 'SQLITE_READONLY' }), lite)).toBe(
      'the database /srv/paperboy/data/paperboy.db is read-only (attempt to write a readonly database): Paperboy writes to the file and to its folder (its -wal and -shm files)',
    );
    expect(storeProblem(error('unable to open database file', { code: 'SQLITE_CANTOPEN' }), lite)).toMatch(/^cannot open the database \/srv\/paperboy\/data\/paperboy\.db/);
    expect(storeProblem(error("EACCES: permission denied, mkdir '/srv/paperboy/data'", { code: 'EACCES', syscall: 'mkdir', path: '/srv/paperboy/data' }), lite)).toBe('cannot mkdir /srv/paperboy/data: permission denied');
    expect(storeProblem(error('database or disk is full', { code: 'SQLITE_FULL' }), lite)).toMatch(/^no space left for the database/);
  });

  it('leaves other errors alone: they are bugs and keep their stack', () => {
    expect(storeProblem(new TypeError("Cannot read properties of undefined (reading 'id')"), lite)).toBeUndefined();
    expect(storeProblem(error('syntax error at or near "selec"', { code: '42601', severity: 'ERROR' }), pg)).toBeUndefined();
    expect(storeProblem(error('UNIQUE constraint failed: papers.id', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }), lite)).toBeUndefined();
  });
});
