import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from './parse-csv.ts';

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and newlines, and drops the BOM', () => {
    const text = '\uFEFFrow,code,reason,raw\r\n3,bad_time,"bad, really","a ""quoted""\nline"\n4,x,y,\n';
    assert.deepEqual(parseCsv(text), [
      ['row', 'code', 'reason', 'raw'],
      ['3', 'bad_time', 'bad, really', 'a "quoted"\nline'],
      ['4', 'x', 'y', ''],
    ]);
  });

  it('stops after maxRows records', () => {
    assert.equal(parseCsv('a\nb\nc\nd\n', 2).length, 2);
  });
});
