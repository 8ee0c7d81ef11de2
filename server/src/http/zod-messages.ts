import { z } from 'zod';

/**
 * Plain English for the validator's own messages ("Too small: expected string to have >=1
 * characters", "Invalid input: expected number, received NaN"), which reach API clients in
 * `error.message` and `details[].message`. Used only where a schema gave no message of its own
 * (zod asks a schema's own message first, then this map, then its locale).
 */
export const plainIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue.expected, issue.input);
    case 'too_small':
      return bound('small', issue.origin, issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return bound('big', issue.origin, issue.maximum, issue.inclusive ?? true);
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${show(issue.values[0])}.`
        : `Must be one of: ${issue.values.map(show).join(', ')}.`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'Has the wrong format.' : `Must be a valid ${issue.format}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}.`;
    case 'invalid_union':
      return 'Does not match any of the accepted forms.';
    default:
      return undefined;
  }
};

function invalidType(expected: string, input: unknown): string {
  if (input === undefined) return 'Required.';
  if (input === null) return 'Must not be null.';
  switch (expected) {
    case 'number':
      return 'Must be a number.';
    case 'int':
      return 'Must be a whole number.';
    case 'string':
      return 'Must be text.';
    case 'boolean':
      return 'Must be true or false.';
    case 'array':
      return 'Must be a list.';
    case 'object':
      return 'Must be an object.';
    case 'date':
      return 'Must be a date.';
    default:
      return `Must be of type ${expected}.`;
  }
}

function bound(
  side: 'small' | 'big',
  origin: string,
  limit: number | bigint | Date,
  inclusive: boolean,
): string {
  const n = limit instanceof Date ? limit.toISOString() : String(limit);
  const least = side === 'small';
  switch (origin) {
    case 'string':
      if (least && Number(limit) === 1) return 'Must not be empty.';
      return `Must be ${least ? 'at least' : 'at most'} ${n} character${n === '1' ? '' : 's'} long.`;
    case 'array':
    case 'set':
      if (least && Number(limit) === 1) return 'Must have at least one item.';
      return `Must have ${least ? 'at least' : 'at most'} ${n} item${n === '1' ? '' : 's'}.`;
    case 'file':
      return `Must be ${least ? 'at least' : 'at most'} ${n} bytes.`;
    case 'date':
      return least
        ? `Must be ${inclusive ? 'on or after' : 'after'} ${n}.`
        : `Must be ${inclusive ? 'on or before' : 'before'} ${n}.`;
    default:
      // number, int, bigint
      return least
        ? inclusive
          ? `Must be ${n} or more.`
          : `Must be more than ${n}.`
        : inclusive
          ? `Must be ${n} or less.`
          : `Must be less than ${n}.`;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** Installs the plain messages for every schema in this process (the server's; idempotent). */
export function usePlainIssueMessages(): void {
  z.config({ customError: plainIssueMessage });
}
