import type { TFormSummary } from '../../../../shared/schemas/form.ts';

/**
 * The scorecards offered for a contact of a queue, in the order the picker shows them: those made
 * for the queue, then those for every queue (no queues), then (only when the center has no form
 * for the queue at all, see loadWorkspace) the other queues' forms. Within a group the API's order
 * (by name) stays.
 */
export type FormGroups<F extends Pick<TFormSummary, 'queue_ids'>> = {
  queue: F[];
  every: F[];
  other: F[];
};

export function groupFormsForQueue<F extends Pick<TFormSummary, 'queue_ids'>>(
  forms: readonly F[],
  queueId: number | null | undefined,
): FormGroups<F> {
  const groups: FormGroups<F> = { queue: [], every: [], other: [] };
  for (const f of forms) {
    if (f.queue_ids.length === 0) groups.every.push(f);
    else if (queueId && f.queue_ids.includes(queueId)) groups.queue.push(f);
    else groups.other.push(f);
  }
  return groups;
}

/** The forms in picker order; the first is the default (a form made for the queue if there is one). */
export function orderFormsForQueue<F extends Pick<TFormSummary, 'queue_ids'>>(
  forms: readonly F[],
  queueId: number | null | undefined,
): F[] {
  const g = groupFormsForQueue(forms, queueId);
  return [...g.queue, ...g.every, ...g.other];
}
