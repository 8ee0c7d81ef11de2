import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { countEventLoopTurns } from '../../test/event-loop.ts';
import { AppError } from '../errors.ts';
import { readCsvTable } from './csv-table.ts';

const COLUMNS = { required: ['agent', 'date'], expected: 'agent,date[,shift]' };

/**
 * A roster of `rows` rows with Chinese names, quoted cells and line breaks inside quotes, and the
 * file line each record starts on (the header is line 1), counted as the text is built.
 */
function rosterWithLines(rows: number): { text: string; starts: number[] } {
  const lines = ['\uFEFFAgent,Date,Shift'];
  const starts: number[] = [];
  let line = 2;
  for (let i = 0; i < rows; i++) {
    if (i % 7 === 3) {
      lines.push('');
      line++;
    }
    const multi = i % 5 === 0;
    const shift = multi ? `"早班, 第${i}组\r\n（跨行）"` : `  晚班${i}  `;
    lines.push(`坐席.${i},2026-11-${String((i % 28) + 1).padStart(2, '0')},${shift}`);
    starts.push(line);
    line += multi ? 2 : 1;
  }
  return { text: lines.join('\r\n'), starts };
}
const roster = (rows: number): string => rosterWithLines(rows).text;

const EOLS = ['\n', '\r\n'] as const;

describe('readCsvTable', () => {
  it('answers the records csv-parse gives over the whole text, with the line each starts on, across 64 KB slices', async () => {
    const { text, starts } = rosterWithLines(10_000);
    assert.ok(Buffer.byteLength(text) > 4 * 64 * 1024, 'the text spans several slices');
    const whole = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    const table = await readCsvTable(text, COLUMNS);
    assert.deepEqual(table.header, ['agent', 'date', 'shift']);
    assert.deepEqual(
      table.records.map((r) => r.cells),
      whole.slice(1),
    );
    assert.deepEqual(
      table.records.map((r) => r.row),
      starts,
    );
    assert.equal(table.records.length, 10_000);
  });

  it('numbers rows by the line they start on, for LF, CRLF and line breaks inside quoted cells', async () => {
    for (const eol of EOLS) {
      const text = [
        'agent,date,shift', // 1
        'a,2026-11-01,早', // 2
        `b,2026-11-02,"两行${eol}的班次"`, // 3–4
        'c,2026-11-03,晚', // 5
        '', // 6
        `d,2026-11-04,"三${eol}行${eol}班"`, // 7–9
        '   ', // 10
        'e,2026-11-05,夜', // 11
      ].join(eol);
      const table = await readCsvTable(text, COLUMNS);
      assert.deepEqual(
        table.records.map((r) => [r.cells[0], r.row]),
        [
          ['a', 2],
          ['b', 3],
          ['c', 5],
          ['d', 7],
          ['e', 11],
        ],
        JSON.stringify(eol),
      );
    }
  });

  it('numbers every row by its first line with LF or CRLF, blank lines and multi-line cells of either', async () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9班]{1,6}$/),
      fc
        .array(fc.stringMatching(/^[a-z班 ,]{0,4}$/), { minLength: 2, maxLength: 3 })
        .chain((parts) =>
          fc
            .array(fc.constantFrom(...EOLS), { minLength: parts.length - 1, maxLength: parts.length - 1 })
            .map((eols) => ({ parts, eols })),
        ),
    );
    const record = fc.tuple(cell, cell, cell);
    const file = fc.record({
      records: fc.array(fc.record({ cells: record, blanks: fc.nat(2) }), {
        minLength: 1,
        maxLength: 20,
      }),
      // One record delimiter per file (csv-parse detects it once); line breaks inside cells may differ.
      eol: fc.constantFrom(...EOLS),
      bom: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ records, eol, bom }) => {
        let text = `${bom ? '\uFEFF' : ''}agent,date,shift${eol}`;
        let line = 2;
        const expected: [string, number][] = [];
        for (const [i, r] of records.entries()) {
          text += eol.repeat(r.blanks);
          line += r.blanks;
          const start = line;
          // The first cell names the record; the others may span lines.
          const cells = r.cells.slice(1).map((c) => {
            if (typeof c === 'string') return c;
            line += c.eols.length;
            return `"${c.parts.map((p, k) => p + (c.eols[k] ?? '')).join('')}"`;
          });
          expected.push([`r${i}`, start]);
          text += [`r${i}`, ...cells].join(',');
          if (i < records.length - 1) {
            text += eol;
            line++;
          }
        }
        const table = await readCsvTable(text, COLUMNS);
        assert.deepEqual(
          table.records.map((rec) => [rec.cells[0], rec.row]),
          expected,
          JSON.stringify(text),
        );
      }),
      { numRuns: 300 },
    );
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
      // As data too, so the user and roster import dialogs say it in the reader's language.
      assert.deepEqual(
        (err.details as { problem: string; line: number }[]).map((d) => [d.problem, d.line]),
        [['unreadable_csv', lines]],
      );
      return true;
    });
    await assert.rejects(readCsvTable('\n\n', COLUMNS), /empty/);
    await assert.rejects(readCsvTable('agent,day\nx,2026-11-02\n', COLUMNS), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.match(err.message, /lacks the column\(s\): date\./);
      assert.deepEqual(err.details, [
        { path: ['file'], message: 'agent,date[,shift]', problem: 'missing_columns', columns: ['date'] },
      ]);
      return true;
    });
  });
});
