import { Card, Col, Empty, Flex, Row, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatDateTime } from '../../lib/time.ts';
import { InspectorTable, CategoryAnalysis, ProblemsTable } from './AnalysisTables.tsx';
import { fetchMonthly, fetchTenDay } from './api.ts';
import { PeriodStepper } from './DateStepper.tsx';
import { DocumentButtons } from './DocumentButtons.tsx';
import { tenDayPartOf } from './format.ts';
import { CategoryMatrix } from './CategoryMatrix.tsx';
import { OverviewCharts, RadarCard } from './ReportCharts.tsx';
import { ScopeNotice } from './ScopeNotice.tsx';
import { AgentsTable, TeamsTable } from './StatsTables.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import type { PeriodReport } from './types.ts';
import { centerToday, useMonthParam, useReportParam, useSetReportParams } from './useReportParams.ts';

function ReportBody({ report, fileBase }: { report: PeriodReport; fileBase: string }) {
  const { t } = useTranslation();
  const empty = report.center.evaluations === 0 && report.agents.every((a) => a.evaluations === 0);
  const showInspectors = report.scope === 'all' || report.inspectors.length > 0;
  return (
    <Tabs
      data-testid="report-tabs"
      destroyOnHidden={false}
      items={[
        {
          key: 'overview',
          label: t('reports.period.tabs.overview'),
          children: (
            <>
              <SummaryCards report={report} />
              {empty ? (
                <Card>
                  <Empty description={t('reports.common.noData')} />
                </Card>
              ) : (
                <>
                  <OverviewCharts report={report} />
                  <Row gutter={[16, 16]}>
                    <Col xs={24} xl={12}>
                      <RadarCard report={report} />
                    </Col>
                    <Col xs={24} xl={12}>
                      <ProblemsTable report={report} fileName={`${fileBase}-problems`} compact />
                    </Col>
                  </Row>
                </>
              )}
            </>
          ),
        },
        {
          key: 'agents',
          label: `${t('reports.period.tabs.agents')} (${report.agents.length})`,
          children: <AgentsTable report={report} />,
        },
        ...(report.scope === 'own'
          ? []
          : [
              {
                key: 'teams',
                label: `${t('reports.period.tabs.teams')} (${report.teams.length})`,
                children: <TeamsTable report={report} />,
              },
            ]),
        {
          key: 'categories',
          label: t('reports.period.tabs.categories'),
          children: (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <CategoryAnalysis report={report} fileName={`${fileBase}-categories`} />
              {report.agents.length > 1 && (
                <CategoryMatrix report={report} fileName={`${fileBase}-categories-csr`} />
              )}
            </Space>
          ),
        },
        {
          key: 'problems',
          label: t('reports.period.tabs.problems'),
          children: <ProblemsTable report={report} fileName={`${fileBase}-problems`} />,
        },
        ...(showInspectors
          ? [
              {
                key: 'inspectors',
                label: t('reports.period.tabs.inspectors'),
                children: <InspectorTable rows={report.inspectors} fileName={`${fileBase}-inspectors`} />,
              },
            ]
          : []),
      ]}
    />
  );
}

function ReportFrame({
  kind,
  month,
  part,
  stepper,
}: {
  kind: 'monthly' | 'ten_day';
  month: string;
  part: 1 | 2 | 3 | null;
  stepper: React.ReactNode;
}) {
  const { t } = useTranslation();
  const data = useLoad(
    () => (kind === 'monthly' || part === null ? fetchMonthly(month) : fetchTenDay(month, part)),
    [kind, month, part],
  );
  const report =
    data.data && data.data.period.month === month && data.data.period.part === part ? data.data : undefined;
  const fileBase =
    kind === 'monthly'
      ? `${t('reports.period.exportMonthly')}-${month}`
      : `${t('reports.period.exportTenDay')}-${month}-${part}`;
  const path = kind === 'monthly' ? '/reports/monthly' : '/reports/ten-day';
  const query = kind === 'monthly' ? { month } : { month, part };

  return (
    <>
      <PageHeader
        title={t(kind === 'monthly' ? 'reports.period.monthlyTitle' : 'reports.period.tenDayTitle')}
        subtitle={t(kind === 'monthly' ? 'reports.period.monthlySubtitle' : 'reports.period.tenDaySubtitle')}
        extra={
          <DocumentButtons path={path} query={query} formats={['xlsx', 'pdf']} fallbackName={fileBase} />
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          {stepper}
          {report && (
            <Space orientation="vertical" size={0} style={{ textAlign: 'end' }}>
              <Typography.Text data-testid="report-range">
                {t('reports.period.range', { from: report.period.from, to: report.period.to })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reports.period.comparedWith', { from: report.previous.from, to: report.previous.to })} ·{' '}
                {t('reports.common.generatedAt', {
                  time: formatDateTime(report.generated_at),
                  zone: report.timezone,
                })}
              </Typography.Text>
            </Space>
          )}
        </Flex>
      </Card>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {report && <ScopeNotice scope={report.scope} centerFigures />}
      {!report && data.loading && <Card loading />}
      {report && <ReportBody report={report} fileBase={fileBase} />}
    </>
  );
}

/** Monthly service-quality report (月报) with itemized category analysis (4.7). */
export function MonthlyReportPage() {
  const [month, setMonth] = useMonthParam();
  return (
    <ReportFrame
      kind="monthly"
      month={month}
      part={null}
      stepper={<PeriodStepper month={month} onChange={(next) => setMonth(next.month)} />}
    />
  );
}

const isPart = (v: string) => v === '1' || v === '2' || v === '3';

/** 10-day service-quality report (旬报): days 1–10, 11–20, 21 to the end of the month. */
export function TenDayReportPage() {
  const [month] = useMonthParam();
  const [partText] = useReportParam('part', () => String(tenDayPartOf(centerToday())), isPart);
  const setParams = useSetReportParams();
  const part = Number(partText) as 1 | 2 | 3;
  return (
    <ReportFrame
      kind="ten_day"
      month={month}
      part={part}
      stepper={
        <PeriodStepper
          month={month}
          part={part}
          onChange={(next) => setParams({ month: next.month, part: String(next.part ?? part) })}
        />
      }
    />
  );
}
