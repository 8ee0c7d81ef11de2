import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectCompliance } from './compliance.projection.ts';

const base = {
  checks: 0,
  monthlyQuota: 20,
  dailyQuota: 3,
  pending: 0,
  closedShiftDays: 0,
  remainingShiftDays: 0,
  monthOver: false,
};

describe('projectCompliance', () => {
  it('is on track once the quota is met, whatever is left', () => {
    assert.deepEqual(projectCompliance({ ...base, checks: 20 }), { status: 'on_track', projected: 20 });
    assert.equal(projectCompliance({ ...base, checks: 25, monthOver: true }).status, 'on_track');
  });

  it('projects checks + pending + pace × remaining shift days', () => {
    // pace (8 + 2) / 5 = 2 a day; 8 + 2 + 2 × 6 = 22
    const p = projectCompliance({
      ...base,
      checks: 8,
      pending: 2,
      closedShiftDays: 5,
      remainingShiftDays: 6,
    });
    assert.deepEqual(p, { status: 'on_track', projected: 22 });
  });

  it('is at risk when the pace falls short but the daily quota could still make it', () => {
    // pace 1; 5 + 1 × 6 = 11 < 20, but 5 + 3 × 6 = 23 ≥ 20
    const p = projectCompliance({ ...base, checks: 5, closedShiftDays: 5, remainingShiftDays: 6 });
    assert.deepEqual(p, { status: 'at_risk', projected: 11 });
  });

  it('has missed when even the daily quota on every remaining shift day cannot make it', () => {
    // 5 + 3 × 4 = 17 < 20
    assert.equal(
      projectCompliance({ ...base, checks: 5, closedShiftDays: 5, remainingShiftDays: 4 }).status,
      'missed',
    );
    assert.equal(projectCompliance({ ...base, checks: 19, monthOver: true }).status, 'missed');
  });

  it('keeps a finished month at risk while pending assignments could still complete it', () => {
    assert.deepEqual(projectCompliance({ ...base, checks: 17, pending: 3, monthOver: true }), {
      status: 'at_risk',
      projected: 20,
    });
    assert.equal(projectCompliance({ ...base, checks: 17, pending: 2, monthOver: true }).status, 'missed');
  });

  it('assumes the daily quota before the first shift day', () => {
    // 0 + 3 × 7 = 21
    assert.deepEqual(projectCompliance({ ...base, remainingShiftDays: 7 }), {
      status: 'on_track',
      projected: 21,
    });
  });

  it('uses the pace when it beats the daily quota for what is still reachable', () => {
    // pace 4 (overtime checks): 8 + 4 × 3 = 20 — the daily quota alone (8 + 9 = 17) would say missed
    const p = projectCompliance({ ...base, checks: 8, closedShiftDays: 2, remainingShiftDays: 3 });
    assert.deepEqual(p, { status: 'on_track', projected: 20 });
  });
});
