import { useCallback, useEffect, useRef, useState } from 'react';
import type { TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import type { EvaluationMethod, EvaluationPhase } from '../../../../shared/workflow.ts';
import { ApiError } from '../../lib/api.ts';
import { createEvaluation, discardEvaluation, updateEvaluation } from './api.ts';
import type { PinnedMark } from './RecordingPanel.tsx';
import type { AnswerMap } from './ScorecardPanel.tsx';

/** Everything the inspector edits. */
export type DraftContent = {
  /** Null until chosen, for a contact without a recording (no default applies to it). */
  method: EvaluationMethod | null;
  phase: EvaluationPhase;
  agentId: number | null;
  scenarioId: number | null;
  answers: AnswerMap;
  marks: PinnedMark[];
  positives: string;
  negatives: string;
};

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'stale' }
  | { kind: 'error'; error: unknown };

const AUTOSAVE_MS = 3000;

function answersOf(form: TForm, answers: AnswerMap) {
  return form.sections
    .flatMap((s) => s.items)
    .flatMap((i) => {
      const a = answers[i.id];
      return a?.result ? [{ item_id: i.id, result: a.result, comment: a.comment.trim() || null }] : [];
    });
}

/**
 * A draft evaluation that saves itself: POST once, then PATCH with the `version` read, a few
 * seconds after the last change. A 409 stale_write stops autosaving (the user must reload).
 */
export function useEvaluationDraft(options: {
  initial: DraftContent;
  evaluation: TEvaluationDetail | null;
  interactionId: number | null;
  form: TForm | null;
  /** The work-queue assignment this evaluation is for (sent on every save; submitting completes it). */
  assignmentId?: number | null;
  /** The first save is made only once the inspector has started (an answer, a mark, a remark). */
  onCreated: (id: number) => void;
}) {
  const { interactionId, form, onCreated } = options;
  const assignmentId = options.assignmentId ?? null;
  const [content, setContent] = useState<DraftContent>(options.initial);
  const [id, setId] = useState<number | null>(options.evaluation?.id ?? null);
  // Refs, so a submit that waited for an autosave in flight sees the id and version it produced.
  const idRef = useRef<number | null>(options.evaluation?.id ?? null);
  const version = useRef<number | null>(options.evaluation?.version ?? null);
  const [changes, setChanges] = useState(0);
  const savedChanges = useRef(0);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const [retry, setRetry] = useState(0);
  const [save, setSave] = useState<SaveState>(
    options.evaluation ? { kind: 'saved', at: new Date(options.evaluation.updated_at) } : { kind: 'idle' },
  );

  const update = useCallback((patch: Partial<DraftContent>) => {
    setContent((c) => ({ ...c, ...patch }));
    setChanges((n) => n + 1);
  }, []);

  const started =
    Object.values(content.answers).some((a) => a.result || a.comment.trim()) ||
    content.marks.length > 0 ||
    content.positives.trim() !== '' ||
    content.negatives.trim() !== '';
  const canSave =
    form !== null && content.method !== null && (interactionId !== null || content.agentId !== null);
  // Set once the draft is discarded: nothing saves it again.
  const discarded = useRef(false);

  /** Saves the current content; with `submit`, sends it to the CSR. */
  const persist = useCallback(
    async (submit: boolean): Promise<TEvaluationDetail> => {
      if (!form) throw new Error('no form');
      if (discarded.current) throw new Error('discarded');
      const method = content.method;
      if (method === null) throw new Error('no method');
      const mark = changes;
      const body = {
        answers: answersOf(form, content.answers),
        positives: content.positives.trim() || null,
        negatives: content.negatives.trim() || null,
        marks: content.marks.map((m) => ({
          at_s: m.at_s,
          turn_index: m.turn_index,
          item_id: m.item_id ?? null,
          text: m.text,
        })),
        phase: content.phase,
        test_call_scenario_id: method === 'test_call' ? content.scenarioId : null,
        submit,
        assignment_id: assignmentId ?? undefined,
      };
      setSave({ kind: 'saving' });
      const run = (async () => {
        const saved =
          idRef.current === null || version.current === null
            ? await createEvaluation({
                ...body,
                interaction_id: interactionId,
                agent_id: interactionId === null ? (content.agentId ?? undefined) : undefined,
                form_id: form.id,
                method,
              })
            : await updateEvaluation(idRef.current, { ...body, method, version: version.current });
        version.current = saved.version;
        if (idRef.current === null) {
          idRef.current = saved.id;
          setId(saved.id);
          onCreated(saved.id);
        }
        savedChanges.current = mark;
        setSave({ kind: 'saved', at: new Date() });
        return saved;
      })();
      inFlight.current = run;
      try {
        return await run;
      } catch (err) {
        setSave(
          err instanceof ApiError && err.code === 'stale_write'
            ? { kind: 'stale' }
            : { kind: 'error', error: err },
        );
        throw err;
      } finally {
        inFlight.current = null;
      }
    },
    [changes, content, form, interactionId, assignmentId, onCreated],
  );

  useEffect(() => {
    if (changes === savedChanges.current || !canSave || !started || discarded.current) return;
    if (save.kind === 'stale' || save.kind === 'saving') return;
    const timer = setTimeout(() => {
      if (inFlight.current) setRetry((r) => r + 1);
      else void persist(false).catch(() => undefined);
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [changes, canSave, started, persist, save.kind, retry]);

  /** Waits for an autosave in flight, then submits. */
  const submit = useCallback(async () => {
    if (inFlight.current) await inFlight.current.catch(() => undefined);
    return persist(true);
  }, [persist]);

  /** Waits for an autosave in flight, then discards the saved draft; nothing is saved after. */
  const discard = useCallback(async () => {
    if (inFlight.current) await inFlight.current.catch(() => undefined);
    if (idRef.current === null || version.current === null) return;
    discarded.current = true;
    try {
      await discardEvaluation(idRef.current, version.current);
    } catch (err) {
      discarded.current = false;
      throw err;
    }
  }, []);

  return { content, update, id, save, submit, discard, dirty: changes !== savedChanges.current };
}
