import {
  PROPOSAL_DEFAULTS,
  PROPOSAL_LIMITS,
  PROPOSAL_REQUEST_THRESHOLDS,
  type ProposalRequestThreshold,
  type TProposal,
  type TProposeRequest,
} from '../../../../shared/schemas/compliance.ts';

/**
 * The thresholds a QA lead may set on the monthly plan page, as the inputs show them: rates in
 * percent (4 for 4 %), extra checks a day and targeted items as whole numbers. The request sends
 * rates as shares (0.04).
 */
export type ThresholdInputs = Record<ProposalRequestThreshold, number>;

const RATES: readonly ProposalRequestThreshold[] = ['min_pass_rate', 'max_fatal_rate'];
const isRate = (key: ProposalRequestThreshold) => RATES.includes(key);

/** A share as a percentage to two decimals (0.04 → 4, 0.125 → 12.5), free of float noise. */
const toPercent = (share: number) => Math.round(share * 10_000) / 100;
/** A percentage as a share (4 → 0.04, 12.5 → 0.125), free of float noise. */
const toShare = (pct: number) => Math.round(pct * 100) / 10_000;

/** Bounds and step of each input, in the input's own unit (percent for the rates). */
export const THRESHOLD_INPUT_BOUNDS: Record<
  ProposalRequestThreshold,
  { min: number; max: number; step: number; precision: number }
> = {
  min_pass_rate: {
    min: toPercent(PROPOSAL_LIMITS.min_pass_rate.min),
    max: toPercent(PROPOSAL_LIMITS.min_pass_rate.max),
    step: 1,
    precision: 1,
  },
  max_fatal_rate: {
    min: toPercent(PROPOSAL_LIMITS.max_fatal_rate.min),
    max: toPercent(PROPOSAL_LIMITS.max_fatal_rate.max),
    step: 0.5,
    precision: 1,
  },
  extra_daily: { ...PROPOSAL_LIMITS.extra_daily, step: 1, precision: 0 },
  top_items: { ...PROPOSAL_LIMITS.top_items, step: 1, precision: 0 },
};

/** The server's defaults, in the inputs' units. */
export const DEFAULT_THRESHOLD_INPUTS: ThresholdInputs = inputsOf({});

/**
 * The inputs for a set of thresholds (a proposal's, so regenerating starts from what it used);
 * a missing one takes the default. A proposal made before `max_fatal_rate` existed counted any
 * fatal error, as 0 does.
 */
export function inputsOf(
  thresholds: Partial<Record<ProposalRequestThreshold, number>>,
  legacy = false,
): ThresholdInputs {
  const out = {} as ThresholdInputs;
  for (const key of PROPOSAL_REQUEST_THRESHOLDS) {
    const value = thresholds[key] ?? (legacy && key === 'max_fatal_rate' ? 0 : PROPOSAL_DEFAULTS[key]);
    out[key] = isRate(key) ? toPercent(value) : value;
  }
  return out;
}

/** The inputs a proposal was made with. */
export const inputsOfProposal = (proposal: TProposal): ThresholdInputs => inputsOf(proposal.thresholds, true);

/** A value typed into one input, kept within its bounds and precision; empty takes the default. */
export function clampInput(key: ProposalRequestThreshold, value: number | null): number {
  if (value === null || !Number.isFinite(value)) return DEFAULT_THRESHOLD_INPUTS[key];
  const { min, max, precision } = THRESHOLD_INPUT_BOUNDS[key];
  const factor = 10 ** precision;
  return Math.min(max, Math.max(min, Math.round(value * factor) / factor));
}

/** The body of POST /compliance/proposals for a month with these thresholds. */
export function proposeRequest(
  month: string,
  replace: boolean,
  inputs: ThresholdInputs,
): Pick<TProposeRequest, 'month' | 'replace' | ProposalRequestThreshold> {
  return {
    month,
    replace,
    min_pass_rate: toShare(inputs.min_pass_rate),
    max_fatal_rate: toShare(inputs.max_fatal_rate),
    extra_daily: inputs.extra_daily,
    top_items: inputs.top_items,
  };
}

/** Whether two sets of inputs differ anywhere. */
export const inputsDiffer = (a: ThresholdInputs, b: ThresholdInputs): boolean =>
  PROPOSAL_REQUEST_THRESHOLDS.some((k) => a[k] !== b[k]);
