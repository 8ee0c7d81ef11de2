import { Card, Flex, Input, Radio, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { scoreAnswers, type AnswerResult, type ScoreResult } from '../../../../shared/scoring.ts';
import { liveVerdict } from './liveVerdict.ts';
import { useCategoryLabel } from './parts.tsx';

/** The inspector's answer to one item; `result` is unset until chosen. */
export type AnswerDraft = { result?: AnswerResult; comment: string };
export type AnswerMap = Record<number, AnswerDraft>;

/** The live total with the shared engine: the same numbers the server will compute. */
export function liveScore(form: TForm, answers: AnswerMap): ScoreResult {
  const items = form.sections.flatMap((s) => s.items);
  return scoreAnswers(
    items.map((i) => ({ id: i.id, points: i.points, fatal: i.fatal, category: i.category })),
    items.flatMap((i) => {
      const result = answers[i.id]?.result;
      return result ? [{ item_id: i.id, result }] : [];
    }),
    form.pass_mark,
  );
}

/** Score, fatal and pass verdict of the answers so far, and how many items are answered. */
export function ScoreSummary({ form, answers }: { form: TForm; answers: AnswerMap }) {
  const { t } = useTranslation();
  const result = liveScore(form, answers);
  const total = form.sections.reduce((n, s) => n + s.items.length, 0);
  const answered = form.sections.flatMap((s) => s.items).filter((i) => answers[i.id]?.result).length;
  const verdict = liveVerdict(result, answered, total);
  const scoreColor =
    verdict === 'fatal' || verdict === 'notPassed' ? '#cf1322' : verdict === 'passed' ? '#389e0d' : undefined;
  return (
    <Flex gap={24} align="center" wrap data-testid="live-score">
      {verdict === 'unscored' ? (
        // Nothing answered yet is not "100, passed" (SPEC's all-N/A 100 is for items judged not applicable).
        <Statistic
          title={t('evaluations.live.score')}
          value={t('evaluations.notScored')}
          styles={{ content: { color: 'rgba(0, 0, 0, 0.45)', fontSize: 20 } }}
        />
      ) : (
        <Statistic
          title={t('evaluations.live.score')}
          value={result.score}
          precision={1}
          styles={{ content: { color: scoreColor } }}
        />
      )}
      <Space orientation="vertical" size={4}>
        {verdict === 'fatal' ? (
          <Tag color="error" data-testid="live-fatal">
            {t('evaluations.fatal')}
          </Tag>
        ) : verdict === 'provisional' ? (
          <Tag data-testid="live-provisional">{t('evaluations.live.provisional')}</Tag>
        ) : verdict === 'passed' ? (
          <Tag color="success">{t('evaluations.passed')}</Tag>
        ) : verdict === 'notPassed' ? (
          <Tag color="warning">{t('evaluations.notPassed')}</Tag>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('evaluations.live.passMark', { mark: form.pass_mark })}
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary" data-testid="live-answered">
        {t('evaluations.live.answered', { answered, total })}
        {' · '}
        {t('evaluations.live.points', {
          earned: result.earned_points,
          applicable: result.applicable_points,
        })}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The scorecard: per item pass / fail / N/A (N/A only where the item allows it), a comment and the
 * item's guidance. `errors` are the server's messages per item id; `itemNote` adds a note under an
 * item's comment (the correction's set-aside inspector comment).
 */
export function ScorecardPanel({
  form,
  answers,
  onChange,
  readOnly = false,
  errors = {},
  highlight = [],
  itemNote,
}: {
  form: TForm;
  answers: AnswerMap;
  onChange?: (itemId: number, next: AnswerDraft) => void;
  readOnly?: boolean;
  errors?: Record<number, string>;
  highlight?: readonly number[];
  itemNote?: (itemId: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {form.sections.map((section) => (
        <Card key={section.id} size="small" title={section.title}>
          {section.items.map((item, index) => {
            const answer = answers[item.id] ?? { comment: '' };
            const error = errors[item.id];
            return (
              <div
                key={item.id}
                data-testid={`item-${item.id}`}
                style={{
                  padding: '10px 0',
                  borderTop: index === 0 ? undefined : '1px solid #f0f0f0',
                  background: highlight.includes(item.id) ? '#fffbe6' : undefined,
                }}
              >
                <Flex justify="space-between" gap={12} wrap align="flex-start">
                  <div style={{ flex: 1, minWidth: 220 }}>
                    <Typography.Text strong>{item.text}</Typography.Text>
                    <div style={{ marginTop: 4 }}>
                      <Tag>{categoryLabel(item.category)}</Tag>
                      <Tag>{t('evaluations.item.points', { points: item.points })}</Tag>
                      {item.fatal && <Tag color="error">{t('evaluations.item.fatal')}</Tag>}
                    </div>
                    {item.guidance && (
                      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                        {t('evaluations.item.guidance')}: {item.guidance}
                      </Typography.Paragraph>
                    )}
                  </div>
                  {readOnly ? (
                    <Tag
                      color={
                        answer.result === 'pass' ? 'success' : answer.result === 'fail' ? 'error' : 'default'
                      }
                      data-testid={`item-${item.id}-result`}
                      style={{ fontSize: 14, padding: '2px 10px' }}
                    >
                      {answer.result ? t(`evaluations.result.${answer.result}`) : t('common.none')}
                    </Tag>
                  ) : (
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      value={answer.result}
                      onChange={(e) =>
                        onChange?.(item.id, { ...answer, result: e.target.value as AnswerResult })
                      }
                      options={[
                        { value: 'pass', label: t('evaluations.result.pass') },
                        { value: 'fail', label: t('evaluations.result.fail') },
                        { value: 'na', label: t('evaluations.result.na'), disabled: !item.allow_na },
                      ]}
                      data-testid={`item-${item.id}-result`}
                    />
                  )}
                </Flex>
                {readOnly ? (
                  answer.comment && (
                    <Typography.Paragraph style={{ margin: '6px 0 0' }}>
                      {answer.comment}
                    </Typography.Paragraph>
                  )
                ) : (
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    value={answer.comment}
                    maxLength={2000}
                    placeholder={t('evaluations.item.comment')}
                    onChange={(e) => onChange?.(item.id, { ...answer, comment: e.target.value })}
                    style={{ marginTop: 8 }}
                    data-testid={`item-${item.id}-comment`}
                  />
                )}
                {itemNote?.(item.id)}
                {error && (
                  <Typography.Text type="danger" data-testid={`item-${item.id}-error`}>
                    {error}
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </Card>
      ))}
    </Space>
  );
}
