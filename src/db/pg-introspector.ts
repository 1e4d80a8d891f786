/**
 * A PostgreSQL dialect whose introspection sees only Paperboy's own schema. Kysely's migrator asks
 * the introspector whether its bookkeeping tables exist; Kysely's stock PostgreSQL introspector
 * answers by reading every column of every table in every schema of the database, by schema
 * name, which is slow on a shared server and fails ("schema … does not exist") when another
 * client drops a schema meanwhile. This one reads the table names of one schema, all the
 * migrator needs (columns are left empty: nothing here reads them).
 */
import { type DatabaseIntrospector, type Kysely, PostgresDialect, type PostgresDialectConfig, type SchemaMetadata, sql, type TableMetadata } from 'kysely';

class SchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;
  readonly #schema: string | undefined;
  /** Without a schema named, the connection's own: the first of its search_path that exists. */
  constructor(db: Kysely<unknown>, schema: string | undefined) {
    this.#db = db;
    this.#schema = schema;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = coalesce(${this.#schema ?? null}, current_schema())`.execute(this.#db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; kind: string; schema: string }>`
      select c.relname as name, c.relkind as kind, ns.nspname as schema
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = coalesce(${this.#schema ?? null}, current_schema()) and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.#db);
    return rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<{ tables: TableMetadata[] }> {
    return { tables: await this.getTables() };
  }
}

/** PostgresDialect with introspection limited to `schema` (by default the connection's current schema). */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  readonly #schema: string | undefined;
  constructor(config: PostgresDialectConfig, schema: string | undefined) {
    super(config);
    this.#schema = schema;
  }
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SchemaIntrospector(db, this.#schema);
  }
}
