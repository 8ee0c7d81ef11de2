import type { TEvaluationDetail, TTestCallScenario } from '../../../../shared/schemas/evaluation.ts';
import type { TForm, TFormSummary } from '../../../../shared/schemas/form.ts';
import type { TInteractionDetail } from '../../../../shared/schemas/interaction.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import {
  fetchActiveForms,
  fetchAgents,
  fetchEvaluation,
  fetchForm,
  fetchInteraction,
  fetchMyDraftOf,
  fetchScenarios,
} from './api.ts';
import type { EvaluationMethod } from '../../../../shared/workflow.ts';
import { orderFormsForQueue } from './form-choice.ts';

/** What the workspace needs before it can show anything. */
export type WorkspaceData = {
  evaluation: TEvaluationDetail | null;
  interaction: TInteractionDetail | null;
  form: TForm | null;
  forms: TFormSummary[];
  scenarios: TTestCallScenario[];
  /** CSRs to choose from when there is no interaction (on-site, side-by-side, test call). */
  agents: TUser[];
  /** Opened for a contact the inspector already had a draft of: that draft, continued. */
  resumed: boolean;
};

/**
 * Loads a draft to continue (`draftId`), or what a new evaluation starts from: the interaction,
 * the active scorecards that apply to its queue (those made for it, then those for every queue;
 * every active one when none applies) and the first of them, so a form made for the queue is the
 * default. A contact the inspector (`evaluatorId`) already has a draft of opens that draft
 * (`resumed`): an inspector has one draft per contact, and the server refuses a second.
 */
export async function loadWorkspace(
  draftId: number | null,
  interactionId: number | null,
  canListScenarios: boolean,
  evaluatorId: number | null = null,
): Promise<WorkspaceData> {
  const scenariosLoad = canListScenarios
    ? fetchScenarios().then((p) => p.items.filter((s) => s.active))
    : Promise.resolve([]);
  const mine =
    !draftId && interactionId && evaluatorId ? await fetchMyDraftOf(interactionId, evaluatorId) : null;
  const continued = draftId ?? mine?.id ?? null;
  if (continued) {
    const evaluation = await fetchEvaluation(continued);
    const [interaction, form, scenarios] = await Promise.all([
      evaluation.interaction_id ? fetchInteraction(evaluation.interaction_id) : null,
      fetchForm(evaluation.form_id, evaluation.form_version),
      scenariosLoad,
    ]);
    return { evaluation, interaction, form, forms: [], scenarios, agents: [], resumed: mine !== null };
  }
  const interaction = interactionId ? await fetchInteraction(interactionId) : null;
  let forms = (await fetchActiveForms(interaction?.queue_id)).items;
  if (forms.length === 0 && interaction?.queue_id) forms = (await fetchActiveForms()).items;
  forms = orderFormsForQueue(forms, interaction?.queue_id);
  const [form, scenarios, agents] = await Promise.all([
    forms[0] ? fetchForm(forms[0].id) : null,
    scenariosLoad,
    interaction ? [] : fetchAgents(),
  ]);
  return { evaluation: null, interaction, form, forms, scenarios, agents, resumed: false };
}

/**
 * A draft continued on a scorecard version that is no longer the current one (the scorecard was
 * saved as a new version after the draft was started): the versions to tell the inspector, else
 * null. The draft keeps its version (its answers refer to that version's items).
 */
export function olderFormVersion(
  form: Pick<TForm, 'form_version' | 'current_version'> | null,
): { used: number; current: number } | null {
  if (!form || form.form_version >= form.current_version) return null;
  return { used: form.form_version, current: form.current_version };
}

/**
 * The method a new evaluation starts with: recording review (录音监控) for a contact with a
 * recording, on-site (现场质检) without a contact. A contact without a recording (a chat, an email,
 * a call whose audio is missing) gets none: recording review would be a guess there, and which
 * method it was (side-by-side, on-site, a test call, or a review of its transcript) only the
 * inspector knows, so they choose before the draft is first saved.
 */
export function defaultMethod(
  interaction: Pick<TInteractionDetail, 'has_recording'> | null,
): EvaluationMethod | null {
  if (!interaction) return 'on_site';
  return interaction.has_recording ? 'recording_review' : null;
}
