import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardFormula, unguardFormula } from './csv-guard.ts';

describe('CSV formula guard', () => {
  it('puts an apostrophe before each formula start, and before nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      assert.equal(guardFormula(`${start}SUM(A1)`), `'${start}SUM(A1)`);
    for (const text of ['', '王丹', '1+1', "'=A1 quoted already", ' =A1'])
      assert.equal(guardFormula(text), text);
  });

  it('reading back takes off only the apostrophe the guard put there', () => {
    for (const text of ['=HYPERLINK("x")', '-12', '@cmd', '\tx', '王丹', "'quoted", "''=A1", ''])
      assert.equal(unguardFormula(guardFormula(text)), text);
    assert.equal(unguardFormula("'not a formula"), "'not a formula");
  });
});
