import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeIp } from './ip-address.ts';

describe('normalizeIp', () => {
  it('shows an IPv4 client of a dual-stack socket as its IPv4 address', () => {
    assert.equal(normalizeIp('::ffff:1.2.3.4'), '1.2.3.4');
    assert.equal(normalizeIp('::FFFF:203.0.113.9'), '203.0.113.9');
    assert.equal(normalizeIp('::ffff:7f00:1'), '127.0.0.1', 'the hexadecimal spelling');
    assert.equal(normalizeIp('[::ffff:10.0.0.1]:8443'), '10.0.0.1');
  });

  it('keeps real IPv6 (lower case) and IPv4 as they are', () => {
    assert.equal(normalizeIp('::1'), '::1');
    assert.equal(normalizeIp('2001:DB8::7'), '2001:db8::7');
    assert.equal(normalizeIp('::ffff:0:1.2.3.4'), '::ffff:0:1.2.3.4', 'IPv4-translated, not mapped');
    assert.equal(normalizeIp('64:ff9b::1.2.3.4'), '64:ff9b::1.2.3.4');
    assert.equal(normalizeIp('198.51.100.4'), '198.51.100.4');
  });

  it('drops a port a proxy appended', () => {
    assert.equal(normalizeIp('198.51.100.4:51234'), '198.51.100.4');
    assert.equal(normalizeIp('[2001:db8::1]:443'), '2001:db8::1');
  });

  it('leaves what is not an address as it was; blank is nothing', () => {
    assert.equal(normalizeIp(' unknown '), 'unknown');
    assert.equal(normalizeIp(''), null);
    assert.equal(normalizeIp('  '), null);
    assert.equal(normalizeIp(null), null);
    assert.equal(normalizeIp(undefined), null);
  });
});
