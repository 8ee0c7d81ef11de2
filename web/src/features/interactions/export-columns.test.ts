import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TInteraction } from '../../../../shared/schemas/interaction.ts';
import { translator } from '../../i18n/test-translator.ts';
import { toCsv } from '../../lib/csv.ts';
import { interactionCsvColumns } from './export-columns.ts';

const ROW: TInteraction = {
  id: 1,
  external_id: 'H2-1',
  agent_id: 7,
  agent_username: 'wangdan',
  agent_name: '王丹',
  team_id: 1,
  started_at: '2026-11-20T01:30:00.000Z',
  local_date: '2026-11-20',
  duration_s: 21,
  channel: 'call',
  direction: 'inbound',
  queue_id: 2,
  queue: 'billing',
  customer_ref: '138****5678',
  recording_url: null,
  has_recording: true,
  recording_uploaded: false,
  has_transcript: false,
  import_id: null,
  created_at: '2026-11-20T02:00:00.000Z',
  updated_at: '2026-11-20T02:00:00.000Z',
};

const NAMES = new Map([['billing', '账单业务']]);
const queueName = (code: string | null) => (code ? (NAMES.get(code) ?? code) : null);

describe('the interactions list’s CSV export', () => {
  it('shows the queue’s name as the page does, and the duration in seconds under a header that says so (zh-CN)', async () => {
    const csv = toCsv(
      [ROW, { ...ROW, external_id: 'H2-2', queue: null, queue_id: null, duration_s: 3725 }],
      interactionCsvColumns(await translator('zh-CN'), queueName),
    );
    assert.deepEqual(csv.split('\r\n'), [
      '开始时间,本地日期,外部编号,坐席,时长（秒）,渠道,方向,队列,客户,录音,转写',
      '2026-11-20 09:30,2026-11-20,H2-1,王丹 (wangdan),21,电话,呼入,账单业务,138****5678,是,否',
      '2026-11-20 09:30,2026-11-20,H2-2,王丹 (wangdan),3725,电话,呼入,,138****5678,是,否',
      '',
    ]);
  });

  it('says the same in English; an unknown queue keeps its code', async () => {
    const csv = toCsv(
      [{ ...ROW, queue: 'retired-queue' }],
      interactionCsvColumns(await translator('en'), queueName),
    );
    const [header, line] = csv.split('\r\n');
    assert.equal(
      header,
      'Start,Local date,External id,Agent,Duration (s),Channel,Direction,Queue,Customer,Recording,Transcript',
    );
    assert.equal(
      line,
      '2026-11-20 09:30,2026-11-20,H2-1,王丹 (wangdan),21,Call,Inbound,retired-queue,138****5678,Yes,No',
    );
  });
});
