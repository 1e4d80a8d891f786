/**
 * PostgreSQL sequences behind serial and identity columns, set past the highest value a copy
 * wrote, so that the next row a store makes itself does not collide with a copied one.
 */
import { type Kysely, sql } from 'kysely';

/** Moves every sequence of a schema's serial and identity columns past the column's maximum; returns how many. */
export async function resetSequences(db: Kysely<any>, schema: string): Promise<number> {
  const { rows } = await sql<{ table_name: string; column_name: string; seq: string | null }>`
    select table_name, column_name, pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) as seq
    from information_schema.columns
    where table_schema = ${schema} and (is_identity = 'YES' or column_default like 'nextval(%')`.execute(db);
  let reset = 0;
  for (const r of rows) {
    if (!r.seq) continue;
    const max = sql`(select coalesce(max(${sql.ref(r.column_name)}), 0) from ${sql.id(schema, r.table_name)})`;
    await sql`select setval(${r.seq}, ${max} + 1, false)`.execute(db);
    reset++;
  }
  return reset;
}
