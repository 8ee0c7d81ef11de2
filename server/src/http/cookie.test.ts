import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'hono/utils/cookie';
import { readCookie } from './cookie.ts';

const NAME = 'zhijian_session';
const hono = (header: string) => parse(header, NAME)[NAME];

describe('readCookie', () => {
  it('reads the session cookie among others', () => {
    assert.equal(readCookie(`${NAME}=abc`, NAME), 'abc');
    assert.equal(readCookie(`theme=dark; ${NAME}=abc; lang=zh`, NAME), 'abc');
    assert.equal(readCookie(`x${NAME}=no; ${NAME}x=no`, NAME), undefined);
    assert.equal(readCookie(` \t${NAME} = "a%41b" ;`, NAME), 'aAb');
    assert.equal(readCookie(`${NAME}=bad\\value; ${NAME}=good`, NAME), 'good', 'the first valid one');
    assert.equal(readCookie('theme=dark', NAME), undefined);
  });

  it('answers what Hono getCookie answers, for any header', () => {
    const piece = fc.constantFrom(
      NAME,
      `${NAME}x`,
      `x${NAME}`,
      'theme',
      ';',
      '=',
      ' ',
      '\t',
      '"',
      '%',
      '%41',
      '%E4%B8%AD',
      '%zz',
      ',',
      '\\',
      '中',
      'a',
      'Z9-_.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const header = parts.join('');
        assert.equal(readCookie(header, NAME), hono(header), JSON.stringify(header));
      }),
      { numRuns: 20_000 },
    );
  });
});
