import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.ts';
import { openTestDatabase } from '../../test/test-db.ts';
import {
  buildGeneratedCenter,
  buildGeneratedInteractions,
  buildInteraction,
  buildUser,
  generatedName,
  generatedTranscript,
} from '../../test/factories.ts';
import { ZTranscript } from '../../../shared/schemas/interaction.ts';

describe('test factories on the generator', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('give Chinese names with a free pinyin username', () => {
    const a = generatedName(3);
    assert.match(a.displayName, /^[\u4e00-\u9fff]{2,4}$/);
    assert.match(a.username, /^[a-z]+\.[0-9a-f]{8}$/);
    assert.equal(generatedName(3).displayName, a.displayName);
  });

  it('give transcripts the import accepts, with the traits they were built to have', async () => {
    const sloppy = Array.from({ length: 40 }, (_, i) => generatedTranscript({ seed: i, discipline: 0.4 }));
    for (const { turns } of sloppy) assert.ok(ZTranscript.safeParse(turns).success);
    assert.ok(sloppy.some((t) => !t.traits.greeting) && sloppy.some((t) => t.traits.forbidden.length > 0));
    const tidy = generatedTranscript({ seed: 1, discipline: 0.99 });
    const greeting = tidy.traits.greeting ? /您好/ : /./;
    assert.match(tidy.turns[0]?.text ?? '', greeting);
    const agent = await buildUser(database.db);
    const row = await buildInteraction(database.db, { agentId: agent.id, transcript: tidy.turns });
    const [stored] = await queryRows<{ n: number }>(
      database.db,
      sql`select jsonb_array_length(transcript)::int as n from interactions where id = ${row.id}`,
    );
    assert.equal(stored?.n, tidy.turns.length);
  });

  it('insert a generated center and its contacts', async () => {
    const built = await buildGeneratedCenter(database.db, {
      seed: 9,
      agents: 8,
      teams: 2,
      queues: 2,
      inspectors: 2,
      asOf: '2026-10-01',
    });
    assert.equal(built.teamIds.length, 2);
    const ids = await buildGeneratedInteractions(database.db, built, {
      month: '2026-10',
      days: 2,
      perAgentPerDay: 5,
      idPrefix: 'T9',
    });
    const [count] = await queryRows<{ n: number; agents: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct agent_id)::int as agents from interactions where external_id like 'T9%'`,
    );
    assert.equal(count?.n, ids.size);
    assert.ok((count?.n ?? 0) > 20, `only ${count?.n} contacts`);
    assert.ok((count?.agents ?? 0) >= 5);
  });
});
