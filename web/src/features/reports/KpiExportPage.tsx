import { Card, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchKpi } from './api.ts';
import { PeriodStepper } from './DateStepper.tsx';
import { DocumentButtons } from './DocumentButtons.tsx';
import { formatPercent, formatScore } from './format.ts';
import { ScopeNotice } from './ScopeNotice.tsx';
import type { KpiRow } from './types.ts';
import { useMonthParam } from './useReportParams.ts';

/** KPI export for appraisal (4.6): a preview of what the CSV / Excel file holds, one row per CSR. */
export function KpiExportPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const data = useLoad(() => fetchKpi(month), [month]);
  const report = data.data?.month === month ? data.data : undefined;
  const [term, setTerm] = useState('');
  const [team, setTeam] = useState<string | undefined>();
  const teams = useMemo(
    () =>
      [...new Set((report?.rows ?? []).map((r) => r.team_name ?? ''))].sort((a, b) =>
        a.localeCompare(b, 'zh-CN'),
      ),
    [report],
  );
  const rows = useMemo(() => {
    const q = term.trim().toLowerCase();
    return (report?.rows ?? []).filter(
      (r) =>
        (q === '' || r.display_name.toLowerCase().includes(q) || r.agent.toLowerCase().includes(q)) &&
        (team === undefined || (r.team_name ?? '') === team),
    );
  }, [report, term, team]);

  return (
    <>
      <PageHeader
        title={t('reports.kpi.title')}
        subtitle={t('reports.kpi.subtitle')}
        extra={
          <DocumentButtons
            path="/reports/kpi"
            query={{ month }}
            formats={['csv', 'xlsx']}
            fallbackName={`${t('reports.kpi.exportName')}-${month}`}
            disabled={!report || report.rows.length === 0}
          />
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Flex gap={8} wrap>
            <PeriodStepper month={month} onChange={(next) => setMonth(next.month)} />
            <Input.Search
              allowClear
              placeholder={t('reports.common.searchAgent')}
              onChange={(e) => setTerm(e.target.value)}
              style={{ width: 200 }}
            />
            <Select<string | undefined>
              allowClear
              placeholder={t('reports.common.anyTeam')}
              value={team}
              onChange={setTeam}
              style={{ width: 180 }}
              options={teams.map((name) => ({ value: name, label: name || t('reports.common.noTeam') }))}
            />
          </Flex>
          {report && (
            <Typography.Text type="secondary">
              {t('reports.kpi.rows', { count: rows.length })} ·{' '}
              {t('reports.common.computedAt', { time: formatDateTime(report.generated_at) })}
            </Typography.Text>
          )}
        </Flex>
        <ErrorAlert error={data.error} onRetry={data.reload} />
        {report && <ScopeNotice scope={report.scope} centerFigures={false} />}
        <Table<KpiRow>
          rowKey="agent_id"
          size="middle"
          data-testid="kpi-table"
          dataSource={rows}
          loading={data.loading}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('users.columns.username'),
              dataIndex: 'agent',
              key: 'agent',
              sorter: (a, b) => a.agent.localeCompare(b.agent),
            },
            {
              title: t('reports.common.agent'),
              dataIndex: 'display_name',
              key: 'name',
              sorter: (a, b) => a.display_name.localeCompare(b.display_name, 'zh-CN'),
            },
            {
              title: t('reports.common.team'),
              key: 'team',
              sorter: (a, b) => (a.team_name ?? '').localeCompare(b.team_name ?? '', 'zh-CN'),
              render: (_, r) =>
                r.team_name ?? (
                  <Typography.Text type="secondary">{t('reports.common.noTeam')}</Typography.Text>
                ),
            },
            {
              title: t('reports.common.average'),
              key: 'average',
              align: 'right',
              sorter: (a, b) => (a.average_score ?? -1) - (b.average_score ?? -1),
              render: (_, r) => <Typography.Text strong>{formatScore(r.average_score)}</Typography.Text>,
            },
            {
              title: t('reports.common.evaluations'),
              dataIndex: 'evaluations',
              key: 'evaluations',
              align: 'right',
              sorter: (a, b) => a.evaluations - b.evaluations,
            },
            {
              title: t('reports.common.fatal'),
              dataIndex: 'fatal_count',
              key: 'fatal',
              align: 'right',
              sorter: (a, b) => a.fatal_count - b.fatal_count,
              render: (v: number) => (
                <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>
              ),
            },
            {
              title: t('reports.common.passRate'),
              key: 'pass_rate',
              align: 'right',
              sorter: (a, b) => (a.pass_rate ?? -1) - (b.pass_rate ?? -1),
              render: (_, r) => formatPercent(r.pass_rate),
            },
            {
              title: t('reports.kpi.rank'),
              key: 'rank',
              align: 'right',
              sorter: (a, b) => (a.rank_in_team ?? Infinity) - (b.rank_in_team ?? Infinity),
              render: (_, r) =>
                r.rank_in_team === null ? (
                  <Tooltip title={t('reports.kpi.notRankedHelp')}>
                    <Tag style={{ marginInlineEnd: 0 }}>{t('reports.kpi.notRanked')}</Tag>
                  </Tooltip>
                ) : (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {t('reports.kpi.rankOf', { rank: r.rank_in_team, size: r.team_size })}
                  </span>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
