import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildQueue,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { findActorById } from '../auth/actor.repo.ts';
import { attachRecording } from './interaction.service.ts';

type Item = {
  id: number;
  external_id: string;
  agent_id: number;
  team_id: number | null;
  started_at: string;
  local_date: string;
  duration_s: number;
  customer_ref: string | null;
  has_recording: boolean;
  recording_uploaded: boolean;
  has_transcript: boolean;
  recording_mime?: string | null;
  recording_bytes?: number | null;
};
type Page = { items: Item[]; total: number; next_cursor: string | null };

/** What the test knows about each interaction it made: the oracle for filters and sorting. */
type Known = {
  id: number;
  agentId: number;
  teamId: number | null;
  startedAt: string;
  duration: number;
  channel: 'call' | 'chat' | 'email';
  direction: 'inbound' | 'outbound';
  queueId: number | null;
  recording: boolean;
  transcript: boolean;
};

const TURNS = [{ speaker: 'agent' as const, start_s: 0, end_s: 1, text: '您好' }];

/** A small but well-formed PCM WAV file. */
function wav(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  const data = Buffer.alloc(dataBytes);
  for (let i = 0; i < dataBytes; i++) data[i] = (i * 7) % 256;
  return Buffer.concat([header, data]);
}

describe('interactions API', () => {
  let server: TestServer;
  let dataDir: string;
  let admin: BuiltUser;
  let lead: BuiltUser;
  let qa: BuiltUser;
  let manager: BuiltUser;
  let teamA: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let teamB: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let q1: { id: number; code: string };
  let q2: { id: number; code: string };
  const known: Known[] = [];
  /** 07:30 on 2 November in Asia/Shanghai (23:30Z on 1 November), agent A1, with a customer number. */
  let early: Known;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-interactions-'));
    server = await getTestServer({ env: { dataDir } });
    const db = server.database.db;
    admin = await buildUser(db, { roles: ['admin'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    qa = await buildUser(db, { roles: ['qa'] });
    manager = await buildUser(db, { roles: ['manager'] });
    teamA = await buildTeamWithMembers(db, 2);
    teamB = await buildTeamWithMembers(db, 1);
    q1 = await buildQueue(db);
    q2 = await buildQueue(db);
    const [a1, a2] = teamA.agents;
    const [b1] = teamB.agents;
    assert.ok(a1 && a2 && b1);

    async function add(k: Omit<Known, 'id' | 'teamId'>, customerRef: string | null = null): Promise<Known> {
      const agent = [a1, a2, b1].find((a) => a?.id === k.agentId);
      const row = await buildInteraction(db, {
        agentId: k.agentId,
        startedAt: k.startedAt,
        durationS: k.duration,
        channel: k.channel,
        direction: k.direction,
        queueId: k.queueId,
        customerRef,
        recordingUrl: k.recording ? 'https://pbx.example.com/r.wav' : null,
        transcript: k.transcript ? TURNS : null,
      });
      const item = { ...k, id: row.id, teamId: agent?.team_id ?? null };
      known.push(item);
      return item;
    }

    early = await add(
      {
        agentId: a1.id,
        startedAt: '2026-11-01T23:30:00.000Z',
        duration: 60,
        channel: 'call',
        direction: 'inbound',
        queueId: q1.id,
        recording: true,
        transcript: true,
      },
      '13812345678',
    );
    await add({
      agentId: a1.id,
      startedAt: '2026-11-01T15:59:59.000Z', // 23:59:59 on 1 November, local
      duration: 300,
      channel: 'chat',
      direction: 'outbound',
      queueId: q2.id,
      recording: false,
      transcript: false,
    });
    await add({
      agentId: a2.id,
      startedAt: '2026-11-02T15:59:59.999Z', // the last millisecond of 2 November, local
      duration: 600,
      channel: 'email',
      direction: 'inbound',
      queueId: null,
      recording: false,
      transcript: true,
    });
    await add({
      agentId: b1.id,
      startedAt: '2026-11-02T16:00:00.000Z', // midnight starting 3 November, local
      duration: 30,
      channel: 'call',
      direction: 'outbound',
      queueId: q1.id,
      recording: true,
      transcript: false,
    });
    // Many rows with equal sort values, so that pagination must break ties by id.
    for (let i = 0; i < 21; i++) {
      await add({
        agentId: i % 2 ? b1.id : a2.id,
        startedAt: i % 3 ? '2026-11-05T02:00:00.000Z' : `2026-11-0${6 + (i % 3)}T02:00:00.123Z`,
        duration: [10, 60, 60, 600][i % 4] ?? 0,
        channel: (['call', 'chat', 'email'] as const)[i % 3] ?? 'call',
        direction: i % 5 ? 'inbound' : 'outbound',
        queueId: i % 2 ? q2.id : null,
        recording: i % 4 === 0,
        transcript: i % 3 === 0,
      });
    }
  });
  after(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Walks every page with next_cursor; fails on a repeated id or a wrong total. */
  async function walk(query: string, as: number, limit = 7): Promise<Item[]> {
    const seen: Item[] = [];
    let cursor: string | null = null;
    let total: number | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const url = `/api/v1/interactions?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await server.request('GET', url, { as });
      assert.equal(res.status, 200, res.text);
      const page = res.body as unknown as Page;
      assert.ok(page.items.length <= limit);
      total ??= page.total;
      assert.equal(page.total, total, 'total is the same on every page');
      seen.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    assert.equal(new Set(seen.map((i) => i.id)).size, seen.length, 'no interaction appears twice');
    assert.equal(seen.length, total, `${query}: total matches the rows walked`);
    return seen;
  }

  const ids = (items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);

  describe('list', () => {
    it('filters by local dates in the center zone', async () => {
      const day2 = await walk('from=2026-11-02&to=2026-11-02', qa.id);
      assert.ok(
        day2.some((i) => i.id === early.id),
        '07:30 +08:00 on 2 November is on 2 November',
      );
      assert.ok(day2.every((i) => i.local_date === '2026-11-02'));
      assert.equal(day2.length, 2, 'the last millisecond of the day is in, midnight after is out');
      const day1 = await walk('from=2026-11-01&to=2026-11-01', qa.id);
      assert.ok(!day1.some((i) => i.id === early.id), 'not on the UTC day before');
      assert.equal(day1.length, 1);
      assert.equal(day1[0]?.local_date, '2026-11-01');
      const fromOnly = await walk('from=2026-11-03', qa.id);
      assert.equal(fromOnly.length, known.filter((k) => k.startedAt >= '2026-11-02T16:00:00.000Z').length);
      const toOnly = await walk('to=2026-11-02', qa.id);
      assert.equal(toOnly.length, 3);

      const reversed = await server.request('GET', '/api/v1/interactions?from=2026-11-03&to=2026-11-02', {
        as: qa.id,
      });
      assert.equal(reversed.status, 400);
      const notADate = await server.request('GET', '/api/v1/interactions?from=2026-02-30', { as: qa.id });
      assert.equal(notADate.status, 400);
      assert.equal(notADate.body.error?.code, 'validation_failed');
    });

    it('filters by agent, team, queue, channel, direction, duration, recording, transcript and external id', async () => {
      const [a1] = teamA.agents;
      assert.ok(a1);
      const cases: [string, (k: Known) => boolean][] = [
        [`agent_id=${a1.id}`, (k) => k.agentId === a1.id],
        [`team_id=${teamB.team.id}`, (k) => k.teamId === teamB.team.id],
        [`queue_id=${q1.id}`, (k) => k.queueId === q1.id],
        ['channel=chat', (k) => k.channel === 'chat'],
        ['direction=outbound', (k) => k.direction === 'outbound'],
        ['min_duration=60', (k) => k.duration >= 60],
        ['max_duration=60', (k) => k.duration <= 60],
        ['min_duration=30&max_duration=300', (k) => k.duration >= 30 && k.duration <= 300],
        ['has_recording=true', (k) => k.recording],
        ['has_recording=false', (k) => !k.recording],
        ['has_transcript=1', (k) => k.transcript],
        ['has_transcript=0', (k) => !k.transcript],
        [
          `channel=call&direction=inbound&team_id=${teamA.team.id}`,
          (k) => k.channel === 'call' && k.direction === 'inbound' && k.teamId === teamA.team.id,
        ],
      ];
      for (const [query, predicate] of cases) {
        const expected = known.filter(predicate).map((k) => k.id);
        assert.ok(expected.length > 0 && expected.length < known.length, `${query} is a real filter`);
        assert.deepEqual(ids(await walk(query, qa.id)), ids(expected.map((id) => ({ id }))), query);
      }
      const byExternal = await server.request('GET', '/api/v1/interactions', { as: qa.id });
      const one = (byExternal.body.items as Item[])[0];
      assert.ok(one);
      const found = await walk(`external_id=${encodeURIComponent(one.external_id)}`, qa.id);
      assert.deepEqual(ids(found), [one.id]);
    });

    it('sorts by started_at and duration_s both ways and walks every page once', async () => {
      for (const sort of ['started_at', 'duration_s'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const walked = await walk(`sort=${sort}&order=${order}`, qa.id, 4);
          const key = (k: Known) => (sort === 'started_at' ? Date.parse(k.startedAt) : k.duration);
          const sign = order === 'asc' ? 1 : -1;
          const expected = [...known]
            .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id))
            .map((k) => k.id);
          assert.deepEqual(
            walked.map((i) => i.id),
            expected,
            `${sort} ${order}`,
          );
        }
      }
      const byDefault = await walk('', qa.id, 1000);
      assert.equal(byDefault.length, known.length);
      assert.deepEqual(
        byDefault.map((i) => i.id),
        [...known]
          .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.id - a.id)
          .map((k) => k.id),
        'newest first by default',
      );
      const badCursor = await server.request('GET', '/api/v1/interactions?cursor=bm9wZQ', { as: qa.id });
      assert.equal(badCursor.status, 400);
    });

    it('scopes the list and reads by role: own, team, all; none for kb_editor and hr', async () => {
      const [a1, a2] = teamA.agents;
      const [b1] = teamB.agents;
      assert.ok(a1 && a2 && b1);
      const own = await walk('', a1.id);
      assert.deepEqual(ids(own), ids(known.filter((k) => k.agentId === a1.id)));
      const filterCannotWiden = await walk(`agent_id=${a2.id}`, a1.id);
      assert.equal(filterCannotWiden.length, 0);
      assert.equal(
        (await server.request('GET', `/api/v1/interactions/${early.id}`, { as: a1.id })).status,
        200,
      );
      const others = known.find((k) => k.agentId === a2.id);
      const hidden = await server.request('GET', `/api/v1/interactions/${others?.id}`, { as: a1.id });
      assert.equal(hidden.status, 404);
      assert.equal(hidden.body.error?.code, 'not_found');

      const team = await walk('', teamA.leader.id);
      assert.deepEqual(ids(team), ids(known.filter((k) => k.teamId === teamA.team.id)));
      const bOne = known.find((k) => k.agentId === b1.id);
      assert.equal(
        (await server.request('GET', `/api/v1/interactions/${bOne?.id}`, { as: teamA.leader.id })).status,
        404,
      );
      assert.equal(
        (await server.request('GET', `/api/v1/interactions/${bOne?.id}`, { as: teamB.leader.id })).status,
        200,
      );

      for (const user of [qa, lead, admin, manager])
        assert.equal((await walk('', user.id, 1000)).length, known.length);

      for (const role of ['kb_editor', 'hr'] as const) {
        const user = await buildUser(server.database.db, { roles: [role] });
        const list = await server.request('GET', '/api/v1/interactions', { as: user.id });
        assert.equal(list.status, 403, role);
        assert.equal(list.body.error?.code, 'forbidden');
        const read = await server.request('GET', `/api/v1/interactions/${early.id}`, { as: user.id });
        assert.equal(read.status, 403, `${role} may not read any interaction`);
      }
      assert.equal((await server.request('GET', '/api/v1/interactions/999999', { as: qa.id })).status, 404);
    });

    it('masks the customer reference for agent, team leader and manager, and shows it to QA', async () => {
      const [a1] = teamA.agents;
      assert.ok(a1);
      const refOf = async (as: number) => {
        const list = await walk(`agent_id=${a1.id}&from=2026-11-02&to=2026-11-02`, as);
        const read = await server.request('GET', `/api/v1/interactions/${early.id}`, { as });
        assert.equal(read.status, 200);
        assert.equal(list[0]?.customer_ref, (read.body as unknown as Item).customer_ref);
        return list[0]?.customer_ref;
      };
      for (const user of [a1, teamA.leader, manager]) assert.equal(await refOf(user.id), '138****5678');
      for (const user of [qa, lead, admin]) assert.equal(await refOf(user.id), '13812345678');
      const masked = await server.request('GET', `/api/v1/interactions?agent_id=${a1.id}`, {
        as: manager.id,
      });
      assert.doesNotMatch(masked.text, /13812345678/);
    });
  });

  describe('recordings', () => {
    /** The raw response, for binary bodies and headers (the test client reads text). */
    async function fetchRaw(url: string, as: number, headers: Record<string, string> = {}) {
      return server.app.request(url, { headers: { ...headers, cookie: await server.sessionCookie(as) } });
    }

    it('uploads WAV as the raw body and serves it whole and by byte ranges', async () => {
      const audio = wav(1000);
      const before = await lastAuditId(server.database.db);
      const up = await server.request('POST', `/api/v1/interactions/${early.id}/recording?filename=a.wav`, {
        as: lead.id,
        rawBody: new Uint8Array(audio),
        headers: { 'content-type': 'audio/wav' },
      });
      assert.equal(up.status, 200, up.text);
      const item = up.body as unknown as Item;
      assert.equal(item.recording_uploaded, true);
      assert.equal(item.has_recording, true);
      assert.equal(item.recording_mime, 'audio/wav');
      assert.equal(item.recording_bytes, audio.length);
      const audit = await auditSince(server.database.db, before);
      assert.deepEqual(
        audit.map((a) => [a.action, a.entity_id, a.actor_id]),
        [['interaction.attach_recording', String(early.id), lead.id]],
      );

      const url = `/api/v1/interactions/${early.id}/recording`;
      const full = await fetchRaw(url, qa.id);
      assert.equal(full.status, 200);
      assert.equal(full.headers.get('content-type'), 'audio/wav');
      assert.equal(full.headers.get('content-length'), String(audio.length));
      assert.equal(full.headers.get('accept-ranges'), 'bytes');
      assert.deepEqual(Buffer.from(await full.arrayBuffer()), audio);

      const first = await fetchRaw(url, qa.id, { range: 'bytes=0-99' });
      assert.equal(first.status, 206);
      assert.equal(first.headers.get('content-range'), `bytes 0-99/${audio.length}`);
      assert.equal(first.headers.get('content-length'), '100');
      assert.deepEqual(Buffer.from(await first.arrayBuffer()), audio.subarray(0, 100));

      const suffix = await fetchRaw(url, qa.id, { range: 'bytes=-100' });
      assert.equal(suffix.status, 206);
      assert.equal(
        suffix.headers.get('content-range'),
        `bytes ${audio.length - 100}-${audio.length - 1}/${audio.length}`,
      );
      assert.deepEqual(Buffer.from(await suffix.arrayBuffer()), audio.subarray(audio.length - 100));

      const open = await fetchRaw(url, qa.id, { range: 'bytes=1000-' });
      assert.equal(open.status, 206);
      assert.deepEqual(Buffer.from(await open.arrayBuffer()), audio.subarray(1000));

      const past = await fetchRaw(url, qa.id, { range: `bytes=${audio.length}-` });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get('content-range'), `bytes */${audio.length}`);
      await past.arrayBuffer();

      // A range whose last byte is before its first is invalid, not unsatisfiable: RFC 9110
      // (14.1.1, 14.2) has the header ignored and the whole file answered.
      const backwards = await fetchRaw(url, qa.id, { range: 'bytes=10-5' });
      assert.equal(backwards.status, 200);
      assert.equal(backwards.headers.get('content-range'), null);
      assert.deepEqual(Buffer.from(await backwards.arrayBuffer()), audio);
    });

    it('replaces the recording from a multipart upload and removes the old file', async () => {
      const target = known.find((k) => k.agentId === teamA.agents[1]?.id && !k.recording);
      assert.ok(target);
      const url = `/api/v1/interactions/${target.id}/recording`;
      const firstUp = await server.request('POST', url, {
        as: admin.id,
        rawBody: new Uint8Array(wav(10)),
        headers: { 'content-type': 'audio/x-wav' },
      });
      assert.equal(firstUp.status, 200, firstUp.text);
      const filesBefore = fs
        .readdirSync(path.join(dataDir, 'recordings'), { recursive: true })
        .filter((f) => String(f).endsWith('.wav'));

      const audio = wav(500);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(audio)], { type: 'audio/wav' }), '通话.wav');
      const up = await server.request('POST', url, { as: admin.id, form });
      assert.equal(up.status, 200, up.text);
      assert.equal((up.body as unknown as Item).recording_bytes, audio.length);
      const full = await fetchRaw(url, qa.id);
      assert.deepEqual(Buffer.from(await full.arrayBuffer()), audio);
      const filesAfter = fs
        .readdirSync(path.join(dataDir, 'recordings'), { recursive: true })
        .filter((f) => String(f).endsWith('.wav'));
      assert.equal(filesAfter.length, filesBefore.length, 'the replaced file is gone');
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'recordings', 'incoming')), [], 'no temp files');
    });

    it('refuses non-audio with 415, and uploads by anyone but admin and qa_lead with 403', async () => {
      const url = `/api/v1/interactions/${early.id}/recording`;
      const text = await server.request('POST', url, {
        as: lead.id,
        rawBody: 'not audio',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(text.status, 415, text.text);
      assert.equal(text.body.error?.code, 'unsupported_media_type');
      const form = new FormData();
      form.append('file', new Blob(['MZ'], { type: 'application/octet-stream' }), 'setup.exe');
      assert.equal((await server.request('POST', url, { as: lead.id, form })).status, 415);
      for (const user of [qa, manager, teamA.leader, teamA.agents[0]]) {
        const res = await server.request('POST', url, {
          as: user?.id,
          rawBody: new Uint8Array(wav(10)),
          headers: { 'content-type': 'audio/wav' },
        });
        assert.equal(res.status, 403, `user ${user?.roles.join()}`);
      }
      const missing = await server.request('POST', '/api/v1/interactions/999999/recording', {
        as: lead.id,
        rawBody: new Uint8Array(wav(10)),
        headers: { 'content-type': 'audio/wav' },
      });
      assert.equal(missing.status, 404);
      const still = await fetchRaw(url, qa.id);
      assert.equal(
        still.headers.get('content-length'),
        String(wav(1000).length),
        'the recording is unchanged',
      );
      await still.arrayBuffer();
    });

    it('lets an agent stream their own recording but not another agent’s (404)', async () => {
      const [a1, a2] = teamA.agents;
      assert.ok(a1 && a2);
      const own = await fetchRaw(`/api/v1/interactions/${early.id}/recording`, a1.id, { range: 'bytes=0-9' });
      assert.equal(own.status, 206);
      await own.arrayBuffer();
      const other = await fetchRaw(`/api/v1/interactions/${early.id}/recording`, a2.id);
      assert.equal(other.status, 404);
      await other.arrayBuffer();
      const none = known.find((k) => k.agentId === teamB.agents[0]?.id);
      const noFile = await fetchRaw(`/api/v1/interactions/${none?.id}/recording`, qa.id);
      assert.equal(noFile.status, 404, 'a recording URL alone is not a file to stream');
      await noFile.arrayBuffer();
    });
  });

  describe('recordings are audio and evidence', () => {
    async function fetchRaw(url: string, as: number) {
      return server.app.request(url, { headers: { cookie: await server.sessionCookie(as) } });
    }
    const storedFiles = () =>
      fs
        .readdirSync(path.join(dataDir, 'recordings'), { recursive: true })
        .map(String)
        .filter((f) => /\.(wav|mp3|ogg|m4a)$/.test(f))
        .sort();
    async function freshInteraction(recordingUrl: string | null = null): Promise<number> {
      const agent = teamA.agents[0];
      assert.ok(agent);
      return (await buildInteraction(server.database.db, { agentId: agent.id, recordingUrl })).id;
    }
    async function upload(
      id: number,
      body: Uint8Array<ArrayBuffer> | string,
      type: string,
      filename = 'x.wav',
    ) {
      return server.request('POST', `/api/v1/interactions/${id}/recording?filename=${filename}`, {
        as: lead.id,
        rawBody: body,
        headers: { 'content-type': type },
      });
    }
    async function detail(id: number): Promise<Item & { recording_locked: boolean }> {
      const res = await server.request('GET', `/api/v1/interactions/${id}`, { as: qa.id });
      assert.equal(res.status, 200, res.text);
      return res.body as unknown as Item & { recording_locked: boolean };
    }
    async function evaluate(
      interactionId: number,
      submit: boolean,
    ): Promise<{ id: number; version: number }> {
      const form = await buildForm(server.database.db);
      const res = await server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: {
          interaction_id: interactionId,
          form_id: form.id,
          method: 'recording_review',
          answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
          submit,
        },
      });
      assert.equal(res.status, 201, res.text);
      return res.body as unknown as { id: number; version: number };
    }

    it('refuses a file whose contents are not audio whatever it is labelled (415), storing nothing', async () => {
      const id = await freshInteraction();
      const kept = wav(100);
      assert.equal((await upload(id, new Uint8Array(kept), 'audio/wav')).status, 200);
      const filesBefore = storedFiles();
      const auditBefore = await lastAuditId(server.database.db);

      const pdf = new FormData();
      pdf.append('file', new Blob(['%PDF-1.7\n1 0 obj <<>> endobj\n'], { type: 'audio/mpeg' }), 'report.pdf');
      const cases = [
        await server.request('POST', `/api/v1/interactions/${id}/recording`, { as: lead.id, form: pdf }),
        await upload(id, 'agent,score\nwangdan,90\n', 'audio/wav', 'fake.wav'),
        // An AAC (ADTS) header starts with 0xFFF too, but is not an MPEG audio frame.
        await upload(
          id,
          new Uint8Array([0xff, 0xf1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]),
          'audio/mpeg',
          'a.mp3',
        ),
        await upload(
          id,
          new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 0, 0, 0, 0x41, 0x56, 0x49, 0x20]),
          'audio/wav',
        ),
      ];
      for (const res of cases) {
        assert.equal(res.status, 415, res.text);
        assert.equal(res.body.error?.code, 'unsupported_media_type');
        assert.deepEqual(res.body.error?.details, {
          reason: 'not_audio',
          formats: ['WAV', 'MP3', 'OGG', 'M4A'],
        });
        assert.match(res.body.error?.message ?? '', /not WAV, MP3, OGG, M4A audio/);
      }
      assert.deepEqual(storedFiles(), filesBefore, 'no file stored');
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'recordings', 'incoming')), [], 'no temp files');
      assert.deepEqual(await auditSince(server.database.db, auditBefore), [], 'nothing audited');
      const still = await fetchRaw(`/api/v1/interactions/${id}/recording`, qa.id);
      assert.deepEqual(Buffer.from(await still.arrayBuffer()), kept, 'the recording is unchanged');
    });

    it('stores and serves each audio format as its contents say, not as it was labelled', async () => {
      const id = await freshInteraction();
      const pad = (head: number[]) => new Uint8Array([...head, ...Array.from({ length: 64 }, (_, i) => i)]);
      const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));
      const cases: { body: Uint8Array<ArrayBuffer>; sentAs: string; mime: string; ext: string }[] = [
        { body: new Uint8Array(wav(50)), sentAs: 'audio/mpeg', mime: 'audio/wav', ext: 'wav' },
        { body: pad(ascii('ID3\x04\x00')), sentAs: 'audio/wav', mime: 'audio/mpeg', ext: 'mp3' },
        { body: pad([0xff, 0xfb, 0x90, 0x64]), sentAs: 'audio/mpeg', mime: 'audio/mpeg', ext: 'mp3' },
        { body: pad([0xff, 0xf3, 0x48, 0xc4]), sentAs: 'audio/mp3', mime: 'audio/mpeg', ext: 'mp3' },
        { body: pad(ascii('OggS\x00\x02')), sentAs: 'audio/wav', mime: 'audio/ogg', ext: 'ogg' },
        {
          body: pad([0, 0, 0, 0x20, ...ascii('ftypM4A ')]),
          sentAs: 'audio/mpeg',
          mime: 'audio/mp4',
          ext: 'm4a',
        },
      ];
      for (const c of cases) {
        const res = await upload(id, c.body, c.sentAs, `call.${c.sentAs === 'audio/wav' ? 'wav' : 'mp3'}`);
        assert.equal(res.status, 200, `${c.ext}: ${res.text}`);
        assert.equal((res.body as unknown as Item).recording_mime, c.mime);
        const served = await fetchRaw(`/api/v1/interactions/${id}/recording`, qa.id);
        assert.equal(served.headers.get('content-type'), c.mime, c.ext);
        assert.deepEqual(new Uint8Array(await served.arrayBuffer()), c.body);
        assert.ok(
          storedFiles().some((f) => f.endsWith(`.${c.ext}`) && f.includes(`${id}-`)),
          c.ext,
        );
      }
    });

    it('keeps a recording that a submitted evaluation cites: 409 and nothing changed', async () => {
      const id = await freshInteraction();
      const original = wav(200);
      assert.equal((await upload(id, new Uint8Array(original), 'audio/wav')).status, 200);
      // A draft does not cite it yet: replacing is still allowed (and audited).
      const draft = await evaluate(id, false);
      assert.equal((await detail(id)).recording_locked, false);
      const replacement = wav(300);
      const auditBefore = await lastAuditId(server.database.db);
      assert.equal((await upload(id, new Uint8Array(replacement), 'audio/wav')).status, 200);
      assert.deepEqual(
        (await auditSince(server.database.db, auditBefore)).map((a) => a.action),
        ['interaction.attach_recording'],
      );
      // Submitted, the evaluation cites the recording.
      const submit = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
        as: qa.id,
        body: { version: draft.version, answers: await evaluationAnswers(draft.id), submit: true },
      });
      assert.equal(submit.status, 200, submit.text);
      assert.equal((await detail(id)).recording_locked, true);

      const filesBefore = storedFiles();
      const auditAt = await lastAuditId(server.database.db);
      const raw = await upload(id, new Uint8Array(wav(400)), 'audio/wav');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(wav(400))], { type: 'audio/wav' }), 'new.wav');
      const multipart = await server.request('POST', `/api/v1/interactions/${id}/recording`, {
        as: admin.id,
        form,
      });
      for (const res of [raw, multipart]) {
        assert.equal(res.status, 409, res.text);
        assert.equal(res.body.error?.code, 'conflict');
        assert.deepEqual(res.body.error?.details, { reason: 'recording_cited', evaluation_ids: [draft.id] });
        assert.match(res.body.error?.message ?? '', new RegExp(`evidence for evaluation #${draft.id}`));
      }
      assert.deepEqual(storedFiles(), filesBefore, 'no file stored or removed');
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'recordings', 'incoming')), [], 'no temp files');
      assert.deepEqual(await auditSince(server.database.db, auditAt), [], 'nothing audited');
      const served = await fetchRaw(`/api/v1/interactions/${id}/recording`, qa.id);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), replacement, 'the cited recording is kept');
    });

    it('checks again with the rows locked: an evaluation submitted while the file was uploading keeps the recording', async () => {
      const id = await freshInteraction();
      assert.equal((await upload(id, new Uint8Array(wav(200)), 'audio/wav')).status, 200);
      const kept = storedFiles().filter((f) => f.includes(`${id}-`));
      // The route's check passed before this submit landed; the save must refuse all the same.
      await evaluate(id, true);
      const incoming = path.join(dataDir, 'recordings', 'incoming');
      fs.mkdirSync(incoming, { recursive: true });
      const temp = path.join(incoming, `race-${id}.wav`);
      fs.writeFileSync(temp, wav(300));
      const actor = await findActorById(server.database.db, admin.id);
      assert.ok(actor);
      const auditAt = await lastAuditId(server.database.db);
      await assert.rejects(
        attachRecording(
          server.database.db,
          actor,
          { actorId: admin.id, actorUsername: 'admin', ip: null },
          {
            id,
            tempPath: temp,
            mime: 'audio/wav',
            filename: 'race.wav',
            bytes: wav(300).length,
            dataDir,
            timezone: 'Asia/Shanghai',
          },
        ),
        (err: Error & { code?: string }) => err.code === 'conflict',
      );
      assert.deepEqual(
        storedFiles().filter((f) => f.includes(`${id}-`)),
        kept,
        'the cited file stays, the new one is removed',
      );
      assert.deepEqual(await auditSince(server.database.db, auditAt), [], 'nothing audited');
    });

    it('refuses to put an uploaded file over a cited external recording, but lets one be added where there was none', async () => {
      const external = await freshInteraction('https://pbx.example.com/cited.wav');
      const cited = await evaluate(external, true);
      assert.equal((await detail(external)).recording_locked, true);
      const refused = await upload(external, new Uint8Array(wav(10)), 'audio/wav');
      assert.equal(refused.status, 409, refused.text);
      assert.deepEqual(refused.body.error?.details, {
        reason: 'recording_cited',
        evaluation_ids: [cited.id],
      });
      assert.equal((await detail(external)).recording_uploaded, false);

      const silent = await freshInteraction(null);
      await evaluate(silent, true);
      assert.equal((await detail(silent)).recording_locked, false, 'nothing to lose yet');
      const added = await upload(silent, new Uint8Array(wav(10)), 'audio/wav');
      assert.equal(added.status, 200, added.text);
      assert.equal((await detail(silent)).recording_locked, true, 'now it is evidence');
    });

    async function evaluationAnswers(evaluationId: number) {
      const res = await server.request('GET', `/api/v1/evaluations/${evaluationId}`, { as: qa.id });
      assert.equal(res.status, 200, res.text);
      return (res.body as unknown as { answers: { item_id: number; result: string }[] }).answers.map((a) => ({
        item_id: a.item_id,
        result: a.result,
      }));
    }
  });
});
