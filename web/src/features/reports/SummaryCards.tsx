import { Card, Col, Flex, Row, Segmented, Statistic, Typography, theme } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatScore } from './format.ts';
import { Change, Explained } from './parts.tsx';
import type { Change as TChange, PeriodReport, Stats } from './types.ts';

type Subject = { key: string; label: string; stats: Stats & { previous: Stats | null; change: TChange } };

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

/**
 * Who the summary cards can describe: the whole center, and for a caller who sees part of it, their
 * teams or themself (the default then, so a team leader first sees their team).
 */
function useSubjects(report: PeriodReport): Subject[] {
  const { t } = useTranslation();
  const center: Subject = { key: 'center', label: t('reports.common.center'), stats: report.center };
  if (report.scope === 'team')
    return [
      ...report.teams.map((tm) => ({ key: `team:${tm.team_id}`, label: tm.team_name, stats: tm })),
      center,
    ];
  if (report.scope === 'own')
    return [
      ...report.agents.map((a) => ({ key: `agent:${a.agent_id}`, label: a.display_name, stats: a })),
      center,
    ];
  return [center];
}

/**
 * Evaluations, average with its 95% range, pass rate and fatal errors, against the previous period:
 * of the center, or (switchable) of the caller's teams or themself.
 */
export function SummaryCards({ report }: { report: PeriodReport }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const subjects = useSubjects(report);
  const [picked, setPicked] = useState<string>();
  const subject = subjects.find((s) => s.key === picked) ?? subjects[0]!;
  const c = subject.stats;
  const prev = c.previous;
  const previousText = (value: string) => (
    <Typography.Text type="secondary">{t('reports.period.cards.previous', { value })}</Typography.Text>
  );
  const countChange = (now: number, before: number | undefined) =>
    before === undefined ? null : now - before;
  const noPrevious = <Typography.Text type="secondary">{t('reports.change.noPrevious')}</Typography.Text>;

  return (
    <>
      {subjects.length > 1 && (
        <Segmented
          value={subject.key}
          onChange={setPicked}
          options={subjects.map((s) => ({ value: s.key, label: s.label }))}
          style={{ marginBottom: 12 }}
          data-testid="summary-subject"
        />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="summary-cards">
        <SummaryCard
          testId="card-evaluations"
          title={t('reports.period.cards.evaluations')}
          value={c.evaluations}
          below={
            prev ? (
              <Flex gap={12} wrap>
                <Change value={countChange(c.evaluations, prev.evaluations)} kind="count" />
                {previousText(String(prev.evaluations))}
              </Flex>
            ) : (
              noPrevious
            )
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
              {prev && <Change value={c.change.average_score} kind="points" />}
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
            prev ? (
              <Flex gap={12} wrap>
                <Change value={c.change.pass_rate} kind="rate" />
                {previousText(formatPercent(prev.pass_rate))}
              </Flex>
            ) : (
              noPrevious
            )
          }
        />
        <SummaryCard
          testId="card-fatal"
          title={t('reports.period.cards.fatal')}
          value={c.fatal_count}
          color={c.fatal_count > 0 ? token.colorError : undefined}
          below={
            prev ? (
              <Flex gap={12} wrap>
                <Change
                  value={countChange(c.fatal_count, prev.fatal_count)}
                  kind="count"
                  higherIsBetter={false}
                />
                {previousText(String(prev.fatal_count))}
              </Flex>
            ) : (
              noPrevious
            )
          }
        />
      </Row>
    </>
  );
}
