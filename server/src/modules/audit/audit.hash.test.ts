import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GENESIS_HASH, type HashedFields, canonicalJson, entryHash } from './audit.hash.ts';

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'z' } };
    const b = { a: { c: 'z', d: [1, { x: 1, y: 2 }] }, b: 1 };
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.equal(canonicalJson(a), '{"a":{"c":"z","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order and drops undefined like JSON does', () => {
    assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
    assert.equal(canonicalJson({ a: undefined, b: null }), '{"b":null}');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson('且'), '"且"');
  });

  it('survives a JSON round trip (as through jsonb)', () => {
    const value = { z: [true, null, 1.5, 'x'], a: { n: -3 } };
    assert.equal(canonicalJson(JSON.parse(JSON.stringify(value))), canonicalJson(value));
  });
});

describe('entryHash', () => {
  const base: HashedFields = {
    at: '2026-11-02T01:30:00.123Z',
    actor_id: 7,
    actor_username: 'admin',
    action: 'user.update',
    entity_type: 'user',
    entity_id: '42',
    before: { display_name: 'A' },
    after: { display_name: 'B' },
    ip: '10.0.0.1',
  };

  it('is a stable SHA-256 hex digest', () => {
    const h = entryHash(GENESIS_HASH, base);
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(entryHash(GENESIS_HASH, { ...base }), h);
    assert.equal(entryHash(GENESIS_HASH, { ...base, at: new Date(base.at) }), h, 'Date or ISO string alike');
    assert.equal(
      entryHash(GENESIS_HASH, { ...base, after: { display_name: 'B' }, before: { display_name: 'A' } }),
      h,
    );
  });

  it('changes with the previous hash and with every field', () => {
    const h = entryHash(GENESIS_HASH, base);
    assert.notEqual(entryHash('1'.repeat(64), base), h);
    const changes: Partial<HashedFields>[] = [
      { at: '2026-11-02T01:30:00.124Z' },
      { actor_id: 8 },
      { actor_id: null },
      { actor_username: 'root' },
      { action: 'user.create' },
      { entity_type: 'team' },
      { entity_id: '43' },
      { entity_id: null },
      { before: { display_name: 'a' } },
      { before: null },
      { after: { display_name: 'B', extra: 1 } },
      { ip: '10.0.0.2' },
      { ip: null },
    ];
    const hashes = changes.map((c) => entryHash(GENESIS_HASH, { ...base, ...c }));
    for (const [i, other] of hashes.entries()) assert.notEqual(other, h, JSON.stringify(changes[i]));
    assert.equal(new Set(hashes).size, hashes.length);
  });
});
