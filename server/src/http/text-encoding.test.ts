import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { chunkDecoder, decodeUpload, sniffEncoding } from './text-encoding.ts';

/** '测试队列,张三' and the like in GBK, as Excel in a Chinese locale saves "CSV". */
const gbk = (text: string): Buffer => {
  // GB18030 has no encoder in Node; these are the GBK bytes of the characters used below.
  const table: Record<string, number[]> = {
    测: [0xb2, 0xe2],
    试: [0xca, 0xd4],
    客: [0xbf, 0xcd],
    户: [0xbb, 0xa7],
    您: [0xc4, 0xfa],
    好: [0xba, 0xc3],
  };
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(table[ch] ?? [ch.charCodeAt(0)]));
  return Buffer.from(bytes);
};

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError);
    return (err.details as { problem: string; line?: number }[])[0];
  }
  assert.fail('expected a file problem');
};

describe('upload text encoding', () => {
  it('reads the GBK bytes of the table as the characters (Node 20 has a GB18030 decoder)', () => {
    assert.equal(new TextDecoder('gb18030', { fatal: true }).decode(gbk('测试客户您好')), '测试客户您好');
  });

  it('takes UTF-8 (with or without a byte order mark, plain ASCII too) as UTF-8', () => {
    assert.equal(sniffEncoding(Buffer.from('a,b\n测试,1\n')), 'utf-8');
    assert.equal(sniffEncoding(Buffer.from('\ufeffa,b\n测试,1\n')), 'utf-8');
    assert.equal(sniffEncoding(Buffer.from('a,b\n1,2\n')), 'utf-8');
  });

  it('does not count a character cut at the end of the sniffed bytes as a fault', () => {
    const utf8 = Buffer.from('a,测');
    assert.equal(sniffEncoding(utf8.subarray(0, utf8.length - 1)), 'utf-8');
    const cut = Buffer.concat([Buffer.from('a,'), gbk('测试').subarray(0, 3)]);
    assert.equal(sniffEncoding(cut), 'gb18030');
    // Once the file is known to end there, a cut character is a fault.
    assert.equal(sniffEncoding(utf8.subarray(0, utf8.length - 1), true), 'gb18030');
  });

  it('takes a GBK file as GB18030, and bytes that are neither as nothing', () => {
    assert.equal(sniffEncoding(gbk('customer_ref\n客户 13800001234\n')), 'gb18030');
    // UTF-16 (Excel's "Unicode text") and binary: 0xFF is not a GB18030 lead byte.
    assert.equal(sniffEncoding(Buffer.from('\ufeffa,b', 'utf16le')), null);
    assert.equal(sniffEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x80, 0x80])), null);
  });

  it('decodes a GB18030 stream whole across any chunking, and an unreadable byte as U+FFFD', () => {
    const bytes = gbk('测试,客户\n您好,1\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = chunkDecoder('gb18030');
      const text = d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end();
      assert.equal(text, '测试,客户\n您好,1\n', `cut at ${cut}`);
    }
    const d = chunkDecoder('gb18030');
    assert.equal(d.write(Buffer.from([0x61, 0xff, 0x62])) + d.end(), 'a\ufffdb');
  });

  it('decodes a whole upload as UTF-8 or GB18030, and refuses one that is neither naming the line', () => {
    assert.deepEqual(decodeUpload(Buffer.from('username\n张三\n')), {
      text: 'username\n张三\n',
      encoding: 'utf-8',
    });
    assert.deepEqual(decodeUpload(gbk('username\n测试\n')), {
      text: 'username\n测试\n',
      encoding: 'gb18030',
    });
    const bad = Buffer.concat([Buffer.from('username\r\nok\r\n'), Buffer.from([0xff, 0x0a])]);
    assert.deepEqual(
      problemOf(() => decodeUpload(bad)),
      {
        path: ['file'],
        problem: 'not_utf8',
        message: 'save the file as "CSV UTF-8 (comma delimited)"',
        line: 3,
      },
    );
  });
});
