import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, InputNumber, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCorrectedMark, TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { formatDuration } from '../interactions/api.ts';
import { isMarkSetAside, withKeptMark } from './correctionMarks.ts';
import type { PinnedMark } from './RecordingPanel.tsx';

/** A pinned comment while the QA lead corrects: `id` for one the evaluation has, none for a new one. */
export type MarkDraft = {
  key: string;
  id?: number;
  at_s: number | null;
  turn_index: number | null;
  item_id: number | null;
  text: string;
  /** Pinned to an item whose result the lead changed, and kept on purpose (`correctionMarks.ts`). */
  kept?: boolean;
};

/** The remarks and pinned comments as a correction starts from them (the evaluation's current ones). */
export type RemarksDraft = { positives: string; negatives: string; marks: MarkDraft[] };

export function remarksDraftOf(evaluation: TEvaluationDetail): RemarksDraft {
  return {
    positives: evaluation.positives ?? '',
    negatives: evaluation.negatives ?? '',
    marks: evaluation.marks.map((m) => ({
      key: `m${m.id}`,
      id: m.id,
      at_s: m.at_s,
      turn_index: m.turn_index,
      item_id: m.item_id,
      text: m.text,
    })),
  };
}

/**
 * The decision's fields for the corrected remarks and the full new list of pinned comments: without
 * the inspector's comments pinned to an item whose result changed (`changed`), unless kept.
 */
export function remarksCorrection(
  draft: RemarksDraft,
  changed: ReadonlySet<number>,
): {
  corrected_positives: string | null;
  corrected_negatives: string | null;
  corrected_marks: TCorrectedMark[];
} {
  return {
    corrected_positives: draft.positives.trim() || null,
    corrected_negatives: draft.negatives.trim() || null,
    corrected_marks: draft.marks
      .filter((m) => !isMarkSetAside(m, changed))
      .map((m) => ({
        ...(m.id === undefined ? {} : { id: m.id }),
        at_s: m.at_s,
        turn_index: m.turn_index,
        item_id: m.item_id,
        text: m.text.trim(),
      })),
  };
}

let newKeys = 0;

/**
 * The draft with a new comment pinned where the recording panel placed it (the current moment, or a
 * transcript turn and its start), as the inspector's workspace pins one.
 */
export function withPinnedMark(draft: RemarksDraft, mark: PinnedMark): RemarksDraft {
  const { at_s, turn_index, text } = mark;
  const added: MarkDraft = { key: `new${++newKeys}`, at_s, turn_index, item_id: mark.item_id ?? null, text };
  return { ...draft, marks: [...draft.marks, added] };
}

/** The draft without its `index`-th pinned comment (as the recording panel lists them). */
export function withoutMark(draft: RemarksDraft, index: number): RemarksDraft {
  return { ...draft, marks: draft.marks.filter((_, i) => i !== index) };
}

/** Where a pinned comment is: its moment and/or its transcript turn. */
function MarkAnchor({ mark }: { mark: MarkDraft }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} style={{ whiteSpace: 'nowrap' }} data-testid="review-mark-anchor">
      {mark.at_s !== null && <Typography.Text code>{formatDuration(mark.at_s)}</Typography.Text>}
      {mark.turn_index !== null && (
        <Tag style={{ marginInlineEnd: 0 }}>{t('evaluations.marks.turn', { n: mark.turn_index + 1 })}</Tag>
      )}
      {mark.at_s === null && mark.turn_index === null && <Typography.Text code>—</Typography.Text>}
    </Flex>
  );
}

/**
 * B16: with the answers, the QA lead corrects the remarks for the daily bulletin and the pinned
 * comments — edits a comment's text, removes one, adds one at a second of the recording here, or
 * pins one to a moment or a transcript turn in the recording panel beside (`withPinnedMark`). The
 * inspector's comment pinned to an item whose result the lead changed is set aside (struck, with
 * "Keep comment"; `correctionMarks.ts`). The retracted revision keeps the old ones.
 */
export function RemarksCorrection({
  form,
  value,
  changed,
  onChange,
  disabled = false,
}: {
  form: TForm;
  value: RemarksDraft;
  /** The items whose result the correction changed: the inspector's comments pinned to them are set aside. */
  changed: ReadonlySet<number>;
  onChange: (next: RemarksDraft) => void;
  /** Upholding: shown as they stand, not editable. */
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const itemText = new Map(form.sections.flatMap((s) => s.items).map((i) => [i.id, i.text]));
  const setMark = (key: string, patch: Partial<MarkDraft>) =>
    onChange({ ...value, marks: value.marks.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  return (
    <Card size="small" title={t('evaluations.review.remarksTitle')} data-testid="review-remarks">
      {!disabled && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('evaluations.review.remarksHint')}
        </Typography.Paragraph>
      )}
      <Flex vertical gap={8}>
        <div>
          <Tag color="success">{t('evaluations.fields.positives')}</Tag>
          <Input.TextArea
            style={{ marginTop: 4 }}
            autoSize={{ minRows: 1, maxRows: 5 }}
            maxLength={4000}
            disabled={disabled}
            value={value.positives}
            onChange={(e) => onChange({ ...value, positives: e.target.value })}
            data-testid="review-positives"
          />
        </div>
        <div>
          <Tag color="error">{t('evaluations.fields.negatives')}</Tag>
          <Input.TextArea
            style={{ marginTop: 4 }}
            autoSize={{ minRows: 1, maxRows: 5 }}
            maxLength={4000}
            disabled={disabled}
            value={value.negatives}
            onChange={(e) => onChange({ ...value, negatives: e.target.value })}
            data-testid="review-negatives"
          />
        </div>
        <Typography.Text strong style={{ marginTop: 4 }}>
          {t('evaluations.marks.title')}
        </Typography.Text>
        {value.marks.length === 0 && (
          <Typography.Text type="secondary">{t('evaluations.marks.empty')}</Typography.Text>
        )}
        {value.marks.map((m) => {
          const setAside = !disabled && isMarkSetAside(m, changed);
          const item = m.item_id === null ? undefined : (itemText.get(m.item_id) ?? `#${m.item_id}`);
          return (
            <Flex key={m.key} vertical gap={2} data-testid="review-mark">
              <Flex gap={8} align="center">
                {m.id === undefined && m.turn_index === null ? (
                  <InputNumber
                    min={0}
                    max={86400}
                    precision={0}
                    style={{ width: 120 }}
                    placeholder={t('evaluations.review.markAt')}
                    suffix={t('evaluations.review.seconds')}
                    value={m.at_s}
                    onChange={(v) => setMark(m.key, { at_s: v })}
                    data-testid="review-mark-at"
                  />
                ) : (
                  <MarkAnchor mark={m} />
                )}
                <Input
                  value={m.text}
                  disabled={disabled || setAside}
                  maxLength={2000}
                  status={m.text.trim() ? undefined : 'error'}
                  placeholder={t('evaluations.review.markText')}
                  style={setAside ? { textDecoration: 'line-through' } : undefined}
                  onChange={(e) => setMark(m.key, { text: e.target.value })}
                  data-testid="review-mark-text"
                />
                <Button
                  disabled={disabled}
                  icon={<DeleteOutlined />}
                  aria-label={t('evaluations.marks.remove')}
                  title={t('evaluations.marks.remove')}
                  onClick={() => onChange({ ...value, marks: value.marks.filter((x) => x.key !== m.key) })}
                  data-testid="review-mark-remove"
                />
              </Flex>
              {item !== undefined && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="review-mark-item">
                  {t('evaluations.marks.item', { item })}
                </Typography.Text>
              )}
              {setAside && (
                <Flex gap={8} align="baseline" wrap data-testid="review-mark-set-aside">
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('evaluations.review.markSetAside')}
                  </Typography.Text>
                  <Button
                    size="small"
                    type="link"
                    style={{ padding: 0, fontSize: 12 }}
                    onClick={() => onChange({ ...value, marks: withKeptMark(value.marks, m.key) })}
                    data-testid="review-mark-keep"
                  >
                    {t('evaluations.review.keepComment')}
                  </Button>
                </Flex>
              )}
            </Flex>
          );
        })}
        <div>
          <Button
            disabled={disabled}
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...value,
                marks: [
                  ...value.marks,
                  { key: `new${++newKeys}`, at_s: 0, turn_index: null, item_id: null, text: '' },
                ],
              })
            }
            data-testid="review-mark-add"
          >
            {t('evaluations.review.addMark')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
