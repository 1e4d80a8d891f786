/**
 * What a piece of code asks the database: the statements it runs (counted through a Kysely
 * plugin) and how each dialect plans them, so tests can check that a page reads through indexes
 * and how many queries it costs, without timing anything. PostgreSQL plans with sequential scans
 * disabled, so a plan that still scans a table found no index to use (a test table is small
 * enough that the planner would scan it anyway).
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import type { TestDatabase } from './databases.ts';

/** Runs `run` with a database that records every statement; returns its result and the statements. */
export async function recordQueries<T>(t: TestDatabase, run: (db: Kysely<DB>) => Promise<T>): Promise<{ result: T; queries: CompiledQuery[] }> {
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.push(args.node);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const result = await run(t.db.withPlugin(plugin));
  const executor = t.db.getExecutor();
  return { result, queries: nodes.map((n) => executor.compileQuery(n, { queryId: '' } as never)) };
}

/** The plan of one statement, one line per step (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). */
export async function planOf(t: TestDatabase, q: CompiledQuery): Promise<string[]> {
  if (t.dialect === 'sqlite') {
    const r = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
    return r.rows.map((row) => row.detail);
  }
  return t.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
    return r.rows.map((row) => row['QUERY PLAN']);
  });
}

/** The steps of a statement's plan that read every row of a table (a plan line naming a full scan of it). */
export async function fullScans(t: TestDatabase, q: CompiledQuery, table: string): Promise<string[]> {
  const plan = await planOf(t, q);
  const scan = t.dialect === 'sqlite' ? new RegExp(`^SCAN ${table}\\b(?! USING (COVERING )?INDEX)`) : new RegExp(`Seq Scan on ${table}\\b`);
  return plan.filter((line) => scan.test(line.trim().replace(/^[|`-]+/, '')));
}
