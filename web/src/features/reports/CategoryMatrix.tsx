import { Card, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { categoryName, formatPercent } from './format.ts';
import { Explained } from './parts.tsx';
import type { AgentStats, PeriodReport } from './types.ts';

/** A soft background from red (60% and below) through amber to green (100%). */
function heat(share: number): string {
  const x = Math.min(1, Math.max(0, (share - 0.6) / 0.4));
  return `hsl(${Math.round(x * 120)}, 70%, 92%)`;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Number((v * 100).toFixed(2));

/**
 * Clause 4.7 per CSR: the share of applicable items passed in each category, as a heat map, with
 * the team and the center beside it in the tooltip; filter by team, sort by any category, export.
 */
export function CategoryMatrix({ report, fileName }: { report: PeriodReport; fileName: string }) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [teamId, setTeamId] = useState<number | undefined>();
  const teamById = useMemo(() => new Map(report.teams.map((tm) => [tm.team_id, tm])), [report]);
  const rows = useMemo(() => {
    const q = term.trim().toLowerCase();
    return report.agents.filter(
      (a) =>
        a.evaluations > 0 &&
        (q === '' || a.display_name.toLowerCase().includes(q) || a.agent.toLowerCase().includes(q)) &&
        (teamId === undefined || a.team_id === teamId),
    );
  }, [report, term, teamId]);

  const handleExport = () => {
    downloadCsv<AgentStats>(fileName, rows, [
      { header: t('users.columns.username'), value: (r) => r.agent },
      { header: t('reports.common.agent'), value: (r) => r.display_name },
      { header: t('reports.common.team'), value: (r) => r.team_name ?? '' },
      { header: t('reports.common.evaluations'), value: (r) => r.evaluations },
      ...report.categories.map((c) => ({
        header: `${categoryName(c)} (%)`,
        value: (r: AgentStats) => pct(r.categories[c.key]),
      })),
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <Card
      title={
        <Explained
          label={t('reports.period.categories.perAgent')}
          help={t('reports.period.categories.perAgentHelp')}
        />
      }
      extra={<ExportButton run={handleExport} disabled={rows.length === 0} />}
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('reports.common.searchAgent')}
          onChange={(e) => setTerm(e.target.value)}
          style={{ width: 220 }}
        />
        {report.teams.length > 1 && (
          <Select<number | undefined>
            allowClear
            placeholder={t('reports.common.anyTeam')}
            value={teamId}
            onChange={setTeamId}
            style={{ width: 180 }}
            options={report.teams.map((tm) => ({ value: tm.team_id, label: tm.team_name }))}
          />
        )}
      </Flex>
      <Table<AgentStats>
        rowKey="agent_id"
        size="small"
        data-testid="category-matrix"
        dataSource={rows}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('reports.common.agent'),
            key: 'agent',
            fixed: 'left',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name, 'zh-CN'),
            render: (_, r) => <Typography.Text strong>{r.display_name}</Typography.Text>,
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
          ...report.categories.map((c) => ({
            title: categoryName(c),
            key: c.key,
            align: 'center' as const,
            sorter: (a: AgentStats, b: AgentStats) =>
              (a.categories[c.key] ?? -1) - (b.categories[c.key] ?? -1),
            onCell: (r: AgentStats) => {
              const v = r.categories[c.key];
              return v === null || v === undefined ? {} : { style: { background: heat(v) } };
            },
            render: (_: unknown, r: AgentStats) => {
              const v = r.categories[c.key] ?? null;
              const team = r.team_id === null ? undefined : teamById.get(r.team_id);
              return (
                <Tooltip
                  title={
                    <>
                      {team && (
                        <div>
                          {team.team_name}: {formatPercent(team.categories[c.key])}
                        </div>
                      )}
                      <div>
                        {t('reports.common.center')}: {formatPercent(report.center.categories[c.key])}
                      </div>
                    </>
                  }
                >
                  <span style={{ whiteSpace: 'nowrap' }}>{formatPercent(v)}</span>
                </Tooltip>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
