/**
 * Data for the evaluation walk and its screenshots, set up through the API: a team with its
 * leader, a CSR, an inspector, a QA lead, a queue, a scorecard with a fatal item, and one call
 * with a transcript and a recording.
 */
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD } from './helpers.ts';

export const PASSWORD = 'Passw0rd-e2e';

/** A JSON API client signed in as one user (the cookie of POST /session). */
export async function apiAs(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, await res.text());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'Content-Type': type } : {}) },
      body:
        body === undefined
          ? undefined
          : type === 'application/json'
            ? JSON.stringify(body)
            : (body as BodyInit),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** A few seconds of a 440 Hz tone as 8 kHz mono WAV. */
function toneWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const envelope = 0.3 + 0.7 * Math.abs(Math.sin((i / rate) * 1.3));
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12000 * envelope), 44 + i * 2);
  }
  return buf;
}

export type Ids = { interactionId: number; fatalItemId: number; itemIds: number[] };

export async function seed(baseUrl: string): Promise<Ids> {
  const admin = await apiAs(baseUrl, 'admin', ADMIN_PASSWORD);
  const user = (username: string, display_name: string, roles: string[], team_id?: number) =>
    admin<{ id: number }>('POST', '/users', { username, display_name, password: PASSWORD, roles, team_id });
  const leader = await user('tl.wang', '王班长', ['team_leader']);
  const team = await admin<{ id: number }>('POST', '/teams', { name: '宽带一组', leader_id: leader.id });
  await admin('PATCH', `/users/${leader.id}`, { version: 1, team_id: team.id }).catch(() => undefined);
  await user('csr.li', '李客服', ['agent'], team.id);
  await user('qa.zhao', '赵质检', ['qa']);
  await user('lead.qian', '钱组长', ['qa_lead']);
  await admin('POST', '/queues', { code: 'broadband', name: '宽带' });
  const form = await admin<{ sections: { items: { id: number; fatal: boolean }[] }[] }>('POST', '/forms', {
    name: '宽带通话质检表',
    queue: 'broadband',
    pass_mark: 80,
    sections: [
      {
        title: '服务规范',
        items: [
          {
            text: '使用标准开头语',
            category: 'phrasing',
            points: 10,
            fatal: false,
            guidance: '“您好，很高兴为您服务”',
          },
          { text: '核实客户身份', category: 'process', points: 20, fatal: true, allow_na: false },
        ],
      },
      {
        title: '业务处理',
        items: [{ text: '准确解答资费问题', category: 'knowledge', points: 30, fatal: false }],
      },
    ],
  });
  const items = form.sections.flatMap((s) => s.items);
  const transcript = JSON.stringify([
    { speaker: 'agent', start_s: 0, end_s: 2.5, text: '您好，宽带客服，请问有什么可以帮您？' },
    { speaker: 'customer', start_s: 2.5, end_s: 5, text: '我想问一下套餐资费。' },
    { speaker: 'agent', start_s: 5, end_s: 8, text: '好的，我直接帮您查一下。' },
  ]);
  const csv =
    'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript\n' +
    `E2E-CALL-1,csr.li,${new Date(Date.now() - 3600_000).toISOString()},180,call,inbound,broadband,13812345678,,"${transcript.replace(/"/g, '""')}"\n`;
  const imported = await admin<{ imported: number }>('POST', '/interactions/import', csv, 'text/csv');
  assert.equal(imported.imported, 1);
  const list = await admin<{ items: { id: number }[] }>('GET', '/interactions?external_id=E2E-CALL-1');
  const interactionId = list.items[0]!.id;
  // The call lasted 3:00 by the switch's record; the recording attached is 8 seconds of it (the
  // players show the audio's own length).
  await admin('POST', `/interactions/${interactionId}/recording?filename=call.wav`, toneWav(8), 'audio/wav');
  return {
    interactionId,
    fatalItemId: items.find((i) => i.fatal)!.id,
    itemIds: items.map((i) => i.id),
  };
}
