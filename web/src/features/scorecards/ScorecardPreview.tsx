import { Alert, Button, Card, Col, Flex, Row, Segmented, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scoreAnswers, type AnswerResult, type ScoringItem } from '../../../../shared/scoring.ts';

export type PreviewItem = ScoringItem & { text: string; allow_na: boolean };
export type PreviewSection = { title: string; items: PreviewItem[] };

/**
 * Answer pass / fail / N/A per item and see the score, the fatal flag and pass/fail computed by
 * `scoreAnswers` — the engine the server uses, so the numbers agree.
 */
export function ScorecardPreview({
  sections,
  passMark,
  categoryName,
}: {
  sections: PreviewSection[];
  passMark: number;
  categoryName: (key: string) => string;
}) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<number, AnswerResult>>({});
  const items = useMemo(() => sections.flatMap((s) => s.items), [sections]);
  const result = useMemo(
    () =>
      scoreAnswers(
        items,
        items.map((i) => ({ item_id: i.id, result: answers[i.id] ?? 'pass' })),
        passMark,
      ),
    [items, answers, passMark],
  );

  return (
    <Flex vertical gap={16} data-testid="scorecard-preview">
      <Typography.Text type="secondary">{t('scorecards.preview.help')}</Typography.Text>
      <Card size="small" style={{ position: 'sticky', top: 0, zIndex: 2 }}>
        <Row gutter={16} align="middle">
          <Col xs={12} md={6}>
            <Statistic
              title={t('scorecards.preview.score')}
              value={result.score}
              precision={1}
              styles={{
                content: { color: result.fatal ? '#cf1322' : result.passed ? '#389e0d' : '#d46b08' },
              }}
              data-testid="preview-score"
            />
          </Col>
          <Col xs={12} md={10}>
            <Flex gap={8} wrap>
              {result.fatal && (
                <Tag color="red" data-testid="preview-fatal">
                  {t('scorecards.preview.fatal')}
                </Tag>
              )}
              <Tag color={result.passed ? 'green' : 'orange'} data-testid="preview-passed">
                {result.passed ? t('scorecards.preview.passed') : t('scorecards.preview.notPassed')}
              </Tag>
              <Typography.Text type="secondary">
                {t('scorecards.preview.earned', {
                  earned: result.earned_points,
                  applicable: result.applicable_points,
                })}
              </Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} md={8} style={{ textAlign: 'right' }}>
            <Button onClick={() => setAnswers({})}>{t('scorecards.preview.reset')}</Button>
          </Col>
        </Row>
      </Card>
      {items.length === 0 && <Alert type="info" showIcon title={t('scorecards.builder.needItems')} />}
      {sections.map((section, si) => (
        <div key={si}>
          <Typography.Title level={5}>{section.title}</Typography.Title>
          {section.items.map((item) => (
            <Flex
              key={item.id}
              justify="space-between"
              align="center"
              gap={12}
              wrap
              style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
            >
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text>{item.text}</Typography.Text> <Tag>{categoryName(item.category)}</Tag>
                <Tag>{t('scorecards.item.points', { points: item.points })}</Tag>
                {item.fatal && <Tag color="red">{t('scorecards.item.fatal')}</Tag>}
              </div>
              <Segmented<AnswerResult>
                value={answers[item.id] ?? 'pass'}
                onChange={(v) => setAnswers((a) => ({ ...a, [item.id]: v }))}
                options={[
                  { value: 'pass', label: t('scorecards.preview.pass') },
                  { value: 'fail', label: t('scorecards.preview.fail') },
                  { value: 'na', label: t('scorecards.preview.na'), disabled: !item.allow_na },
                ]}
                data-testid={`preview-answer-${item.id}`}
              />
            </Flex>
          ))}
        </div>
      ))}
    </Flex>
  );
}
