import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Actor } from '../../policies/actor.ts';
import {
  cachedSessionActor,
  cachedTokenActor,
  configureActorCache,
  forgetAllActors,
  forgetSession,
  forgetUser,
} from './actor-cache.ts';

const actor = (id: number): Actor => ({
  id,
  username: `u${id}`,
  display_name: `User ${id}`,
  roles: ['agent'],
  team_id: null,
  team_name: null,
  led_team_ids: [],
  via: 'session',
});

/** A lookup that counts its calls, as the database would see them. */
function lookup(found: Actor | null) {
  const calls = { count: 0 };
  const fn = () => {
    calls.count++;
    return Promise.resolve(found === null ? null : { ...found });
  };
  return { fn, calls };
}

describe('actor cache', () => {
  afterEach(() => configureActorCache(0));

  it('is off until configured: every request asks the database', async () => {
    const l = lookup(actor(1));
    await cachedSessionActor('s1', l.fn);
    await cachedSessionActor('s1', l.fn);
    assert.equal(l.calls.count, 2);
  });

  it('answers from memory within the TTL, and not a miss', async () => {
    configureActorCache(5);
    const found = lookup(actor(1));
    assert.equal((await cachedSessionActor('s1', found.fn))?.id, 1);
    assert.equal((await cachedSessionActor('s1', found.fn))?.id, 1);
    assert.equal(found.calls.count, 1);

    const missing = lookup(null);
    assert.equal(await cachedSessionActor('s2', missing.fn), null);
    assert.equal(await cachedSessionActor('s2', missing.fn), null);
    assert.equal(missing.calls.count, 2, 'a session made elsewhere must work at once');
  });

  it('hands out a frozen actor, so one request cannot change another one', async () => {
    configureActorCache(5);
    const a = await cachedSessionActor('s1', lookup(actor(1)).fn);
    assert.ok(a);
    assert.throws(() => a.roles.push('admin'));
    assert.throws(() => {
      a.display_name = 'changed';
    });
  });

  it('forgets a signed-out session, every credential of a changed user, or everything', async () => {
    configureActorCache(5);
    const l = lookup(actor(1));
    const t = lookup({ ...actor(1), via: 'token' });
    const other = lookup(actor(2));
    await cachedSessionActor('s1', l.fn);
    await cachedTokenActor('t1', t.fn);
    await cachedSessionActor('s2', other.fn);

    forgetSession('s1');
    await cachedSessionActor('s1', l.fn);
    await cachedTokenActor('t1', t.fn);
    assert.deepEqual([l.calls.count, t.calls.count], [2, 1]);

    forgetUser(1);
    await cachedSessionActor('s1', l.fn);
    await cachedTokenActor('t1', t.fn);
    await cachedSessionActor('s2', other.fn);
    assert.deepEqual([l.calls.count, t.calls.count, other.calls.count], [3, 2, 1]);

    forgetAllActors();
    await cachedSessionActor('s2', other.fn);
    assert.equal(other.calls.count, 2);
  });

  it('does not store a lookup that raced with an invalidation', async () => {
    configureActorCache(5);
    let release: () => void = () => undefined;
    const slow = lookup(actor(1));
    const pending = cachedSessionActor('s1', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return slow.fn(); // read before the sign-out committed
    });
    forgetSession('s1');
    release();
    await pending;
    await cachedSessionActor('s1', slow.fn);
    assert.equal(slow.calls.count, 2, 'the stale read was not cached');
  });

  it('lets concurrent misses of one credential share a single read (not with the cache off)', async () => {
    configureActorCache(5);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = lookup(actor(1));
    const gated = async () => {
      await gate;
      return slow.fn();
    };
    const answers = Promise.all(Array.from({ length: 50 }, () => cachedSessionActor('s1', gated)));
    release();
    const actors = await answers;
    assert.equal(slow.calls.count, 1, 'one database read for fifty requests');
    assert.ok(actors.every((a) => a?.id === 1 && Object.isFrozen(a)));

    configureActorCache(0);
    const each = lookup(actor(1));
    await Promise.all(Array.from({ length: 5 }, () => cachedSessionActor('s1', each.fn)));
    assert.equal(each.calls.count, 5, 'with the cache off every request reads for itself');
  });

  it('does not let a request join a read that began before an invalidation', async () => {
    configureActorCache(5);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const before = lookup(actor(1));
    const early = cachedSessionActor('s1', async () => {
      await gate;
      return before.fn();
    });
    forgetUser(1); // e.g. roles changed and committed while the read was under way
    const changed = lookup({ ...actor(1), roles: ['admin'] });
    const late = cachedSessionActor('s1', changed.fn);
    release();
    await early;
    assert.deepEqual((await late)?.roles, ['admin']);
    assert.equal(changed.calls.count, 1, 'the late request read for itself');
    assert.deepEqual((await cachedSessionActor('s1', changed.fn))?.roles, ['admin']);
  });

  it('expires entries after the TTL', async (t) => {
    t.mock.timers.enable({ apis: ['Date'] });
    configureActorCache(5);
    const l = lookup(actor(1));
    await cachedSessionActor('s1', l.fn);
    t.mock.timers.tick(4_900);
    await cachedSessionActor('s1', l.fn);
    assert.equal(l.calls.count, 1);
    t.mock.timers.tick(200);
    await cachedSessionActor('s1', l.fn);
    assert.equal(l.calls.count, 2);
  });
});
