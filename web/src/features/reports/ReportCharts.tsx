import { Card, Col, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from './charts/EChart.tsx';
import { COLORS, distributionOption, radarOption, trendOption, type RadarSeries } from './charts/options.ts';
import { categoryName } from './format.ts';
import { Explained } from './parts.tsx';
import type { DistributionBucket, PeriodReport, Stats } from './types.ts';

const BUCKET_COLORS: Record<DistributionBucket, string> = {
  fatal: COLORS.error,
  '<60': COLORS.orange,
  '60-69': COLORS.warning,
  '70-79': '#69b1ff',
  '80-89': COLORS.primary,
  '90-100': COLORS.success,
};

function DistributionChart({ report }: { report: PeriodReport }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(
    () =>
      distributionOption(
        report.distribution.map((b) => ({
          label: t(`reports.period.buckets.${b.bucket}`),
          count: b.count,
          color: BUCKET_COLORS[b.bucket],
        })),
        t('reports.period.charts.count'),
      ),
    // i18n.language: labels change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [report, i18n.language],
  );
  return (
    <Card
      title={
        <Explained
          label={t('reports.period.charts.distribution')}
          help={t('reports.period.charts.distributionHelp')}
        />
      }
      style={{ height: '100%' }}
    >
      <EChart
        option={option}
        height={300}
        testId="chart-distribution"
        ariaLabel={t('reports.period.charts.distribution')}
      />
    </Card>
  );
}

function TrendChart({ report }: { report: PeriodReport }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(
    () =>
      trendOption(
        report.trend.map((d) => ({
          label: d.date.slice(5),
          average: d.average_score,
          evaluations: d.evaluations,
        })),
        { average: t('reports.period.charts.average'), evaluations: t('reports.period.charts.count') },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [report, i18n.language],
  );
  return (
    <Card
      title={
        <Explained label={t('reports.period.charts.trend')} help={t('reports.period.charts.trendHelp')} />
      }
      style={{ height: '100%' }}
    >
      <EChart
        option={option}
        height={300}
        testId="chart-trend"
        ariaLabel={t('reports.period.charts.trend')}
      />
    </Card>
  );
}

type Subject = { key: string; name: string; stats: Stats; team?: { name: string; stats: Stats } };

/** Radar of one CSR or team (chosen in a list) against the whole center. */
export function RadarCard({ report }: { report: PeriodReport }) {
  const { t, i18n } = useTranslation();
  const subjects = useMemo(() => {
    const teams: Subject[] = report.teams.map((tm) => ({
      key: `team:${tm.team_id}`,
      name: tm.team_name,
      stats: tm,
    }));
    const teamById = new Map(report.teams.map((tm) => [tm.team_id, tm]));
    const agents: Subject[] = report.agents
      .filter((a) => a.evaluations > 0)
      .map((a) => {
        const team = a.team_id === null ? undefined : teamById.get(a.team_id);
        return {
          key: `agent:${a.agent_id}`,
          name: a.display_name,
          stats: a,
          team: team ? { name: team.team_name, stats: team } : undefined,
        };
      });
    return { teams, agents, all: new Map([...teams, ...agents].map((s) => [s.key, s])) };
  }, [report]);
  const [picked, setPicked] = useState<string | undefined>();
  const subject =
    (picked ? subjects.all.get(picked) : undefined) ?? subjects.teams[0] ?? subjects.agents[0] ?? undefined;

  const option = useMemo(() => {
    const keys = report.categories.map((c) => c.key);
    const series: RadarSeries[] = [];
    if (subject)
      series.push({
        name: subject.name,
        values: keys.map((k) => subject.stats.categories[k] ?? null),
        color: COLORS.primary,
        area: true,
      });
    if (subject?.team)
      series.push({
        name: subject.team.name,
        values: keys.map((k) => subject.team?.stats.categories[k] ?? null),
        color: COLORS.purple,
      });
    series.push({
      name: t('reports.common.center'),
      values: keys.map((k) => report.center.categories[k] ?? null),
      color: COLORS.grey,
    });
    return radarOption(report.categories.map(categoryName), series);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report, subject, i18n.language]);

  return (
    <Card
      title={
        <Explained label={t('reports.period.charts.radar')} help={t('reports.period.charts.radarHelp')} />
      }
      extra={
        <Space>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={subject?.key}
            onChange={setPicked}
            placeholder={t('reports.period.charts.pickSubject')}
            style={{ width: 220 }}
            data-testid="radar-subject"
            options={[
              {
                label: t('reports.period.charts.teamsGroup'),
                options: subjects.teams.map((s) => ({ value: s.key, label: s.name })),
              },
              {
                label: t('reports.period.charts.agentsGroup'),
                options: subjects.agents.map((s) => ({ value: s.key, label: s.name })),
              },
            ].filter((g) => g.options.length > 0)}
          />
        </Space>
      }
      style={{ height: '100%' }}
    >
      <EChart
        option={option}
        height={360}
        testId="chart-radar"
        ariaLabel={t('reports.period.charts.radar')}
      />
    </Card>
  );
}

/** The overview's charts: score distribution and the daily trend side by side. */
export function OverviewCharts({ report }: { report: PeriodReport }) {
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={10}>
        <DistributionChart report={report} />
      </Col>
      <Col xs={24} lg={14}>
        <TrendChart report={report} />
      </Col>
    </Row>
  );
}
