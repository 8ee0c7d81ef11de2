import type { TFunction } from 'i18next';
import {
  type TGeneratedNote,
  type TSamplingPlan,
  generatedNoteText,
} from '../../../../shared/schemas/sampling.ts';
import type { PlanValues } from './PlanForm.tsx';
import { planName } from './plan-name.ts';

const one = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** One note the monthly proposal wrote, as a sentence in the user's language. */
export function generatedSentence(t: TFunction, g: TGeneratedNote): string {
  const list = (labels: string[]) => labels.join(t('sampling.plan.generated.listSeparator'));
  switch (g.kind) {
    case 'weak_agent':
      return t('sampling.plan.generated.weakAgent', {
        month: g.month,
        reasons: list(g.reasons.map((r) => t(`compliance.reasons.${r}`))),
        average: one(g.average),
        passMark: one(g.pass_mark),
        count: g.evaluations,
        fatal: g.fatal,
      });
    case 'weak_queue':
      return t('sampling.plan.generated.weakQueue', {
        month: g.month,
        reasons: list(g.reasons.map((r) => t(`compliance.queueReasons.${r}`))),
      });
    case 'new_hires':
      return t('sampling.plan.generated.newHires', { count: g.count, since: g.since });
  }
}

/**
 * A note (an override's reason, a rule's note) for display: while its end is still the text the
 * monthly proposal stored for `generated`, that end reads as sentences in the user's language (what
 * someone wrote before it stays as written); a note someone edited shows as they wrote it.
 */
export function noteForDisplay(
  t: TFunction,
  text: string | null | undefined,
  generated: readonly TGeneratedNote[] | undefined,
): string {
  if (!text || !generated || generated.length === 0) return text ?? '';
  const stored = generatedNoteText(generated);
  const sep = t('sampling.plan.generated.separator');
  const sentences = generated.map((g) => generatedSentence(t, g)).join(sep);
  if (text === stored) return sentences;
  if (text.endsWith(`; ${stored}`)) return `${text.slice(0, -stored.length - 2)}${sep}${sentences}`;
  return text;
}

/**
 * The note to save from what the form shows: unchanged → the stored text and its data as they
 * were; changed → the user's text, no longer generated.
 */
function noteForStorage(
  t: TFunction,
  shown: string | null | undefined,
  original: { text: string | null | undefined; generated: readonly TGeneratedNote[] | undefined } | undefined,
): { text: string | null | undefined; generated: TGeneratedNote[] | undefined } {
  if (original?.generated?.length && shown === noteForDisplay(t, original.text, original.generated))
    return { text: original.text, generated: [...original.generated] };
  return { text: shown, generated: undefined };
}

/** The plan's form values as shown: its system-given name and generated notes in the user's language. */
export function planValuesForDisplay(t: TFunction, plan: TSamplingPlan): PlanValues {
  const c = plan.config;
  return {
    name: planName(t, plan.name, plan.month),
    daily_min: plan.daily_min,
    monthly_min: plan.monthly_min,
    config: {
      ...c,
      agent_overrides: c.agent_overrides.map((o) => ({
        ...o,
        reason: noteForDisplay(t, o.reason, o.generated),
      })),
      strategies: {
        ...c.strategies,
        targeted: c.strategies.targeted.map((r) => ({ ...r, note: noteForDisplay(t, r.note, r.generated) })),
      },
    },
  };
}

/**
 * The form's values to save: what is still shown as the system gave it is saved as stored (the name
 * and generated notes stay language-neutral and keep their data); what someone edited is saved as
 * typed, without the data of the note it replaced.
 */
export function planValuesForStorage(t: TFunction, plan: TSamplingPlan, values: PlanValues): PlanValues {
  const c = values.config;
  const overrides = new Map(plan.config.agent_overrides.map((o) => [o.agent_id, o]));
  const rules = new Map(plan.config.strategies.targeted.map((r) => [r.id, r]));
  return {
    ...values,
    name: values.name === planName(t, plan.name, plan.month) ? plan.name : values.name,
    config: {
      ...c,
      agent_overrides: c.agent_overrides.map((o) => {
        const before = overrides.get(o.agent_id);
        const { text, generated } = noteForStorage(
          t,
          o.reason,
          before && { text: before.reason, generated: before.generated },
        );
        return { ...o, reason: text ?? '', generated };
      }),
      strategies: {
        ...c.strategies,
        targeted: c.strategies.targeted.map((r) => {
          const before = rules.get(r.id);
          const { text, generated } = noteForStorage(
            t,
            r.note,
            before && { text: before.note, generated: before.generated },
          );
          return { ...r, note: text, generated };
        }),
      },
    },
  };
}
