import type { z } from 'zod';

/**
 * A transcript's first problem, in words a person who prepared the file understands, instead of
 * the validator's own text. The API sends the English sentence plus this structure (so the web app
 * can say it in the user's language); `turn` counts from 1, as people count.
 */
export const TRANSCRIPT_PROBLEMS = [
  'not_a_list',
  'too_many_turns',
  'not_a_turn',
  'missing',
  'bad_speaker',
  'not_seconds',
  'negative',
  'end_before_start',
  'not_text',
  'text_too_long',
  'invalid',
] as const;
export type TranscriptProblem = (typeof TRANSCRIPT_PROBLEMS)[number];

export const TRANSCRIPT_FIELDS = ['speaker', 'start_s', 'end_s', 'text'] as const;
export type TranscriptField = (typeof TRANSCRIPT_FIELDS)[number];

export type TranscriptIssue = {
  problem: TranscriptProblem;
  /** The turn, counted from 1; null for the transcript as a whole. */
  turn: number | null;
  field: TranscriptField | null;
  /** The limit broken (turns or characters), when there is one. */
  limit?: number;
};

const FIELDS = TRANSCRIPT_FIELDS;

/** What the web app and the API call each field. */
export const TRANSCRIPT_FIELD_NAMES: Record<TranscriptField, string> = {
  speaker: 'speaker',
  start_s: 'start time',
  end_s: 'end time',
  text: 'text',
};

/** The first zod issue of a ZTranscript failure on `turns`, as a TranscriptIssue. */
export function transcriptIssueOf(error: z.ZodError, turns: unknown): TranscriptIssue {
  const issue = error.issues[0];
  if (!issue) return { problem: 'invalid', turn: null, field: null };
  const [index, key] = issue.path;
  const turn = typeof index === 'number' ? index + 1 : null;
  const field = FIELDS.find((f) => f === key) ?? null;
  const limit =
    'maximum' in issue && typeof issue.maximum === 'number' && Number.isFinite(issue.maximum)
      ? issue.maximum
      : undefined;
  if (turn === null) {
    if (issue.code === 'too_big') return { problem: 'too_many_turns', turn, field, limit };
    return { problem: 'not_a_list', turn, field };
  }
  if (field === null) return { problem: 'not_a_turn', turn, field };
  // zod does not echo the input: look the value up.
  const value: unknown = Array.isArray(turns)
    ? (turns[turn - 1] as Record<string, unknown> | undefined)?.[field]
    : undefined;
  if (issue.code === 'invalid_type' && value === undefined) return { problem: 'missing', turn, field };
  if (field === 'speaker') return { problem: 'bad_speaker', turn, field };
  if (field === 'text') {
    if (issue.code === 'too_big') return { problem: 'text_too_long', turn, field, limit };
    return { problem: 'not_text', turn, field };
  }
  if (issue.code === 'custom') return { problem: 'end_before_start', turn, field };
  if (issue.code === 'too_small') return { problem: 'negative', turn, field };
  return { problem: 'not_seconds', turn, field };
}

/** The issue in English, e.g. "transcript turn 3: start time must be a number of seconds ≥ 0". */
export function transcriptIssueText(issue: TranscriptIssue): string {
  const name = issue.field ? TRANSCRIPT_FIELD_NAMES[issue.field] : '';
  const what = ((): string => {
    switch (issue.problem) {
      case 'not_a_list':
        return 'must be a list of turns, each {speaker, start_s, end_s, text}';
      case 'too_many_turns':
        return `has more than ${issue.limit ?? 'the allowed number of'} turns`;
      case 'not_a_turn':
        return 'each turn must be an object {speaker, start_s, end_s, text}';
      case 'missing':
        return `${name} (${issue.field ?? ''}) is missing`;
      case 'bad_speaker':
        return 'speaker must be "agent" or "customer"';
      case 'not_seconds':
      case 'negative':
        return `${name} must be a number of seconds ≥ 0`;
      case 'end_before_start':
        return 'end time must not be before start time';
      case 'not_text':
        return 'text must be text';
      case 'text_too_long':
        return `text is longer than ${issue.limit ?? 'the allowed number of'} characters`;
      case 'invalid':
        return 'is not valid';
    }
  })();
  return issue.turn === null ? `transcript ${what}` : `transcript turn ${issue.turn}: ${what}`;
}

/** `details` of a rejected row as JSON text (the rejected-rows CSV), if it is a transcript issue. */
export function parseTranscriptIssue(text: string | undefined): TranscriptIssue | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Record<keyof TranscriptIssue, unknown>> | null;
    const problem = TRANSCRIPT_PROBLEMS.find((p) => p === v?.problem);
    if (!v || !problem) return null;
    const field = TRANSCRIPT_FIELDS.find((f) => f === v.field) ?? null;
    const turn = typeof v.turn === 'number' ? v.turn : null;
    return typeof v.limit === 'number' ? { problem, turn, field, limit: v.limit } : { problem, turn, field };
  } catch {
    return null;
  }
}
