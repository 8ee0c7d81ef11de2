import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROPOSAL_DEFAULTS, ZProposeRequest } from '../../../../shared/schemas/compliance.ts';
import {
  DEFAULT_THRESHOLD_INPUTS,
  THRESHOLD_INPUT_BOUNDS,
  clampInput,
  inputsDiffer,
  inputsOf,
  proposeRequest,
} from './proposalThresholds.ts';

describe('the monthly proposal’s thresholds on the page', () => {
  it('shows the server’s defaults in the inputs’ units and sends them back as they were', () => {
    assert.deepEqual(DEFAULT_THRESHOLD_INPUTS, {
      min_pass_rate: 80,
      max_fatal_rate: 4,
      extra_daily: 2,
      top_items: 5,
    });
    const body = proposeRequest('2026-12', false, DEFAULT_THRESHOLD_INPUTS);
    assert.deepEqual(body, {
      month: '2026-12',
      replace: false,
      min_pass_rate: PROPOSAL_DEFAULTS.min_pass_rate,
      max_fatal_rate: PROPOSAL_DEFAULTS.max_fatal_rate,
      extra_daily: PROPOSAL_DEFAULTS.extra_daily,
      top_items: PROPOSAL_DEFAULTS.top_items,
    });
    assert.equal(ZProposeRequest.safeParse(body).success, true);
  });

  it('changing a threshold changes the request: percentages become shares, exactly', () => {
    const inputs = { ...DEFAULT_THRESHOLD_INPUTS, max_fatal_rate: 2.5, min_pass_rate: 70, top_items: 0 };
    assert.equal(inputsDiffer(inputs, DEFAULT_THRESHOLD_INPUTS), true);
    const body = proposeRequest('2026-12', true, inputs);
    assert.equal(body.max_fatal_rate, 0.025);
    assert.equal(body.min_pass_rate, 0.7);
    assert.equal(body.top_items, 0);
    assert.equal(body.replace, true);
    assert.equal(proposeRequest('2026-12', false, { ...inputs, max_fatal_rate: 7 }).max_fatal_rate, 0.07);
    assert.equal(proposeRequest('2026-12', false, { ...inputs, max_fatal_rate: 0.1 }).max_fatal_rate, 0.001);
  });

  it('keeps every typed value within what the API accepts; empty takes the default', () => {
    assert.equal(clampInput('max_fatal_rate', 150), 100);
    assert.equal(clampInput('max_fatal_rate', -1), 0);
    assert.equal(clampInput('max_fatal_rate', 3.14159), 3.1);
    assert.equal(clampInput('extra_daily', 0), 1);
    assert.equal(clampInput('extra_daily', 2.6), 3);
    assert.equal(clampInput('top_items', 99), 20);
    assert.equal(clampInput('min_pass_rate', null), 80);
    for (const key of Object.keys(THRESHOLD_INPUT_BOUNDS) as (keyof typeof THRESHOLD_INPUT_BOUNDS)[]) {
      const { min, max } = THRESHOLD_INPUT_BOUNDS[key];
      for (const v of [min, max]) {
        const body = proposeRequest('2026-12', false, { ...DEFAULT_THRESHOLD_INPUTS, [key]: v });
        assert.equal(ZProposeRequest.safeParse(body).success, true, `${key}=${v}`);
      }
    }
  });

  it('starts from the thresholds a proposal was made with; an old one without a fatal rate counted any', () => {
    assert.deepEqual(inputsOf({ min_pass_rate: 0.85, max_fatal_rate: 0.03, extra_daily: 3, top_items: 4 }), {
      min_pass_rate: 85,
      max_fatal_rate: 3,
      extra_daily: 3,
      top_items: 4,
    });
    assert.equal(inputsOf({ min_pass_rate: 0.8, extra_daily: 2, top_items: 5 }, true).max_fatal_rate, 0);
  });
});
