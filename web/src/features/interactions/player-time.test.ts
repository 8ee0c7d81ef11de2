import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { playerTime } from './player-time.ts';

describe("a recording player's time and length", () => {
  it("shows the audio's own length once read", async () => {
    const t = await translator('en');
    assert.deepEqual(playerTime(t, { at: 12.7, audioSeconds: 205.2, recordSeconds: 210 }), {
      text: '0:12 / 3:25',
      lengthFrom: 'audio',
      note: null,
    });
  });

  it("falls back to the call record's duration when the audio gives none, and says so", async () => {
    const en = await translator('en');
    const zh = await translator('zh-CN');
    // Not read (yet), failed to load, or a stream that reports no length (NaN, Infinity, 0).
    for (const audioSeconds of [null, Number.NaN, Number.POSITIVE_INFINITY, 0]) {
      assert.deepEqual(playerTime(en, { at: 0, audioSeconds, recordSeconds: 3725 }), {
        text: '0:00 / 1:02:05',
        lengthFrom: 'record',
        note: 'length from the call record',
      });
    }
    assert.equal(playerTime(zh, { at: 0, audioSeconds: null, recordSeconds: 95 }).note, '时长取自通话记录');
  });

  it('shows -:-- only when neither gives a length', async () => {
    const t = await translator('zh-CN');
    for (const recordSeconds of [undefined, null, 0])
      assert.deepEqual(playerTime(t, { at: 3, audioSeconds: null, recordSeconds }), {
        text: '0:03 / -:--',
        lengthFrom: null,
        note: null,
      });
  });

  it('has the unavailable message in both languages', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = await translator(lng);
      assert.notEqual(t('interactions.player.unavailable'), 'interactions.player.unavailable', lng);
    }
  });
});
