import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { type BuiltUser, buildUser } from '../../test/factories.ts';
import { type TestServer, getTestServer } from '../../test/server.ts';
import { usePlainIssueMessages } from './zod-messages.ts';

const firstMessage = (schema: z.ZodType, value: unknown): string => {
  const result = schema.safeParse(value);
  assert.ok(!result.success, 'the value is refused');
  return result.error.issues[0]?.message ?? '';
};

describe('plain validation messages', () => {
  before(() => usePlainIssueMessages());

  it('says in plain words what the validator found, for each kind of issue', () => {
    const cases: [z.ZodType, unknown, string][] = [
      [z.object({ reason: z.string() }), {}, 'Required.'],
      [z.coerce.number().int().positive(), 'abc', 'Must be a number.'],
      [z.number().int(), 1.5, 'Must be a whole number.'],
      [z.string(), 5, 'Must be text.'],
      [z.string().min(1), '', 'Must not be empty.'],
      [z.string().max(3), 'abcd', 'Must be at most 3 characters long.'],
      [z.number().positive(), 0, 'Must be more than 0.'],
      [z.number().min(0).max(100), 101, 'Must be 100 or less.'],
      [z.array(z.number()).min(1), [], 'Must have at least one item.'],
      [z.enum(['pass', 'fail', 'na']), 'maybe', 'Must be one of: "pass", "fail", "na".'],
      [z.strictObject({ a: z.number() }), { a: 1, b: 2 }, 'Unknown field: b.'],
      [z.string().email(), 'x', 'Must be a valid email.'],
      [z.string().regex(/^\d{4}-\d{2}$/), '2026', 'Has the wrong format.'],
    ];
    for (const [schema, value, expected] of cases) {
      const message = firstMessage(schema, value);
      assert.equal(message, expected, `${JSON.stringify(value)}`);
      assert.doesNotMatch(message, /Too small|Too big|Invalid input|expected|received/);
    }
  });

  it('keeps a message the schema gives itself', () => {
    assert.equal(firstMessage(z.string().min(1, 'say why'), ''), 'say why');
    assert.equal(firstMessage(z.string({ error: 'a name, please' }), 5), 'a name, please');
  });
});

describe('plain validation messages in API answers', () => {
  let server: TestServer;
  let agent: BuiltUser;

  before(async () => {
    server = await getTestServer();
    agent = await buildUser(server.database.db, { roles: ['agent'] });
  });
  after(() => server.close());

  it('answers a non-numeric id and an empty dispute reason in plain words', async () => {
    const byId = await server.request('GET', '/api/v1/evaluations/abc', { as: agent.id });
    assert.equal(byId.status, 400, byId.text);
    assert.equal(byId.body.error?.message, 'Invalid request. id: Must be a number.');

    const dispute = await server.request('POST', '/api/v1/evaluations/1/disputes', {
      as: agent.id,
      body: { reason: '' },
    });
    assert.equal(dispute.status, 400, dispute.text);
    assert.match(dispute.body.error?.message ?? '', /^Invalid request\. reason: Must not be empty\.$/);
  });
});
