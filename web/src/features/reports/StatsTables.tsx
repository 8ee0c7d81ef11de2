import type { TFunction } from 'i18next';
import { Card, Flex, Input, Select, Table, Typography, type TableColumnType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton.tsx';
import { downloadCsv, type CsvColumn } from '../../lib/csv.ts';
import { categoryName, formatCi, formatPercent } from './format.ts';
import { Change, CiText, Explained, ShareText } from './parts.tsx';
import type { AgentStats, PeriodReport, ReportCategory, Stats, TeamStats } from './types.ts';

type Row = Stats & { change: AgentStats['change'] };

const byNumber =
  <T,>(get: (r: T) => number | null) =>
  (a: T, b: T) =>
    (get(a) ?? -Infinity) - (get(b) ?? -Infinity);

const pct = (v: number | null) => (v === null ? null : Number((v * 100).toFixed(2)));

/** The figure columns every stats table shares (evaluations … categories). */
function useFigureColumns<T extends Row>(categories: ReportCategory[]): TableColumnType<T>[] {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        title: t('reports.common.evaluations'),
        dataIndex: 'evaluations',
        key: 'evaluations',
        align: 'right',
        sorter: byNumber<T>((r) => r.evaluations),
      },
      {
        title: <Explained label={t('reports.common.averageCi')} help={t('reports.ci.columnHelp')} />,
        key: 'average',
        align: 'right',
        sorter: byNumber<T>((r) => r.average_score),
        render: (_: unknown, r: T) => (
          <CiText average={r.average_score} low={r.ci_low} high={r.ci_high} evaluations={r.evaluations} />
        ),
      },
      {
        title: t('reports.common.change'),
        key: 'change',
        align: 'right',
        sorter: byNumber<T>((r) => r.change.average_score),
        render: (_: unknown, r: T) => <Change value={r.change.average_score} kind="points" />,
      },
      {
        title: t('reports.common.passRate'),
        key: 'pass_rate',
        align: 'right',
        sorter: byNumber<T>((r) => r.pass_rate),
        render: (_: unknown, r: T) => formatPercent(r.pass_rate),
      },
      {
        title: t('reports.common.fatal'),
        dataIndex: 'fatal_count',
        key: 'fatal',
        align: 'right',
        sorter: byNumber<T>((r) => r.fatal_count),
        render: (v: number) => <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>,
      },
      ...categories.map((c): TableColumnType<T> => ({
        title: categoryName(c),
        key: `cat:${c.key}`,
        align: 'right',
        sorter: byNumber<T>((r) => r.categories[c.key] ?? null),
        render: (_: unknown, r: T) => <ShareText value={r.categories[c.key]} />,
      })),
    ],
    [t, categories],
  );
}

/** CSV columns for the same figures, as plain numbers (percentages as 0–100). */
function figureCsv<T extends Row>(t: TFunction, categories: ReportCategory[]): CsvColumn<T>[] {
  return [
    { header: t('reports.common.evaluations'), value: (r) => r.evaluations },
    { header: t('reports.common.average'), value: (r) => r.average_score },
    { header: `${t('reports.ci.short')} −`, value: (r) => r.ci_low },
    { header: `${t('reports.ci.short')} +`, value: (r) => r.ci_high },
    { header: t('reports.common.averageCi'), value: (r) => formatCi(r.average_score, r.ci_low, r.ci_high) },
    {
      header: `${t('reports.common.change')} (${t('reports.common.average')})`,
      value: (r) => r.change.average_score,
    },
    { header: `${t('reports.common.passRate')} (%)`, value: (r) => pct(r.pass_rate) },
    {
      header: `${t('reports.common.change')} (${t('reports.common.passRate')}, ${t('reports.change.pp')})`,
      value: (r) => pct(r.change.pass_rate),
    },
    { header: t('reports.common.fatal'), value: (r) => r.fatal_count },
    ...categories.map((c) => ({
      header: `${categoryName(c)} (%)`,
      value: (r: T) => pct(r.categories[c.key] ?? null),
    })),
  ];
}

const periodName = (report: PeriodReport) =>
  report.period.part ? `${report.period.month}-${report.period.part}` : report.period.month;

/** Every CSR in scope: filter by name and team, sort by any figure, export CSV. */
export function AgentsTable({ report }: { report: PeriodReport }) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [teamId, setTeamId] = useState<number | 'none' | undefined>();
  const figures = useFigureColumns<AgentStats>(report.categories);
  const rows = useMemo(() => {
    const q = term.trim().toLowerCase();
    return report.agents.filter(
      (a) =>
        (q === '' || a.display_name.toLowerCase().includes(q) || a.agent.toLowerCase().includes(q)) &&
        (teamId === undefined || (teamId === 'none' ? a.team_id === null : a.team_id === teamId)),
    );
  }, [report, term, teamId]);
  const hasNoTeam = report.agents.some((a) => a.team_id === null);

  const handleExport = () => {
    downloadCsv<AgentStats>(`${t('reports.period.agentsTable.exportName')}-${periodName(report)}`, rows, [
      { header: t('users.columns.username'), value: (r) => r.agent },
      { header: t('reports.common.agent'), value: (r) => r.display_name },
      { header: t('reports.common.team'), value: (r) => r.team_name ?? '' },
      ...figureCsv<AgentStats>(t, report.categories),
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <Card>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('reports.common.searchAgent')}
            onChange={(e) => setTerm(e.target.value)}
            style={{ width: 220 }}
            data-testid="agents-search"
          />
          <Select<number | 'none' | undefined>
            allowClear
            placeholder={t('reports.common.anyTeam')}
            value={teamId}
            onChange={setTeamId}
            style={{ width: 180 }}
            options={[
              ...report.teams.map((tm) => ({ value: tm.team_id, label: tm.team_name })),
              ...(hasNoTeam ? [{ value: 'none' as const, label: t('reports.common.noTeam') }] : []),
            ]}
          />
        </Flex>
        <ExportButton run={handleExport} disabled={rows.length === 0} />
      </Flex>
      <Table<AgentStats>
        rowKey="agent_id"
        size="middle"
        data-testid="agents-table"
        dataSource={rows}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('reports.common.agent'),
            key: 'agent',
            fixed: 'left',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name, 'zh-CN'),
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{r.display_name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.agent}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('reports.common.team'),
            key: 'team',
            sorter: (a, b) => (a.team_name ?? '').localeCompare(b.team_name ?? '', 'zh-CN'),
            render: (_, r) =>
              r.team_name ?? <Typography.Text type="secondary">{t('reports.common.noTeam')}</Typography.Text>,
          },
          ...figures,
        ]}
      />
    </Card>
  );
}

/** Every team in scope with the same figures, sortable and exportable. */
export function TeamsTable({ report }: { report: PeriodReport }) {
  const { t } = useTranslation();
  const figures = useFigureColumns<TeamStats>(report.categories);
  const handleExport = () => {
    downloadCsv<TeamStats>(
      `${t('reports.period.teamsTable.exportName')}-${periodName(report)}`,
      report.teams,
      [
        { header: t('reports.common.team'), value: (r) => r.team_name },
        ...figureCsv<TeamStats>(t, report.categories),
      ],
    );
    return Promise.resolve(report.teams.length);
  };
  return (
    <Card>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <ExportButton run={handleExport} disabled={report.teams.length === 0} />
      </Flex>
      <Table<TeamStats>
        rowKey="team_id"
        size="middle"
        data-testid="teams-table"
        dataSource={report.teams}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('reports.common.team'),
            dataIndex: 'team_name',
            key: 'team',
            fixed: 'left',
            sorter: (a, b) => a.team_name.localeCompare(b.team_name, 'zh-CN'),
            render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
          },
          ...figures,
        ]}
      />
    </Card>
  );
}
