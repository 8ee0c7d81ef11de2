import { Alert, App, Button, Card, Flex, Input, Radio, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctionChangesNothing } from '../../../../shared/correction-unchanged.ts';
import type { TDispute, TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { errorMessage } from '../../lib/errors.ts';
import { decideDispute } from './api.ts';
import {
  type CorrectionState,
  answersOf,
  correctedAnswers,
  correctionStart,
  setAsideComment,
  withCorrectedAnswer,
  withInspectorComment,
} from './correctionAnswers.ts';
import { changedItems } from './correctionMarks.ts';
import {
  type RemarksDraft,
  RemarksCorrection,
  remarksCorrection,
  remarksDraftOf,
} from './RemarksCorrection.tsx';
import { ScorecardPanel, ScoreSummary } from './ScorecardPanel.tsx';

/**
 * What the review panel shares with the page: the chosen outcome, the answers and the remarks being
 * corrected (the page's recording panel strikes the pinned comments the correction sets aside).
 */
export type ReviewDraft = {
  /** Null until the lead chooses: nothing is pre-selected. */
  uphold: boolean | null;
  remarks: RemarksDraft;
  correction: CorrectionState;
};

export const reviewDraftOf = (evaluation: TEvaluationDetail): ReviewDraft => ({
  uphold: null,
  remarks: remarksDraftOf(evaluation),
  correction: correctionStart(answersOf(evaluation)),
});

/**
 * B14–B16: the QA lead upholds the evaluation, or corrects the answers in place (live total), the
 * remarks and the pinned comments (pre-filled with the current ones), and records whether the
 * inspector erred. Nothing is chosen for the lead: neither the outcome nor the verdict on the
 * inspector (a yes or no the lead must give when correcting); a correction that changes nothing
 * cannot be saved (the server refuses it too), and the save button says why it is off. An item whose result the lead changes loses the
 * inspector's comment on it (shown beside it with "Keep comment"; `correctionAnswers.ts`). The
 * outcome and the remarks are the page's (`draft`), so the recording beside the panel can pin new
 * comments to a moment or a transcript turn.
 */
export function ReviewPanel({
  evaluation,
  dispute,
  form,
  draft,
  onDraftChange,
  onCancel,
  onDone,
}: {
  evaluation: TEvaluationDetail;
  dispute: TDispute;
  form: TForm;
  draft: ReviewDraft;
  onDraftChange: (next: ReviewDraft) => void;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // The inspector's answers: a comment they wrote for a result the lead changes is set aside.
  const original = useMemo(() => answersOf(evaluation), [evaluation]);
  const { uphold, remarks, correction } = draft;
  const { answers } = correction;
  const setCorrection = (next: (prev: CorrectionState) => CorrectionState) =>
    onDraftChange({ ...draft, correction: next(correction) });
  // The items whose result changed: the inspector's comments pinned to them are set aside.
  const changed = changedItems(original, answers);
  const [note, setNote] = useState('');
  const [inspectorError, setInspectorError] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const corrected = correctedAnswers(form, answers);
  const unchanged =
    uphold === false &&
    correctionChangesNothing(
      {
        answers: evaluation.answers,
        positives: evaluation.positives,
        negatives: evaluation.negatives,
        marks: evaluation.marks,
      },
      { corrected_answers: corrected, ...remarksCorrection(remarks, changed) },
    );
  // Why the save button is off, if it is.
  const blocked =
    uphold === null
      ? 'chooseOutcome'
      : uphold
        ? null
        : unchanged
          ? 'unchanged'
          : inspectorError === null
            ? 'chooseInspectorError'
            : null;

  const handleSave = async () => {
    if (uphold === null || blocked !== null) return;
    setBusy(true);
    setError(null);
    try {
      await decideDispute(dispute.id, {
        uphold,
        note: note.trim() || undefined,
        corrected_answers: uphold ? undefined : corrected,
        ...(uphold ? {} : remarksCorrection(remarks, changed)),
        inspector_error: uphold ? false : (inspectorError ?? undefined),
        version: dispute.version,
      });
      void message.success(t(uphold ? 'evaluations.review.upheld' : 'evaluations.review.corrected'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="review-panel">
      <Card size="small" title={t('evaluations.review.title')}>
        <Typography.Paragraph>
          <Typography.Text type="secondary">{t('evaluations.dispute.reason')}: </Typography.Text>
          {dispute.reason}
        </Typography.Paragraph>
        <Radio.Group
          value={uphold}
          onChange={(e) => onDraftChange({ ...draft, uphold: e.target.value as boolean })}
          options={[
            { value: false, label: t('evaluations.review.correct') },
            { value: true, label: t('evaluations.review.uphold') },
          ]}
          data-testid="review-choice"
        />
        {uphold === false && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text>{t('evaluations.review.inspectorError')}</Typography.Text>
            <Radio.Group
              style={{ display: 'block', marginTop: 4 }}
              value={inspectorError}
              onChange={(e) => setInspectorError(e.target.value as boolean)}
              options={[
                { value: true, label: t('evaluations.review.inspectorErred') },
                { value: false, label: t('evaluations.review.inspectorRight') },
              ]}
              data-testid="review-inspector-error"
            />
          </div>
        )}
        <Input.TextArea
          style={{ marginTop: 8 }}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
          placeholder={t('evaluations.review.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="review-note"
        />
        {error !== null && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(t, error)} />
        )}
        <Flex gap={8} justify="flex-end" align="center" wrap style={{ marginTop: 12 }}>
          {blocked !== null && (
            <Typography.Text type="secondary" data-testid="review-save-blocked">
              {t(`evaluations.review.${blocked}`)}
            </Typography.Text>
          )}
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={busy}
            disabled={blocked !== null}
            onClick={() => void handleSave()}
            data-testid="review-save"
          >
            {t(uphold ? 'evaluations.review.saveUphold' : 'evaluations.review.saveCorrect')}
          </Button>
        </Flex>
      </Card>
      {uphold === false && (
        <Card size="small" style={{ position: 'sticky', top: 0, zIndex: 2 }}>
          <ScoreSummary form={form} answers={answers} />
        </Card>
      )}
      <ScorecardPanel
        form={form}
        // Upholding keeps the evaluation as it is: show it so (the edits stay for "correct"); until
        // the lead chooses, it is shown as it is too.
        answers={uphold === false ? answers : original}
        readOnly={uphold !== false}
        highlight={dispute.item_ids}
        onChange={(itemId, next) =>
          setCorrection((prev) => withCorrectedAnswer(original, prev, itemId, next))
        }
        itemNote={(itemId) => {
          const comment = uphold !== false ? null : setAsideComment(original, correction, itemId);
          if (comment === null) return null;
          const result = original[itemId]?.result;
          return (
            <SetAsideComment
              comment={comment}
              result={result ? t(`evaluations.result.${result}`) : t('common.none')}
              onKeep={() => setCorrection((prev) => withInspectorComment(original, prev, itemId))}
            />
          );
        }}
      />
      <RemarksCorrection
        form={form}
        value={uphold === false ? remarks : remarksDraftOf(evaluation)}
        changed={changed}
        onChange={(next) => onDraftChange({ ...draft, remarks: next })}
        disabled={uphold !== false}
      />
    </Space>
  );
}

/** The inspector's comment the correction set aside on an item (its result changed), to keep after all. */
function SetAsideComment({
  comment,
  result,
  onKeep,
}: {
  comment: string;
  result: string;
  onKeep: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex
      gap={8}
      align="baseline"
      wrap
      style={{ marginTop: 4, fontSize: 12 }}
      data-testid="review-comment-set-aside"
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evaluations.review.commentSetAside', { result })}
      </Typography.Text>
      <Typography.Text delete style={{ fontSize: 12 }}>
        {comment}
      </Typography.Text>
      <Button
        size="small"
        type="link"
        style={{ padding: 0, fontSize: 12 }}
        onClick={onKeep}
        data-testid="review-comment-keep"
      >
        {t('evaluations.review.keepComment')}
      </Button>
    </Flex>
  );
}
