import {
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  theme,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAllPages } from '../../lib/api.ts';
import { fetchMonthly, fetchMyQuality } from './api.ts';
import { EChart } from './charts/EChart.tsx';
import { radarChartOption, type RadarSeries } from '../../../../shared/reports/chart-options.ts';
import { COLORS, monthlyTrendOption, radarScaleMin, withRadarTooltip } from './charts/options.ts';
import { PeriodStepper } from './DateStepper.tsx';
import { categoryName, formatPercent, formatScore } from './format.ts';
import { Change, CiText, Explained, RadarScale, ShareText, VerdictTag } from './parts.tsx';
import type { AgentStats, MyQuality } from './types.ts';
import { useMonthParam, useReportParam, useSetReportParams } from './useReportParams.ts';

const isId = (v: string) => /^[1-9]\d*$/.test(v);
const isMonths = (v: string) => v === '6' || v === '12';

function ThisMonth({ data }: { data: MyQuality }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const m = data.trend[data.trend.length - 1];
  if (!m) return null;
  const card = (title: React.ReactNode, value: React.ReactNode, testId?: string) => (
    <Col xs={12} lg={6}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={title} valueRender={() => value} />
      </Card>
    </Col>
  );
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('reports.myQuality.thisMonth', { month: m.month })}
      </Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {card(t('reports.common.evaluations'), m.evaluations, 'my-evaluations-count')}
        {card(
          <Explained label={t('reports.common.averageCi')} help={t('reports.ci.columnHelp')} />,
          <CiText
            average={m.average_score}
            low={m.ci_low}
            high={m.ci_high}
            evaluations={m.evaluations}
            large
          />,
        )}
        {card(t('reports.common.passRate'), formatPercent(m.pass_rate))}
        {card(
          t('reports.common.fatal'),
          <span style={{ color: m.fatal_count > 0 ? token.colorError : undefined }}>{m.fatal_count}</span>,
        )}
      </Row>
    </>
  );
}

function QualityBody({ data }: { data: MyQuality }) {
  const { t, i18n } = useTranslation();
  const trend = useMemo(
    () =>
      monthlyTrendOption(
        data.trend.map((m) => ({
          label: m.month,
          average: m.average_score,
          low: m.ci_low,
          high: m.ci_high,
          evaluations: m.evaluations,
        })),
        {
          average: t('reports.common.average'),
          interval: t('reports.myQuality.interval'),
          evaluations: t('reports.common.evaluations'),
        },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, i18n.language],
  );
  const radar = useMemo(() => {
    const categories = data.categories.map((c) => ({ key: c.key, name: categoryName(c) }));
    const shares = (pick: (c: MyQuality['categories'][number]) => number | null) =>
      Object.fromEntries(data.categories.map((c) => [c.key, pick(c)]));
    const series: RadarSeries[] = [
      { name: data.agent.display_name, shares: shares((c) => c.agent_share), color: COLORS.primary },
    ];
    if (data.agent.team_id !== null)
      series.push({
        name: data.agent.team_name ?? t('reports.myQuality.teamAverage'),
        shares: shares((c) => c.team_share),
        color: COLORS.purple,
      });
    series.push({
      name: t('reports.myQuality.centerAverage'),
      shares: shares((c) => c.center_share),
      color: COLORS.grey,
    });
    return withRadarTooltip(
      radarChartOption(categories, series),
      categories,
      new Map(series.map((s) => [s.name, s.shares])),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, i18n.language]);

  return (
    <>
      <ThisMonth data={data} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            title={<Explained label={t('reports.myQuality.trend')} help={t('reports.myQuality.trendHelp')} />}
            style={{ height: '100%' }}
          >
            <EChart
              option={trend}
              height={420}
              testId="chart-my-trend"
              ariaLabel={t('reports.myQuality.trend')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={
              <Explained
                label={t('reports.myQuality.categories')}
                help={t('reports.myQuality.categoriesHelp')}
              />
            }
            style={{ height: '100%' }}
          >
            {data.categories.length === 0 ? (
              <Empty description={t('reports.common.noData')} />
            ) : (
              <>
                {data.categories.length >= 3 && (
                  <>
                    <EChart
                      option={radar}
                      height={300}
                      testId="chart-my-radar"
                      ariaLabel={t('reports.myQuality.categories')}
                    />
                    <RadarScale min={radarScaleMin(radar)} />
                  </>
                )}
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={data.categories}
                  columns={[
                    {
                      title: t('reports.myQuality.categoryTable.category'),
                      key: 'name',
                      render: (_, c) => categoryName(c),
                    },
                    {
                      title: data.agent.display_name,
                      key: 'agent',
                      align: 'right',
                      render: (_, c) => <ShareText value={c.agent_share} />,
                    },
                    {
                      title: data.agent.team_name ?? t('reports.myQuality.categoryTable.team'),
                      key: 'team',
                      align: 'right',
                      render: (_, c) => <ShareText value={c.team_share} />,
                    },
                    {
                      title: t('reports.myQuality.categoryTable.center'),
                      key: 'center',
                      align: 'right',
                      render: (_, c) => <ShareText value={c.center_share} />,
                    },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('reports.myQuality.recent')} data-testid="my-recent">
        <Table
          rowKey="evaluation_id"
          size="middle"
          pagination={false}
          dataSource={data.recent}
          locale={{ emptyText: t('reports.myQuality.recentEmpty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '#',
              key: 'id',
              render: (_, r) => <Link to={`/evaluations/${r.evaluation_id}`}>#{r.evaluation_id}</Link>,
            },
            { title: t('reports.common.date'), dataIndex: 'local_date', key: 'date' },
            {
              title: t('reports.daily.method'),
              key: 'method',
              render: (_, r) => t(`evaluations.method.${r.method}`),
            },
            {
              title: t('reports.daily.score'),
              key: 'score',
              render: (_, r) => (
                <Space size={4}>
                  <Typography.Text strong type={r.fatal || !r.passed ? 'danger' : undefined}>
                    {formatScore(r.score)}
                  </Typography.Text>
                  <VerdictTag fatal={r.fatal} passed={r.passed} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

/** Before a CSR is chosen: the month's CSRs in the caller's scope with their figures, to pick from. */
function AgentChooser({ month, onPick }: { month: string; onPick: (agentId: number) => void }) {
  const { t } = useTranslation();
  const report = useLoad(() => fetchMonthly(month), [month]);
  const rows = report.data?.period.month === month ? report.data.agents : [];
  return (
    <Card title={t('reports.myQuality.chooseTitle', { month })}>
      <ErrorAlert error={report.error} onRetry={report.reload} />
      <Table<AgentStats>
        rowKey="agent_id"
        size="middle"
        data-testid="quality-chooser"
        loading={report.loading}
        dataSource={rows}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('reports.myQuality.noAgent')} /> }}
        onRow={(r) => ({ onClick: () => onPick(r.agent_id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('reports.common.agent'),
            key: 'agent',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name, 'zh-CN'),
            render: (_, r) => (
              <Space size={6}>
                <Typography.Link>{r.display_name}</Typography.Link>
                <Typography.Text type="secondary">{r.agent}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('reports.common.team'),
            key: 'team',
            render: (_, r) => r.team_name ?? t('reports.common.noTeam'),
          },
          {
            title: t('reports.common.evaluations'),
            dataIndex: 'evaluations',
            key: 'evaluations',
            align: 'right',
            sorter: (a, b) => a.evaluations - b.evaluations,
          },
          {
            title: t('reports.common.averageCi'),
            key: 'average',
            align: 'right',
            sorter: (a, b) => (a.average_score ?? -1) - (b.average_score ?? -1),
            render: (_, r) => (
              <CiText average={r.average_score} low={r.ci_low} high={r.ci_high} evaluations={r.evaluations} />
            ),
          },
          {
            title: t('reports.common.change'),
            key: 'change',
            align: 'right',
            sorter: (a, b) => (a.change.average_score ?? -Infinity) - (b.change.average_score ?? -Infinity),
            render: (_, r) => <Change value={r.change.average_score} kind="points" />,
          },
          {
            title: t('reports.common.passRate'),
            key: 'pass_rate',
            align: 'right',
            render: (_, r) => formatPercent(r.pass_rate),
          },
          {
            title: t('reports.common.fatal'),
            dataIndex: 'fatal_count',
            key: 'fatal',
            align: 'right',
            sorter: (a, b) => a.fatal_count - b.fatal_count,
            render: (v: number) => <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

/**
 * "My quality": a CSR's own monthly trend with its 95% range, category profile against the team and
 * the center, and latest evaluations. Whoever may see other CSRs (a team leader their team, QA
 * everyone) picks one.
 */
export function MyQualityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [agentText] = useReportParam('agent', () => '', isId);
  const [month] = useMonthParam();
  const [monthsText] = useReportParam('months', () => '6', isMonths);
  const setParams = useSetReportParams();
  const isAgent = me.roles.includes('agent');
  const agentId = agentText ? Number(agentText) : isAgent ? me.id : undefined;

  // The CSRs this user may see (GET /users is scoped by the server: a team leader gets the team).
  const people = useLoad(() => fetchAllPages<TUser>('/users', { role: 'agent', active: true }), []);
  const others = (people.data ?? []).filter((u) => u.id !== me.id);
  const canPick = others.length > 0;
  const data = useLoad(
    () =>
      agentId === undefined ? Promise.resolve(undefined) : fetchMyQuality(agentId, month, Number(monthsText)),
    [agentId, month, monthsText],
  );
  const shown = data.data && data.data.agent.agent_id === agentId ? data.data : undefined;
  const own = agentId === me.id;

  const options = useMemo(() => {
    const groups = new Map<string, { value: number; label: string }[]>();
    for (const u of people.data ?? []) {
      const key = u.team_name ?? t('reports.common.noTeam');
      const list = groups.get(key) ?? [];
      list.push({ value: u.id, label: `${u.display_name} (${u.username})` });
      groups.set(key, list);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
      .map(([label, opts]) => ({ label, options: opts }));
  }, [people.data, t]);

  return (
    <>
      <PageHeader
        title={
          own || !shown
            ? t(isAgent && own ? 'reports.myQuality.title' : 'reports.nav.agentQuality')
            : t('reports.myQuality.titleOf', { name: shown.agent.display_name })
        }
        subtitle={t(own ? 'reports.myQuality.subtitle' : 'reports.myQuality.subtitleOther')}
        extra={
          isAgent && own ? (
            <Link to="/my-evaluations">{t('reports.myQuality.allEvaluations')}</Link>
          ) : undefined
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {canPick && (
            <Select<number>
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('reports.myQuality.pickAgent')}
              value={agentId}
              onChange={(id) => setParams({ agent: String(id) })}
              options={options}
              loading={people.loading}
              style={{ width: 260 }}
              data-testid="quality-agent"
            />
          )}
          <Space>
            <Typography.Text type="secondary">{t('reports.myQuality.lastMonth')}</Typography.Text>
            <PeriodStepper month={month} onChange={(next) => setParams({ month: next.month })} />
          </Space>
          <Segmented
            value={monthsText}
            onChange={(v) => setParams({ months: v })}
            options={['6', '12'].map((v) => ({
              value: v,
              label: t('reports.myQuality.monthsOption', { count: Number(v) }),
            }))}
          />
          {shown?.agent.team_name && (
            <Typography.Text type="secondary">
              {t('reports.common.team')}: {shown.agent.team_name}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      <ErrorAlert error={data.error ?? people.error} onRetry={data.error ? data.reload : people.reload} />
      {agentId === undefined && (
        <AgentChooser month={month} onPick={(id) => setParams({ agent: String(id) })} />
      )}
      {agentId !== undefined && !shown && data.loading && <Card loading />}
      {shown && <QualityBody data={shown} />}
    </>
  );
}
