// Sequences of serial columns moved past rows written with explicit ids (as a copy writes them).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../../test/databases.ts';
import { resetSequences } from './pg-sequences.ts';

describe.runIf(DIALECTS.includes('postgres'))('resetSequences', () => {
  it('makes the next default id follow the highest one written', async () => {
    const d = await createTestDatabase('postgres');
    try {
      await sql`create table notes (id serial primary key, body text not null)`.execute(d.db);
      await sql`insert into notes (id, body) values (7, 'copied')`.execute(d.db);
      expect(await resetSequences(d.db, d.pgSchema as string)).toBe(1);
      const { rows } = await sql<{ id: number }>`insert into notes (body) values ('new') returning id`.execute(d.db);
      expect(rows[0]?.id).toBe(8);
    } finally {
      await d.drop();
    }
  });
});
