import { Card, Col, Flex, Row, Statistic, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatScore } from './format.ts';
import { Change, Explained } from './parts.tsx';
import type { PeriodReport } from './types.ts';

function SummaryCard({
  title,
  value,
  color,
  below,
  testId,
}: {
  title: ReactNode;
  value: string | number;
  color?: string;
  below: ReactNode;
  testId: string;
}) {
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { color } }} />
        <div style={{ marginTop: 8, minHeight: 22 }}>{below}</div>
      </Card>
    </Col>
  );
}

/** Evaluations, average with its 95% range, pass rate and fatal errors of the center, against the previous period. */
export function SummaryCards({ report }: { report: PeriodReport }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const c = report.center;
  const prev = c.previous;
  const previousText = (value: string) => (
    <Typography.Text type="secondary">{t('reports.period.cards.previous', { value })}</Typography.Text>
  );
  const countChange = (now: number, before: number | undefined) =>
    before === undefined ? null : now - before;

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="summary-cards">
      <SummaryCard
        testId="card-evaluations"
        title={t('reports.period.cards.evaluations')}
        value={c.evaluations}
        below={
          <Flex gap={12} wrap>
            <Change value={countChange(c.evaluations, prev?.evaluations)} kind="count" />
            {prev && previousText(String(prev.evaluations))}
          </Flex>
        }
      />
      <SummaryCard
        testId="card-average"
        title={
          <Explained
            label={t('reports.period.cards.average')}
            help={
              c.ci_low !== null && c.ci_high !== null
                ? t('reports.ci.help', {
                    low: formatScore(c.ci_low),
                    high: formatScore(c.ci_high),
                    count: c.evaluations,
                  })
                : t('reports.ci.tooFew')
            }
          />
        }
        value={formatScore(c.average_score)}
        below={
          <Flex gap={12} wrap>
            <Change value={c.change.average_score} kind="points" />
            {c.ci_low !== null && c.ci_high !== null && (
              <Typography.Text type="secondary" data-testid="center-ci">
                {t('reports.ci.short')} {formatScore(c.ci_low)}–{formatScore(c.ci_high)}
              </Typography.Text>
            )}
          </Flex>
        }
      />
      <SummaryCard
        testId="card-pass-rate"
        title={t('reports.period.cards.passRate')}
        value={formatPercent(c.pass_rate)}
        below={
          <Flex gap={12} wrap>
            <Change value={c.change.pass_rate} kind="rate" />
            {prev && previousText(formatPercent(prev.pass_rate))}
          </Flex>
        }
      />
      <SummaryCard
        testId="card-fatal"
        title={t('reports.period.cards.fatal')}
        value={c.fatal_count}
        color={c.fatal_count > 0 ? token.colorError : undefined}
        below={
          <Flex gap={12} wrap>
            <Change
              value={countChange(c.fatal_count, prev?.fatal_count)}
              kind="count"
              higherIsBetter={false}
            />
            {prev && previousText(String(prev.fatal_count))}
          </Flex>
        }
      />
    </Row>
  );
}
