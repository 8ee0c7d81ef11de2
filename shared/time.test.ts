import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, localDateOf, localDayRange, parseTimestamp, zoneOffsetMs } from './time.ts';

const SH = 'Asia/Shanghai';

describe('local dates in the center time zone', () => {
  it('puts a 07:30 +08:00 call on its local day, not the UTC day before', () => {
    const instant = new Date('2026-11-01T23:30:00Z'); // 07:30 on 2 Nov in Shanghai
    assert.equal(localDateOf(instant, SH), '2026-11-02');
    assert.equal(localDateOf(instant, 'UTC'), '2026-11-01');
  });

  it('gives the [start, end) of a local day', () => {
    const { start, end } = localDayRange('2026-11-02', SH);
    assert.equal(start.toISOString(), '2026-11-01T16:00:00.000Z');
    assert.equal(end.toISOString(), '2026-11-02T16:00:00.000Z');
  });

  it('handles a 23-hour day across a DST change', () => {
    const { start, end } = localDayRange('2026-03-08', 'America/New_York');
    assert.equal((end.getTime() - start.getTime()) / 3600_000, 23);
  });

  it('knows the Shanghai offset', () => {
    assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), SH), 8 * 3600_000);
  });

  it('validates calendar dates', () => {
    assert.equal(isCalendarDate('2026-02-28'), true);
    assert.equal(isCalendarDate('2026-02-30'), false);
    assert.equal(isCalendarDate('2026-2-1'), false);
  });
});

describe('parseTimestamp', () => {
  it('reads times without an offset in the center zone', () => {
    assert.equal(parseTimestamp('2026-11-02 07:30:00', SH)?.toISOString(), '2026-11-01T23:30:00.000Z');
    assert.equal(parseTimestamp('2026/11/2 7:30', SH)?.toISOString(), '2026-11-01T23:30:00.000Z');
    assert.equal(parseTimestamp('2026-11-02T07:30', SH)?.toISOString(), '2026-11-01T23:30:00.000Z');
  });

  it('honours an explicit offset or Z', () => {
    assert.equal(parseTimestamp('2026-11-02T07:30:00+08:00', SH)?.toISOString(), '2026-11-01T23:30:00.000Z');
    assert.equal(parseTimestamp('2026-11-02T07:30:00Z', SH)?.toISOString(), '2026-11-02T07:30:00.000Z');
    assert.equal(
      parseTimestamp('2026-11-02T07:30:00.250-0500', SH)?.toISOString(),
      '2026-11-02T12:30:00.250Z',
    );
  });

  it('rejects what is not a real date and time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01 10:00',
      '2026-02-30 10:00',
      '2026-11-02 25:00',
      '2026-11-02T07:30+15:00',
      '1; drop table x',
    ]) {
      assert.equal(parseTimestamp(bad, SH), null, bad);
    }
  });
});
