import { Card, Col, Empty, Row, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  distributionChartOption,
  radarChartOption,
  trendChartOption,
  type RadarSeries,
} from '../../../../shared/reports/chart-options.ts';
import { EChart } from './charts/EChart.tsx';
import {
  COLORS,
  radarScaleMin,
  withDistributionTooltip,
  withRadarTooltip,
  withTrendTooltip,
} from './charts/options.ts';
import { categoryName } from './format.ts';
import { Explained, RadarScale } from './parts.tsx';
import type { PeriodReport, Stats } from './types.ts';

/** Score distribution (the same option the PDF renders), with a tooltip. */
function DistributionChart({ report }: { report: PeriodReport }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(() => {
    const count = t('reports.period.charts.count');
    const total = report.distribution.reduce((s, b) => s + b.count, 0);
    return withDistributionTooltip(
      distributionChartOption(report.distribution, { count, fatal: t('reports.period.buckets.fatal') }),
      total,
      count,
    );
    // i18n.language: the words change with the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report, i18n.language]);
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

/** Average per day and evaluations per day over the period. */
function TrendChart({ report }: { report: PeriodReport }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(() => {
    const evaluations = t('reports.period.charts.count');
    return withTrendTooltip(
      trendChartOption(report.trend, { average: t('reports.period.charts.average'), evaluations }),
      evaluations,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report, i18n.language]);
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

/** Radar of one CSR or team (chosen in a list) against the whole center; a CSR's team beside them. */
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
  const subject = (picked ? subjects.all.get(picked) : undefined) ?? subjects.teams[0] ?? subjects.agents[0];

  const option = useMemo(() => {
    const categories = report.categories.map((c) => ({ key: c.key, name: categoryName(c) }));
    const series: RadarSeries[] = [];
    if (subject) series.push({ name: subject.name, shares: subject.stats.categories, color: COLORS.primary });
    if (subject?.team)
      series.push({ name: subject.team.name, shares: subject.team.stats.categories, color: COLORS.purple });
    series.push({ name: t('reports.common.center'), shares: report.center.categories, color: COLORS.grey });
    return withRadarTooltip(
      radarChartOption(categories, series),
      categories,
      new Map(series.map((s) => [s.name, s.shares])),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report, subject, i18n.language]);

  return (
    <Card
      title={
        <Explained label={t('reports.period.charts.radar')} help={t('reports.period.charts.radarHelp')} />
      }
      extra={
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={subject?.key}
          onChange={setPicked}
          placeholder={t('reports.period.charts.pickSubject')}
          style={{ width: 200 }}
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
      }
      style={{ height: '100%' }}
    >
      {report.categories.length < 3 ? (
        <Empty description={t('reports.period.charts.radarTooFew')} />
      ) : (
        <>
          <EChart
            option={option}
            height={360}
            testId="chart-radar"
            ariaLabel={t('reports.period.charts.radar')}
          />
          <RadarScale min={radarScaleMin(option)} />
        </>
      )}
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
