import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOwnSignature, nameKey } from './signature.ts';

describe('e-signature is the display name', () => {
  const stored = '阿依古丽·买买提'; // U+00B7

  it('takes the name with any of the middle dots input methods type', () => {
    for (const dot of [
      '\u00B7',
      '\u30FB',
      '\uFF65',
      '\u2022',
      '\u2027',
      '\u2219',
      '\u22C5',
      '\u2E31',
      '\u0387',
    ])
      assert.ok(isOwnSignature(`阿依古丽${dot}买买提`, stored), `U+${dot.codePointAt(0)?.toString(16)}`);
    // And the other way round: a name stored with another dot takes the standard one.
    assert.ok(isOwnSignature(stored, '阿依古丽・买买提'));
    assert.ok(isOwnSignature('Jean•Dupont', 'jean·dupont'));
  });

  it('ignores spaces around the dot and the name, and full-width forms', () => {
    assert.ok(isOwnSignature(' 阿依古丽 · 买买提 ', stored));
    assert.ok(isOwnSignature('阿依古丽　・　买买提', stored)); // ideographic spaces
    assert.ok(isOwnSignature('ＷＡＮＧ　Ｄａｎ', 'Wang Dan'));
    assert.ok(isOwnSignature('chen  fanyan', 'Chen Fanyan'));
    assert.equal(nameKey(' 阿依古丽 ・ 买买提 '), stored);
  });

  it('still refuses another name', () => {
    assert.ok(!isOwnSignature('阿依古丽', stored));
    assert.ok(!isOwnSignature('阿依古丽买买提', stored), 'the dot is not dropped');
    assert.ok(!isOwnSignature('阿依古丽.买买提', stored), 'a full stop is not a middle dot');
    assert.ok(!isOwnSignature('张三', '王丹'));
  });
});
