import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../errors.ts';
import { type CsvRecord, CsvScanner } from './import.csv.ts';
import { storableText } from '../../http/file-error.ts';
import { csvRecords } from './import.sources.ts';

/** Scans `text` fed in pieces cut at `cuts` (positions), then ends. */
function scan(text: string, cuts: number[] = [], maxRecordChars?: number): CsvRecord[] {
  const scanner = new CsvScanner(maxRecordChars);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...scanner.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...scanner.push(text.slice(from)), ...scanner.end());
  return out;
}

const cellsOf = (records: CsvRecord[]) =>
  records.map((r) => ('cells' in r ? [r.row, ...r.cells] : [r.row, r.error.code]));

/** A cell as a careful writer puts it: quoted when it holds a comma, quote or line break. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe('CSV scanner', () => {
  it('reads any table written with quotes, any line ends, empty lines and any chunking, numbering lines', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', '\r', '中', '😀', '\\', '\t'),
      maxLength: 8,
    });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 12 });
    const layout = fc.record({
      eols: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 12, maxLength: 12 }),
      blanks: fc.array(fc.nat(2), { minLength: 12, maxLength: 12 }),
      bom: fc.boolean(),
      finalEol: fc.boolean(),
      cuts: fc.array(fc.nat(400), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(table, layout, (rows, { eols, blanks, bom, finalEol, cuts }) => {
        let text = bom ? '\uFEFF' : '';
        const starts: number[] = [];
        rows.forEach((cells, i) => {
          const eol = eols[i] ?? '\n';
          text += eol.repeat(blanks[i] ?? 0);
          starts.push(text.length);
          text += cells.map(quote).join(',');
          if (i < rows.length - 1 || finalEol) text += eol;
        });
        // The oracle: a record's row is 1 + the line ends before it (CR then LF is one line end).
        const lineAt = (offset: number) => 1 + (text.slice(0, offset).match(/\r\n|\r|\n/g) ?? []).length;
        const expected = rows.map((cells, i) => [lineAt(starts[i] ?? 0), ...cells]);
        const got = scan(
          text,
          cuts.filter((c) => c < text.length),
        );
        assert.deepEqual(cellsOf(got), expected);
      }),
      { numRuns: 400 },
    );
  });

  it('numbers rows as lines with LF, CRLF and lone CR line ends, also inside quoted cells', () => {
    const text = 'h1,h2\r\n"a\r\nb",1\r\n\r\nc,2\rd,"x\ry"\ne,3';
    assert.deepEqual(cellsOf(scan(text)), [
      [1, 'h1', 'h2'],
      [2, 'a\r\nb', '1'],
      [5, 'c', '2'],
      [6, 'd', 'x\ry'],
      [8, 'e', '3'],
    ]);
    // A CR at the end of one chunk and its LF at the start of the next is one line end.
    assert.deepEqual(cellsOf(scan(text, [6, 7, 12])), cellsOf(scan(text)));
  });

  it('drops a byte order mark and keeps doubled quotes, commas and backslashes in quoted cells', () => {
    assert.deepEqual(cellsOf(scan('\uFEFFa,"say ""hi"", then \\N"\n')), [[1, 'a', 'say "hi", then \\N']]);
  });

  it('rejects a record with a quote out of place on its own line, and reads on', () => {
    const text = ['h1,h2', 'ok,1', '"138"x,2', '13"8,3', 'a,"b"c', 'ok,4'].join('\n');
    assert.deepEqual(cellsOf(scan(text)), [
      [1, 'h1', 'h2'],
      [2, 'ok', '1'],
      [3, 'bad_csv'],
      [4, 'bad_csv'],
      [5, 'bad_csv'],
      [6, 'ok', '4'],
    ]);
    const bad = scan(text)[2];
    assert.ok(bad && 'error' in bad);
    assert.match(bad.error.reason, /out of place/);
  });

  it('reports a quote never closed on the line where it opens, up to the last line', () => {
    const text = 'h1,h2\nok,1\nx,"open\nmore,2\nlast,3\n';
    const got = scan(text, [14, 20]);
    assert.deepEqual(cellsOf(got), [
      [1, 'h1', 'h2'],
      [2, 'ok', '1'],
      [3, 'bad_csv'],
    ]);
    const bad = got[2];
    assert.ok(bad && 'error' in bad);
    assert.match(bad.error.reason, /never closed.*to line 5/);
  });

  it('stops at a record longer than the limit instead of holding it', () => {
    const long = `a,"${'x'.repeat(5000)}`;
    assert.throws(
      () => scan(`h1,h2\n${long}\nb,2\n`, [100, 1000, 2000, 3000, 4000], 1000),
      (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.match(err.message, /line 2 is longer than/);
        // As data, so the web app says it in the reader's language (line and limit included).
        assert.deepEqual(err.details, [
          {
            path: ['file'],
            message: 'a quoted cell may be missing its closing quote',
            problem: 'record_too_long',
            line: 2,
            limit_mb: 0,
          },
        ]);
        return true;
      },
    );
    // Under the limit the same record is read, however it is cut.
    assert.equal(scan(`h1,h2\n${long}"\nb,2\n`, [100, 1000, 2000, 3000, 4000], 10_000).length, 3);
  });
});

describe('CSV file records', () => {
  it('reads the file a chunk at a time: the first records come before the file is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-csv-'));
    try {
      const file = path.join(dir, 'big.csv');
      const lines = ['external_id,agent,started_at,duration_s,channel'];
      for (let i = 0; i < 100_000; i++) lines.push(`X${i},agent,2026-11-02 10:00,60,call`);
      fs.writeFileSync(file, lines.join('\n'));
      const size = fs.statSync(file).size;
      assert.ok(size > 3_000_000);
      let read = 0;
      const records = csvRecords(file, (n) => (read += n));
      const first = await records.next();
      assert.ok(!first.done && first.value.length > 0);
      assert.deepEqual(first.value[0], {
        row: 2,
        values: {
          external_id: 'X0',
          agent: 'agent',
          started_at: '2026-11-02 10:00',
          duration_s: '60',
          channel: 'call',
        },
      });
      assert.ok(read <= 2 * 64 * 1024, `read ${read} of ${size} bytes before the first records`);
      await records.return(undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a header row that cannot be read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-csv-'));
    try {
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(
        file,
        'external_id,"agent"x,started_at,duration_s,channel\nX1,a,2026-11-02 10:00,60,call\n',
      );
      await assert.rejects(
        async () => {
          for await (const _ of csvRecords(file, () => undefined)) {
            /* reads */
          }
        },
        (err: unknown) => err instanceof AppError && /header row cannot be read/.test(err.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** All records of a CSV file with these bytes, and the encoding the reader said it used. */
async function readFile(bytes: Buffer): Promise<{ records: unknown[]; encoding: string | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-csv-'));
  try {
    const file = path.join(dir, 'file.csv');
    fs.writeFileSync(file, bytes);
    const records: unknown[] = [];
    let encoding: string | null = null;
    for await (const batch of csvRecords(
      file,
      () => undefined,
      (e) => (encoding = e),
    )) {
      records.push(...batch);
    }
    return { records, encoding };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** GBK bytes of the few characters used here (Node has no GBK encoder). */
const GBK: Record<string, number[]> = {
  测: [0xb2, 0xe2],
  试: [0xca, 0xd4],
  客: [0xbf, 0xcd],
  户: [0xbb, 0xa7],
};
const gbk = (text: string) => Buffer.from([...text].flatMap((ch) => GBK[ch] ?? [ch.charCodeAt(0)]));

describe('CSV file encodings', () => {
  const header = 'external_id,agent,started_at,duration_s,channel,queue,customer_ref\n';
  const fixed = { agent: 'a', started_at: '2026-11-02 10:00', duration_s: '60', channel: 'call' };
  const at = (id: string) => `${id},a,2026-11-02 10:00,60,call,`;

  it('reads a GBK file (as Excel saves "CSV" in Chinese) as GB18030 and says so', async () => {
    const { records, encoding } = await readFile(gbk(`${header}${at('X1')}测试,客户 13800001234\n`));
    assert.equal(encoding, 'gb18030');
    assert.deepEqual(records, [
      { row: 2, values: { external_id: 'X1', ...fixed, queue: '测试', customer_ref: '客户 13800001234' } },
    ]);
  });

  it('reads UTF-8 as before, a character cut between two 64 KB chunks included', async () => {
    // Put a three-byte character across the first chunk's end.
    const lead = `${header}${at('X1')}q,`;
    const pad = 'x'.repeat(64 * 1024 - Buffer.byteLength(lead) - 1);
    const { records, encoding } = await readFile(Buffer.from(`${lead}${pad}客户\n`));
    assert.equal(encoding, 'utf-8');
    assert.deepEqual(records, [
      { row: 2, values: { external_id: 'X1', ...fixed, queue: 'q', customer_ref: `${pad}客户` } },
    ]);
  });

  it('rejects a later line of a UTF-8 file with bytes that are not UTF-8 on its line, keeping the others', async () => {
    const good = Array.from({ length: 3000 }, (_, i) => `${at(`X${i}`)}q,客户${i}\n`).join('');
    const bytes = Buffer.concat([
      Buffer.from(`${header}${good}`),
      Buffer.from(`${at('BAD')}q,`),
      gbk('客户'),
      Buffer.from(`\n${at('X-after')}q,ok\n`),
    ]);
    assert.ok(bytes.length > 64 * 1024, 'the bad line is past the sniffed start');
    const { records, encoding } = await readFile(bytes);
    assert.equal(encoding, 'utf-8');
    assert.equal(records.length, 3002);
    assert.deepEqual(records[3000], {
      row: 3002,
      error: {
        code: 'bad_encoding',
        reason:
          'customer_ref has bytes that are not UTF-8 text (shown as \ufffd); save the file as "CSV UTF-8" and import it again',
      },
      values: { external_id: 'BAD', ...fixed, queue: 'q', customer_ref: gbk('客户').toString('utf8') },
    });
    assert.deepEqual(records[3001], {
      row: 3003,
      values: { external_id: 'X-after', ...fixed, queue: 'q', customer_ref: 'ok' },
    });
  });

  it('refuses a file that is neither UTF-8 nor GB18030, naming the line', async () => {
    await assert.rejects(
      () => readFile(Buffer.concat([Buffer.from(header), Buffer.from([0x58, 0x2c, 0xff, 0x0a])])),
      (err: unknown) =>
        err instanceof AppError &&
        /not UTF-8 text \(line 2 has bytes that are not\), nor GB18030\/GBK/.test(err.message) &&
        (err.details as { problem: string }[])[0]?.problem === 'not_utf8',
    );
  });
});

describe('storableText', () => {
  it('drops NUL and replaces an unpaired surrogate, so PostgreSQL can store a failure message', () => {
    assert.equal(storableText('zip entry a\u0000b'), 'zip entry ab');
    assert.equal(storableText('cut 😀'.slice(0, 5)), 'cut \ufffd');
    assert.equal(storableText('客户 😀 ok'), '客户 😀 ok');
  });
});
