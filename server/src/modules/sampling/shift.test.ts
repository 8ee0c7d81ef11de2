import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { countEventLoopTurns } from '../../../test/event-loop.ts';
import { buildTeamWithMembers, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { AppError } from '../../errors.ts';
import { importShifts } from './shift.service.ts';

type Shift = { id: number; agent_id: number; date: string; shift: string | null };

let server: TestServer;
let lead: number;
let leadName: string;

before(async () => {
  server = await getTestServer();
  const user = await buildUser(server.database.db, { roles: ['qa_lead'] });
  lead = user.id;
  leadName = user.username;
});
after(() => server.close());

const upload = (csv: string, as = lead) =>
  server.request('POST', '/api/v1/shifts/import', {
    as,
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });

describe('roster', () => {
  it('says how the file was read, and refuses one that is neither UTF-8 nor GB18030 (GBK)', async () => {
    const { agents } = await buildTeamWithMembers(server.database.db, 1);
    const [a] = agents;
    assert.ok(a);
    const ok = await upload(`agent,date,shift\n${a.username},2025-03-09,early\n`);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.encoding, 'utf-8');
    const bad = await server.request('POST', '/api/v1/shifts/import', {
      as: lead,
      rawBody: Uint8Array.from(Buffer.from([...Buffer.from(`agent,date,shift\n${a.username},`), 0xff, 0xfe])),
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal((bad.body.error?.details as { problem: string }[])[0]?.problem, 'not_utf8');
  });

  it('imports good rows, reports bad ones by file line, and upserts by agent + date', async () => {
    const { agents } = await buildTeamWithMembers(server.database.db, 2);
    const [a, b] = agents;
    assert.ok(a && b);
    const gone = await buildUser(server.database.db, { roles: ['agent'], active: false });
    const qa = await buildUser(server.database.db, { roles: ['qa'] });
    const mark = await lastAuditId(server.database.db);
    const csv = [
      'agent,date,shift',
      `${a.username},2026-11-02,early`,
      `${b.username.toUpperCase()},2026/11/3,late`,
      'nobody,2026-11-02,early',
      `${a.username},2026-11-31,early`,
      `${qa.username},2026-11-02,`,
      `${gone.username},2026-11-02,`,
      `${a.username},2026-11-02,late`,
      '',
      `${b.username},2026-11-02`,
    ].join('\n');
    const res = await upload(csv);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.imported, 3);
    assert.equal(res.body.updated, 0);
    const rejected = res.body.rejected as { row: number; code: string }[];
    assert.deepEqual(
      rejected.map((r) => [r.row, r.code]),
      [
        [4, 'unknown_agent'],
        [5, 'bad_date'],
        [6, 'not_agent'],
        [7, 'inactive_agent'],
        [8, 'duplicate_row'],
      ],
    );
    const audit = await auditSince(server.database.db, mark);
    assert.deepEqual(
      audit.map((e) => e.action),
      ['shifts.import'],
    );

    const again = await upload(
      `agent,date,shift\n${a.username},2026-11-02,late\n${b.username},2026-11-03,late\n`,
    );
    assert.deepEqual([again.body.imported, again.body.updated, again.body.unchanged], [0, 1, 1]);

    const list = await server.request('GET', '/api/v1/shifts?from=2026-11-01&to=2026-11-30', { as: lead });
    assert.equal(list.status, 200);
    const items = list.body.items as Shift[];
    assert.deepEqual(
      items.filter((s) => s.agent_id === a.id).map((s) => [s.date, s.shift]),
      [['2026-11-02', 'late']],
    );
    const days = await server.request('GET', '/api/v1/shifts/days?from=2026-11-01&to=2026-11-30', {
      as: lead,
    });
    assert.deepEqual(days.body.items, [
      { date: '2026-11-02', on_shift: 2 },
      { date: '2026-11-03', on_shift: 1 },
    ]);
  });

  it('refuses a file without the agent or date column, and an empty body', async () => {
    const res = await upload('user,day\nx,2026-11-02\n');
    assert.equal(res.status, 400);
    assert.match(res.body.error?.message ?? '', /agent, date/);
    assert.equal((await upload('')).status, 400);
  });

  it('shows a CSR their own shifts and a team leader their team; deletes with an audit entry', async () => {
    const mine = await buildTeamWithMembers(server.database.db, 1);
    const theirs = await buildTeamWithMembers(server.database.db, 1);
    const [me] = mine.agents;
    const [stranger] = theirs.agents;
    assert.ok(me && stranger);
    const res = await upload(`agent,date\n${me.username},2026-12-01\n${stranger.username},2026-12-01\n`);
    assert.equal(res.body.imported, 2);
    const range = '/api/v1/shifts?from=2026-12-01&to=2026-12-01';
    const own = await server.request('GET', range, { as: me.id });
    assert.deepEqual(
      (own.body.items as Shift[]).map((s) => s.agent_id),
      [me.id],
    );
    const team = await server.request('GET', range, { as: mine.leader.id });
    assert.deepEqual(
      (team.body.items as Shift[]).map((s) => s.agent_id),
      [me.id],
    );
    const all = await server.request('GET', `${range}&team_id=${theirs.team.id}`, { as: lead });
    assert.deepEqual(
      (all.body.items as Shift[]).map((s) => s.agent_id),
      [stranger.id],
    );

    const target = (all.body.items as Shift[])[0];
    assert.ok(target);
    assert.equal((await server.request('DELETE', `/api/v1/shifts/${target.id}`, { as: me.id })).status, 403);
    const mark = await lastAuditId(server.database.db);
    const del = await server.request('DELETE', `/api/v1/shifts/${target.id}`, { as: lead });
    assert.equal(del.status, 200);
    assert.equal((await auditSince(server.database.db, mark))[0]?.action, 'shifts.delete');
    assert.equal((await server.request('DELETE', `/api/v1/shifts/${target.id}`, { as: lead })).status, 404);
    const bad = await server.request('GET', '/api/v1/shifts?from=2026-12-02&to=2026-12-01', { as: lead });
    assert.equal(bad.status, 400);
  });

  it('writes a roster of several write batches with the counts of one statement, rows rejected by line', async () => {
    const { agents } = await buildTeamWithMembers(server.database.db, 20);
    const days = 1200;
    const dates = Array.from({ length: days }, (_, d) =>
      new Date(Date.UTC(2030, 0, 1 + d)).toISOString().slice(0, 10),
    );
    const lines = ['agent,date,shift'];
    const expected: [number, string][] = [];
    for (const [a, agent] of agents.entries()) {
      for (const date of dates) lines.push(`${agent.username},${date},${a % 2 ? 'late' : 'early'}`);
      lines.push(`ghost.${a},2030-01-01,early`);
      expected.push([lines.length, 'unknown_agent']);
    }
    const mark = await lastAuditId(server.database.db);
    const res = await upload(lines.join('\n'));
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.deepEqual([res.body.imported, res.body.updated, res.body.unchanged], [24_000, 0, 0]);
    assert.deepEqual(
      (res.body.rejected as { row: number; code: string }[]).map((r) => [r.row, r.code]),
      expected,
    );
    const [entry] = await auditSince(server.database.db, mark);
    assert.deepEqual(entry?.after, {
      imported: 24_000,
      updated: 0,
      unchanged: 0,
      rejected: 20,
      from: '2030-01-01',
      to: dates[days - 1],
      agents: 20,
    });

    // Again with every late shift made early: half the rows change, the other half stay.
    const again = await upload(lines.join('\n').replaceAll(',late', ',early'));
    assert.deepEqual([again.body.imported, again.body.updated, again.body.unchanged], [0, 12_000, 12_000]);
  });

  it('reads a large roster in slices with turns of the event loop, naming a broken last line', async () => {
    // Every row is read before the bad quote at the end stops the import, and no query is made:
    // read at once, the 1.2 MB would give no turn at all.
    const lines = ['agent,date,shift'];
    for (let i = 0; i < 40_000; i++)
      lines.push(`agent.${i % 700},2026-11-${String((i % 28) + 1).padStart(2, '0')},`);
    lines.push('agent.1,2026-11-02,"early');
    const actor = {
      id: lead,
      username: leadName,
      display_name: leadName,
      roles: ['qa_lead' as const],
      team_id: null,
      team_name: null,
      led_team_ids: [],
      via: 'session' as const,
    };
    const ctx = { actorId: lead, actorUsername: leadName, ip: null };
    const { result, turns } = await countEventLoopTurns(() =>
      importShifts(server.database.db, actor, ctx, lines.join('\n')).then(
        () => null,
        (err: unknown) => err,
      ),
    );
    assert.ok(result instanceof AppError, String(result));
    assert.equal(result.code, 'validation_failed');
    assert.match(result.message, /near line 40002\b/);
    assert.ok(turns >= 10, `${turns} turns of the event loop while the roster was read`);
  });
});
