import { Card, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_STATUSES, type TBoard, type TTeamRollup } from '../../../../shared/schemas/compliance.ts';
import { type BarChartOption, BarEChart } from './EChart.tsx';
import { STATUS_CHART_COLOR, percent } from './format.ts';
import { QuotaProgress } from './AgentTable.tsx';
import { ScoreCi } from './ScoreCi.tsx';

/** Team compliance: CSRs on track / at risk / missed per team (stacked bars) and the team table. */
export function TeamPanel({ board, loading }: { board: TBoard; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const teamName = (r: TTeamRollup) => r.team ?? t('compliance.noTeam');

  const option = useMemo((): BarChartOption => {
    const names = board.teams.map(teamName);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, name: t('compliance.teams.csrs') },
      series: COMPLIANCE_STATUSES.map((s) => ({
        name: t(`compliance.status.${s}`),
        type: 'bar' as const,
        stack: 'status',
        barMaxWidth: 56,
        itemStyle: { color: STATUS_CHART_COLOR[s] },
        label: {
          show: true,
          formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
        },
        data: board.teams.map((r) => r[s]),
      })),
    };
    // The words change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [board.teams, i18n.language]);

  return (
    <Card title={t('compliance.teams.title')} data-testid="compliance-teams">
      {board.teams.length > 0 && (
        <BarEChart
          option={option}
          height={260}
          testId="chart-teams"
          ariaLabel={t('compliance.teams.chart')}
        />
      )}
      <Table<TTeamRollup>
        rowKey={(r) => r.team_id ?? -1}
        size="small"
        loading={loading}
        dataSource={board.teams}
        pagination={false}
        scroll={{ x: 'max-content' }}
        style={{ marginTop: 12 }}
        columns={[
          {
            title: t('compliance.columns.team'),
            key: 'team',
            sorter: (a, b) => teamName(a).localeCompare(teamName(b)),
            render: (_, r) => teamName(r),
          },
          {
            title: t('compliance.teams.csrs'),
            dataIndex: 'agents',
            align: 'right',
            sorter: (a, b) => a.agents - b.agents,
          },
          {
            title: t('compliance.columns.checksOfQuota'),
            key: 'checks',
            sorter: (a, b) =>
              a.checks / Math.max(1, a.monthly_quota_total) - b.checks / Math.max(1, b.monthly_quota_total),
            render: (_, r) => (
              <QuotaProgress
                checks={r.checks}
                quota={r.monthly_quota_total}
                status={r.missed > 0 ? 'missed' : r.at_risk > 0 ? 'at_risk' : 'on_track'}
              />
            ),
          },
          {
            title: t('compliance.teams.met'),
            key: 'met',
            align: 'right',
            sorter: (a, b) => a.met / Math.max(1, a.agents) - b.met / Math.max(1, b.agents),
            render: (_, r) => `${r.met} / ${r.agents}`,
          },
          ...COMPLIANCE_STATUSES.filter((s) => s !== 'on_track').map((s) => ({
            title: t(`compliance.status.${s}`),
            dataIndex: s,
            align: 'right' as const,
            sorter: (a: TTeamRollup, b: TTeamRollup) => a[s] - b[s],
            render: (v: number) => (
              <Typography.Text type={v > 0 ? (s === 'missed' ? 'danger' : 'warning') : undefined}>
                {v}
              </Typography.Text>
            ),
          })),
          {
            title: t('compliance.columns.daysBelow'),
            dataIndex: 'days_below_daily_quota',
            align: 'right',
            sorter: (a, b) => a.days_below_daily_quota - b.days_below_daily_quota,
          },
          {
            title: t('compliance.columns.average'),
            key: 'average',
            sorter: (a, b) => (a.score.mean ?? -1) - (b.score.mean ?? -1),
            render: (_, r) => <ScoreCi score={r.score} />,
          },
          {
            title: t('compliance.columns.passRate'),
            dataIndex: 'pass_rate',
            align: 'right',
            render: (v: number | null) => percent(v),
          },
        ]}
      />
    </Card>
  );
}
