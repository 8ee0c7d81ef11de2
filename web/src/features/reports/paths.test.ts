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

  it("falls back to report.policy.ts's roles while /me does not list the action", () => {
    assert.equal(canOpenReport(me(['hr']), 'kpi'), true);
    assert.equal(canOpenReport(me(['agent']), 'kpi'), false);
    assert.equal(canOpenReport(me(['agent']), 'quality'), true);
    assert.equal(canOpenReport(me(['qa']), 'qaSummary'), true);
    assert.equal(canOpenReport(me(['qa']), 'qaSummaryWrite'), false);
    assert.equal(canOpenReport(me(['qa_lead']), 'qaSummaryWrite'), true);
    assert.equal(canOpenReport(me(['kb_editor']), 'daily'), false);
  });
});
