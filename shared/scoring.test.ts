import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type AnswerResult, type ScoringItem, checkAnswers, percentHalfUp, scoreAnswers } from './scoring.ts';

const item = (id: number, points: number, fatal = false, category = 'knowledge'): ScoringItem => ({
  id,
  points,
  fatal,
  category,
});

describe('scoreAnswers (SPEC §3)', () => {
  it('rounds half up to one decimal: 13 of 16 points is 81.3', () => {
    const items = [item(1, 13), item(2, 3)];
    const r = scoreAnswers(
      items,
      [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'fail' },
      ],
      80,
    );
    assert.equal(r.score, 81.3);
    assert.equal(r.passed, true);
    assert.deepEqual(r.failed_item_ids, [2]);
  });

  it('removes N/A items from the denominator', () => {
    const items = [item(1, 10), item(2, 10), item(3, 20)];
    const r = scoreAnswers(
      items,
      [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'fail' },
        { item_id: 3, result: 'na' },
      ],
      60,
    );
    assert.equal(r.score, 50);
    assert.equal(r.applicable_points, 20);
    assert.equal(r.passed, false);
  });

  it('gives 100 when every item is N/A', () => {
    const r = scoreAnswers([item(1, 5)], [{ item_id: 1, result: 'na' }], 80);
    assert.equal(r.score, 100);
    assert.equal(r.passed, true);
  });

  it('makes the score 0 and fatal on any fatal fail, whatever else', () => {
    const items = [item(1, 90), item(2, 10, true)];
    const r = scoreAnswers(
      items,
      [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'fail' },
      ],
      0,
    );
    assert.equal(r.score, 0);
    assert.equal(r.fatal, true);
    assert.equal(r.passed, false, 'a fatal evaluation never passes, even with pass mark 0');
    assert.deepEqual(r.fatal_item_ids, [2]);
  });

  it('earns a fatal item its points when passed', () => {
    const r = scoreAnswers(
      [item(1, 10, true), item(2, 30)],
      [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'fail' },
      ],
      80,
    );
    assert.equal(r.score, 25);
    assert.equal(r.fatal, false);
  });

  it('handles decimal points exactly (0.1 + 0.2)', () => {
    const r = scoreAnswers(
      [item(1, 0.1), item(2, 0.2), item(3, 0.3)],
      [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'pass' },
        { item_id: 3, result: 'fail' },
      ],
      50,
    );
    assert.equal(r.score, 50);
  });

  it('tallies categories by applicable and passed items', () => {
    const r = scoreAnswers(
      [item(1, 5, false, 'attitude'), item(2, 5, false, 'attitude'), item(3, 5, false, 'phrasing')],
      [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'fail' },
        { item_id: 3, result: 'na' },
      ],
      80,
    );
    assert.deepEqual(r.categories, { attitude: { applicable: 2, passed: 1 } });
    assert.deepEqual(r.failed_item_ids, [2]);
    assert.deepEqual(r.na_item_ids, [3]);
  });

  it('lists unanswered items (a draft) with the N/A ones, in item order', () => {
    const r = scoreAnswers(
      [item(1, 5), item(2, 5), item(3, 5), item(4, 5)],
      [
        { item_id: 3, result: 'na' },
        { item_id: 2, result: 'fail' },
      ],
      80,
    );
    assert.deepEqual(r.failed_item_ids, [2]);
    assert.deepEqual(r.na_item_ids, [1, 3, 4]);
  });

  it('percentHalfUp rounds .x5 up and stays exact', () => {
    assert.equal(percentHalfUp(1, 8), 12.5); // 12.5 exactly
    assert.equal(percentHalfUp(1, 16), 6.3); // 6.25 → 6.3
    assert.equal(percentHalfUp(2, 3), 66.7);
    assert.equal(percentHalfUp(1, 3), 33.3);
    assert.equal(percentHalfUp(0, 7), 0);
  });
});

describe('scoring properties', () => {
  const arbItems = fc
    .array(
      fc.record({
        points: fc.integer({ min: 1, max: 10000 }).map((c) => c / 100),
        fatal: fc.boolean(),
        category: fc.constantFrom('knowledge', 'communication', 'attitude'),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((list) => list.map((x, i) => ({ ...x, id: i + 1 })));
  const arbCase = arbItems.chain((items) =>
    fc.record({
      items: fc.constant(items),
      results: fc.array(fc.constantFrom<AnswerResult>('pass', 'fail', 'na'), {
        minLength: items.length,
        maxLength: items.length,
      }),
      passMark: fc.integer({ min: 0, max: 100 }),
    }),
  );
  const answersOf = (results: AnswerResult[]) => results.map((result, i) => ({ item_id: i + 1, result }));

  it('keeps the score within [0, 100]', () => {
    fc.assert(
      fc.property(arbCase, ({ items, results, passMark }) => {
        const { score } = scoreAnswers(items, answersOf(results), passMark);
        return score >= 0 && score <= 100;
      }),
    );
  });

  it('gives 0 whenever a fatal item fails', () => {
    fc.assert(
      fc.property(arbCase, ({ items, results, passMark }) => {
        const r = scoreAnswers(items, answersOf(results), passMark);
        const anyFatalFail = items.some((it, i) => it.fatal && results[i] === 'fail');
        return anyFatalFail ? r.score === 0 && r.fatal && !r.passed : !r.fatal;
      }),
    );
  });

  it('never lowers a score when a failed item is marked N/A, or an N/A item is added', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), ({ items, results, passMark }, pick) => {
        const base = scoreAnswers(items, answersOf(results), passMark).score;
        const i = pick % items.length;
        if (results[i] === 'fail') {
          const changed = [...results];
          changed[i] = 'na';
          if (scoreAnswers(items, answersOf(changed), passMark).score < base) return false;
        }
        const extra = { id: items.length + 1, points: 5, fatal: false, category: 'knowledge' };
        const withNa = scoreAnswers(
          [...items, extra],
          [...answersOf(results), { item_id: extra.id, result: 'na' }],
          passMark,
        );
        return withNa.score === base;
      }),
    );
  });

  it('never lowers a score when a failed non-fatal item becomes a pass', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), ({ items, results, passMark }, pick) => {
        const i = pick % items.length;
        if (results[i] !== 'fail' || items[i]?.fatal) return true;
        const changed = [...results];
        changed[i] = 'pass';
        return (
          scoreAnswers(items, answersOf(changed), passMark).score >=
          scoreAnswers(items, answersOf(results), passMark).score
        );
      }),
    );
  });
});

describe('checkAnswers', () => {
  const items = [
    { ...item(1, 5), allow_na: true },
    { ...item(2, 5), allow_na: false },
  ];
  it('accepts exactly one answer per item', () => {
    assert.deepEqual(
      checkAnswers(items, [
        { item_id: 1, result: 'na' },
        { item_id: 2, result: 'pass' },
      ]),
      [],
    );
  });
  it('reports missing, duplicate, unknown and forbidden N/A answers', () => {
    const problems = checkAnswers(items, [
      { item_id: 1, result: 'pass' },
      { item_id: 1, result: 'fail' },
      { item_id: 9, result: 'pass' },
    ]);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['answered twice', 'not an item of this form version', 'not answered'],
    );
    assert.deepEqual(
      checkAnswers(items, [
        { item_id: 1, result: 'pass' },
        { item_id: 2, result: 'na' },
      ]).map((p) => p.message),
      ['N/A is not allowed for this item'],
    );
  });
});
