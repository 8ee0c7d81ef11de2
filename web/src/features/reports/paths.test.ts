import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TMe } from '../../../../shared/schemas/session.ts';
import { canOpenReport } from './paths.ts';

const me = (roles: TMe['roles'], abilities: Record<string, boolean> = {}): TMe => ({
  id: 1,
  username: 'u',
  display_name: 'U',
  roles,
  team_id: null,
  team_name: null,
  timezone: 'Asia/Shanghai',
  abilities,
});

describe('canOpenReport', () => {
  it("follows GET /me's ability when the server lists it", () => {
    assert.equal(canOpenReport(me(['agent'], { 'reports.kpi': true }), 'kpi'), true);
    assert.equal(canOpenReport(me(['hr'], { 'reports.kpi': false }), 'kpi'), false);
  });

  it('keeps a page closed when /me does not grant its action, whatever the roles', () => {
    assert.equal(canOpenReport(me(['hr']), 'kpi'), false);
    assert.equal(
      canOpenReport(me(['qa_lead'], { 'reports.qa_summary.read': true }), 'qaSummaryWrite'),
      false,
    );
  });
});
