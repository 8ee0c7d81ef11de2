import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { countEventLoopTurns } from '../../test/event-loop.ts';
import { AppError } from '../errors.ts';
import { readCsvTable } from './csv-table.ts';

const COLUMNS = { required: ['agent', 'date'], expected: 'agent,date[,shift]' };

/** A roster of `rows` rows with Chinese names, quoted cells and line breaks inside quotes. */
function roster(rows: number): string {
  const lines = ['\uFEFFAgent,Date,Shift'];
  for (let i = 0; i < rows; i++) {
    if (i % 7 === 3) lines.push('');
    const shift = i % 5 === 0 ? `"早班, 第${i}组\r\n（跨行）"` : `  晚班${i}  `;
    lines.push(`坐席.${i},2026-11-${String((i % 28) + 1).padStart(2, '0')},${shift}`);
  }
  return lines.join('\r\n');
}

describe('readCsvTable', () => {
  it('answers the records and file lines csv-parse gives over the whole text, across 64 KB slices', async () => {
    const text = roster(10_000);
    assert.ok(Buffer.byteLength(text) > 4 * 64 * 1024, 'the text spans several slices');
    const whole = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const table = await readCsvTable(text, COLUMNS);
    assert.deepEqual(table.header, ['agent', 'date', 'shift']);
    assert.deepEqual(
      table.records,
      whole.slice(1).map((r) => ({ row: r.info.lines, cells: r.record })),
    );
    assert.equal(table.records.length, 10_000);
  });

  it('lets the event loop turn while it reads a large file', async () => {
    const { result, turns } = await countEventLoopTurns(() => readCsvTable(roster(20_000), COLUMNS));
    assert.equal(result.records.length, 20_000);
    // The text is about 0.8 MB: twelve slices and a turn between each two.
    assert.ok(turns >= 10, `${turns} turns of the event loop while reading`);
  });

  it('names the line of a broken record, and refuses an empty file or missing columns', async () => {
    const broken = `${roster(3000)}\r\nlast,2026-11-02,"never closed\r\n`;
    let lines = 0;
    assert.throws(
      () => parse(broken, { bom: true, skip_empty_lines: true, trim: true }),
      (err: unknown) => {
        lines = (err as { lines: number }).lines;
        return lines > 3000;
      },
    );
    await assert.rejects(readCsvTable(broken, COLUMNS), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'validation_failed');
      assert.match(err.message, new RegExp(`near line ${lines}\\b`));
      return true;
    });
    await assert.rejects(readCsvTable('\n\n', COLUMNS), /empty/);
    await assert.rejects(readCsvTable('agent,day\nx,2026-11-02\n', COLUMNS), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.match(err.message, /lacks the column\(s\): date\./);
      assert.deepEqual(err.details, [{ path: ['file'], message: 'agent,date[,shift]' }]);
      return true;
    });
  });
});
