/**
 * The errors of a store that are an administrator's to fix, not a bug: the server down or its host
 * unknown, a refused login, a read-only or damaged file, a full disk, a folder Paperboy may not
 * write. Each becomes one line naming the store (its URL with the password masked).
 */
import path from 'node:path';
import type { Database } from '../db/database.ts';

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused, is the server running?',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name could not be looked up (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
};

/**
 * One line for the mistakes of setting a store up or running it on a machine (the server down,
 * an unknown host, a refused login, a read-only file, a full disk, a folder it may not write),
 * naming the store; undefined for anything else, which is a bug and keeps its stack.
 */
export function storeProblem(err: unknown, store: Pick<Database, 'dialect' | 'label'> | undefined): string | undefined {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; hostname?: unknown; address?: unknown; port?: unknown; path?: unknown; syscall?: unknown; severity?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const where = !store ? 'the database' : store.dialect === 'sqlite' ? path.resolve(store.label) : store.label;
  if (NETWORK[code]) {
    if (store?.dialect === 'postgres') return `cannot connect to PostgreSQL at ${hostOf(store.label)}: ${NETWORK[code]} (DATABASE_URL=${where})`;
    const host = typeof e.hostname === 'string' ? e.hostname : typeof e.address === 'string' ? `${e.address}${e.port ? `:${String(e.port)}` : ''}` : '';
    return `cannot connect${host ? ` to ${host}` : ''}: ${NETWORK[code]}`;
  }
  // PostgreSQL's own refusals: login (28...), no such database (3D000), cannot connect now (08..., 57P03), too many connections (53...).
  if (store?.dialect === 'postgres' && typeof e.severity === 'string' && /^(28|3D|08|53|57P0)/.test(code)) {
    return `PostgreSQL at ${hostOf(store.label)} refused: ${message} (DATABASE_URL=${where})`;
  }
  if (code.startsWith('SQLITE_READONLY')) return `the database ${where} is read-only (${message}): Paperboy writes to the file and to its folder (its -wal and -shm files)`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `cannot open the database ${where} (${message}): check the path and its permissions`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `no space left for the database ${where}: ${message}`;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return `the database ${where} is damaged or not a SQLite database (${message})`;
  if (['EACCES', 'EPERM', 'EROFS'].includes(code) && typeof e.path === 'string') {
    return `cannot ${typeof e.syscall === 'string' ? e.syscall : 'write'} ${e.path}: ${code === 'EROFS' ? 'read-only file system' : 'permission denied'}`;
  }
  return undefined;
}

/** host[:port]/database of a (masked) PostgreSQL URL. */
function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return url;
  }
}
