/**
 * Recognizes a unique-index violation from either driver (PostgreSQL's 23505, SQLite's
 * SQLITE_CONSTRAINT_UNIQUE) and the column it was on, so that the loser of a race between two
 * writers of one key (a double-clicked form, two nodes) gets an answer rather than a 500.
 */

/** Whether `err` is a unique violation on `table.column`. */
export function isUniqueViolation(err: unknown, table: string, column: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; detail?: unknown; table?: unknown };
  // PostgreSQL: code 23505, the table, and a detail such as "Key (email)=(a@b.org) already exists."
  if (e.code === '23505') return e.table === table && typeof e.detail === 'string' && e.detail.startsWith(`Key (${column})=`);
  // SQLite: "UNIQUE constraint failed: users.email" (several columns are listed with ", ").
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string') {
    const columns = e.message.replace(/^UNIQUE constraint failed: /, '').split(', ');
    return columns.length === 1 && columns[0] === `${table}.${column}`;
  }
  return false;
}
