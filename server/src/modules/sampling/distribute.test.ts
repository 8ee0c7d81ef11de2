import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { distribute } from './distribute.ts';

const inspectorsArb = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 40 }),
    capacity: fc.integer({ min: 0, max: 30 }),
    load: fc.constant(0),
  }),
  { selector: (i) => i.id, minLength: 0, maxLength: 8 },
);
const contactsArb = fc
  .array(fc.integer({ min: 100, max: 130 }), { maxLength: 120 })
  .map((agents) => agents.map((agent_id, i) => ({ id: i + 1, agent_id })));

describe('distribute', () => {
  it('places every contact once, never beyond capacity, and evenly (≤ 1) among inspectors with room', () => {
    fc.assert(
      fc.property(inspectorsArb, contactsArb, (inspectors, contacts) => {
        const { placed, overflow, added } = distribute(contacts, inspectors);
        assert.equal(placed.size + overflow.length, contacts.length);
        const capacity = inspectors.reduce((s, i) => s + i.capacity, 0);
        assert.equal(placed.size, Math.min(contacts.length, capacity));
        for (const i of inspectors) assert.ok((added.get(i.id) ?? 0) <= i.capacity);
        // An inspector below capacity is never more than one behind anyone.
        const loads = inspectors.map((i) => ({ ...i, n: added.get(i.id) ?? 0 }));
        for (const low of loads.filter((l) => l.n < l.capacity))
          for (const other of loads) assert.ok(other.n - low.n <= 1, `${other.n} vs ${low.n}`);
      }),
    );
  });

  it('levels up uneven earlier loads first', () => {
    const { added } = distribute(
      [1, 2, 3, 4].map((id) => ({ id, agent_id: 99 })),
      [
        { id: 1, capacity: 10, load: 5 },
        { id: 2, capacity: 10, load: 2 },
      ],
    );
    assert.deepEqual([added.get(1), added.get(2)], [1, 3]);
  });

  it('never gives an inspector their own contacts, and spreads a CSR over inspectors', () => {
    const { placed, overflow } = distribute(
      [
        { id: 1, agent_id: 7 },
        { id: 2, agent_id: 8 },
        { id: 3, agent_id: 8 },
      ],
      [
        { id: 7, capacity: 5, load: 0 },
        { id: 9, capacity: 5, load: 0 },
      ],
    );
    assert.equal(placed.get(1), 9);
    assert.notEqual(placed.get(2), placed.get(3));
    assert.deepEqual(overflow, []);
  });
});
