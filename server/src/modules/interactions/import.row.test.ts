import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ZTranscript } from '../../../../shared/schemas/interaction.ts';
import type { TranscriptIssue } from '../../../../shared/transcript-issues.ts';
import { checkRow, plainTranscriptJson } from './import.row.ts';

const lookups = {
  agentIdByUsername: new Map([['li.na', 7]]),
  queueIdByCode: new Map([['sales', 3]]),
  timezone: 'Asia/Shanghai',
};

describe('import row check', () => {
  it('hashes a row exactly as stored hashes were made (SHA-1 of the row JSON), so re-imports stay unchanged', () => {
    const transcript = [{ speaker: 'agent', start_s: 0, end_s: 1.5, text: '您好' }];
    const checked = checkRow(
      {
        external_id: ' C-1 ',
        agent: 'Li.Na',
        started_at: '2026-11-02 09:30',
        duration_s: '61.6',
        channel: 'Chat',
        direction: '',
        queue: 'SALES',
        customer_ref: '13812345678',
        recording_url: '',
        transcript: JSON.stringify(transcript),
      },
      lookups,
    );
    assert.ok(checked.ok);
    const content = {
      external_id: 'C-1',
      agent_id: 7,
      started_at: '2026-11-02T01:30:00.000Z',
      duration_s: 62,
      channel: 'chat',
      direction: 'inbound',
      queue_id: 3,
      customer_ref: '13812345678',
      recording_url: null,
      transcript: JSON.stringify(transcript),
    };
    assert.deepEqual(checked.row, {
      ...content,
      content_hash: createHash('sha1').update(JSON.stringify(content)).digest('base64url'),
    });
  });

  it('normalises a valid transcript exactly as ZTranscript does, and leaves every other one to it', () => {
    const turn = fc.record(
      {
        speaker: fc.constantFrom('agent', 'customer', 'bot', 1),
        start_s: fc.oneof(
          fc.double({ min: -1, max: 100, noNaN: true }),
          fc.constant('1'),
          fc.constant(Infinity),
        ),
        end_s: fc.oneof(fc.double({ min: -1, max: 200, noNaN: true }), fc.constant(null)),
        text: fc.oneof(fc.string(), fc.constant('\u0000'), fc.constant('x'.repeat(10_001)), fc.constant(3)),
        extra: fc.string(),
      },
      { requiredKeys: ['speaker', 'start_s', 'end_s'] },
    );
    const transcript = fc.oneof(
      fc.array(turn, { maxLength: 6 }),
      fc.array(fc.oneof(turn, fc.constant(null), fc.constant([1])), { maxLength: 3 }),
      fc.constant({ speaker: 'agent' }),
    );
    fc.assert(
      fc.property(transcript, (turns) => {
        const plain = plainTranscriptJson(turns);
        const parsed = ZTranscript.safeParse(turns);
        if (plain !== null) {
          assert.ok(parsed.success, 'what the plain check accepts, zod accepts');
          assert.equal(plain, JSON.stringify(parsed.data));
        } else if (parsed.success) {
          // Only text PostgreSQL cannot store (then checkRow rejects the row) is left to zod.
          assert.ok(
            parsed.data.some((t) => t.text.includes('\u0000') || /\p{Cs}/u.test(t.text)),
            'a valid transcript takes the plain path',
          );
        }
      }),
      { numRuns: 2000 },
    );
    // Typical transcripts take the plain path (the cheap one), with unknown keys dropped as zod does.
    const typical = [
      { speaker: 'agent', start_s: 0, end_s: 2.5, text: '您好', confidence: 0.9 },
      { speaker: 'customer', start_s: 2.5, end_s: 2.5, text: '' },
    ];
    assert.equal(
      plainTranscriptJson(typical),
      '[{"speaker":"agent","start_s":0,"end_s":2.5,"text":"您好"},{"speaker":"customer","start_s":2.5,"end_s":2.5,"text":""}]',
    );
  });

  it('explains a bad transcript in words, with the turn counted from 1 and what is wrong', () => {
    const turn = { speaker: 'agent', start_s: 0, end_s: 1, text: 'x' };
    const cases: [unknown, string, TranscriptIssue][] = [
      [
        [turn, turn, { ...turn, start_s: -1 }],
        'transcript turn 3: start time must be a number of seconds ≥ 0',
        { problem: 'negative', turn: 3, field: 'start_s' },
      ],
      [
        [{ ...turn, start_s: '3' }],
        'transcript turn 1: start time must be a number of seconds ≥ 0',
        { problem: 'not_seconds', turn: 1, field: 'start_s' },
      ],
      [
        [turn, { speaker: 'agent', start_s: 3, end_s: 1, text: 'x' }],
        'transcript turn 2: end time must not be before start time',
        { problem: 'end_before_start', turn: 2, field: 'end_s' },
      ],
      [
        [{ speaker: 'agent', start_s: 0, text: 'x' }],
        'transcript turn 1: end time (end_s) is missing',
        { problem: 'missing', turn: 1, field: 'end_s' },
      ],
      [
        [{ ...turn, speaker: 'bot' }],
        'transcript turn 1: speaker must be "agent" or "customer"',
        { problem: 'bad_speaker', turn: 1, field: 'speaker' },
      ],
      [
        [{ ...turn, text: 7 }],
        'transcript turn 1: text must be text',
        { problem: 'not_text', turn: 1, field: 'text' },
      ],
      [
        [{ ...turn, text: 'x'.repeat(10_001) }],
        'transcript turn 1: text is longer than 10000 characters',
        { problem: 'text_too_long', turn: 1, field: 'text', limit: 10_000 },
      ],
      [
        [turn, null],
        'transcript turn 2: each turn must be an object {speaker, start_s, end_s, text}',
        { problem: 'not_a_turn', turn: 2, field: null },
      ],
      [
        { speaker: 'agent' },
        'transcript must be a list of turns, each {speaker, start_s, end_s, text}',
        { problem: 'not_a_list', turn: null, field: null },
      ],
      [
        Array.from({ length: 5001 }, () => turn),
        'transcript has more than 5000 turns',
        { problem: 'too_many_turns', turn: null, field: null, limit: 5000 },
      ],
    ];
    for (const [transcript, reason, details] of cases) {
      const checked = checkRow(
        {
          external_id: 'C-2',
          agent: 'li.na',
          started_at: '2026-11-02 09:30',
          duration_s: '1',
          channel: 'call',
          transcript: JSON.stringify(transcript),
        },
        lookups,
      );
      assert.deepEqual(checked.ok ? null : [checked.code, checked.reason, checked.details], [
        'bad_transcript',
        reason,
        details,
      ]);
      assert.doesNotMatch(reason, /Too small|expected|Invalid input/, 'none of the validator’s own words');
    }
  });
});
