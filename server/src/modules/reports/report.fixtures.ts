/**
 * Test helpers of the reports tests (imported by *.test.ts only): evaluations made through the
 * API as an inspector would, and the SPEC §3 scoring recomputed by hand, independently of the
 * server, so the tests can check the report's figures against raw answers.
 */
import assert from 'node:assert/strict';
import { buildInteraction } from '../../../test/factories.ts';
import type { TestServer } from '../../../test/server.ts';

export type Result = 'pass' | 'fail' | 'na';
export type ItemDef = { id: number; category: string; points: number; fatal: boolean };
export type FormDef = { id: number; passMark: number; items: ItemDef[] };

/** Score, fatal and passed of one set of answers, by hand (SPEC §3), in integer tenths. */
export function handScore(
  form: FormDef,
  results: Result[],
): { score: number; fatal: boolean; passed: boolean } {
  let earned = 0;
  let applicable = 0;
  let fatal = false;
  form.items.forEach((item, i) => {
    const r = results[i];
    if (r === 'na') return;
    applicable += item.points;
    if (r === 'pass') earned += item.points;
    else if (item.fatal) fatal = true;
  });
  // 100 × earned ÷ applicable, half up to one decimal: tenths = floor((2000·e + a) / 2a).
  const score = fatal
    ? 0
    : applicable === 0
      ? 100
      : Math.floor((2000 * earned + applicable) / (2 * applicable)) / 10;
  return { score, fatal, passed: !fatal && score >= form.passMark };
}

/** Half-up rounding of a ratio of integers to `decimals` places, exactly. */
export function ratio(numerator: number, denominator: number, decimals: number): number | null {
  if (denominator === 0) return null;
  const f = 10 ** decimals;
  return Math.floor((2 * f * numerator + denominator) / (2 * denominator)) / f;
}

export type Made = {
  id: number;
  version: number;
  score: number | null;
  local_date: string;
  revision: number;
};

/** One evaluation through POST /api/v1/evaluations, of a fresh interaction started at `startedAt`. */
export async function makeEvaluation(
  server: TestServer,
  input: {
    inspectorId: number;
    agentId: number;
    form: FormDef;
    startedAt: string;
    results: Result[];
    submit?: boolean;
    positives?: string | null;
    negatives?: string | null;
    method?: 'test_call' | 'side_by_side' | 'on_site' | 'recording_review';
  },
): Promise<Made> {
  const interaction = await buildInteraction(server.database.db, {
    agentId: input.agentId,
    startedAt: input.startedAt,
  });
  const res = await server.request('POST', '/api/v1/evaluations', {
    as: input.inspectorId,
    body: {
      interaction_id: interaction.id,
      form_id: input.form.id,
      method: input.method ?? 'recording_review',
      answers: input.form.items.map((item, i) => ({ item_id: item.id, result: input.results[i] ?? 'pass' })),
      positives: input.positives ?? null,
      negatives: input.negatives ?? null,
      submit: input.submit ?? true,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.body as unknown as Made;
}

/** A small seeded generator, so the data set is the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
