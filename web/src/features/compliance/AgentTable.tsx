import { CalendarOutlined, FieldTimeOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Progress, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPLIANCE_STATUSES,
  type ComplianceStatus,
  type TBoard,
  type TBoardAgent,
} from '../../../../shared/schemas/compliance.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { STATUS_COLOR, oneDecimal, percent } from './format.ts';
import { ScoreCi, ciText } from './ScoreCi.tsx';

const NO_TEAM = -1;

/** A status tag whose tooltip says why, for this CSR. */
export function StatusTag({ agent }: { agent: TBoardAgent }) {
  const { t } = useTranslation();
  const reason = t(`compliance.statusWhy.${agent.status}`, {
    checks: agent.checks,
    quota: agent.monthly_quota,
    projected: oneDecimal(agent.projected_checks),
    remaining: agent.remaining_shift_days,
  });
  return (
    <Tooltip title={reason}>
      <Tag
        color={STATUS_COLOR[agent.status]}
        data-testid={`status-${agent.status}`}
        style={{ cursor: 'help' }}
      >
        {t(`compliance.status.${agent.status}`)}
      </Tag>
    </Tooltip>
  );
}

/** "14 / 20" as a bar, red when missed, orange when at risk. */
export function QuotaProgress({
  checks,
  quota,
  status,
}: {
  checks: number;
  quota: number;
  status: ComplianceStatus;
}) {
  const pct = quota > 0 ? Math.min(100, Math.round((checks / quota) * 100)) : 100;
  return (
    <Flex align="center" gap={8} style={{ minWidth: 150 }}>
      <Progress
        percent={pct}
        size="small"
        showInfo={false}
        status={checks >= quota ? 'success' : status === 'missed' ? 'exception' : 'normal'}
        strokeColor={checks < quota && status === 'at_risk' ? '#faad14' : undefined}
        style={{ flex: 1, margin: 0 }}
      />
      <Typography.Text style={{ whiteSpace: 'nowrap' }}>
        {checks} / {quota}
      </Typography.Text>
    </Flex>
  );
}

/** The per-CSR board: filter by team, status and name; sort any column; export what is shown. */
export function AgentTable({
  board,
  loading,
  onOpen,
}: {
  board: TBoard;
  loading: boolean;
  onOpen: (agent: TBoardAgent) => void;
}) {
  const { t } = useTranslation();
  const [team, setTeam] = useState<number | null>(null);
  const [statuses, setStatuses] = useState<ComplianceStatus[]>([]);
  const [q, setQ] = useState('');

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return board.agents.filter(
      (a) =>
        (team === null || (a.team_id ?? NO_TEAM) === team) &&
        (statuses.length === 0 || statuses.includes(a.status)) &&
        (!needle || a.display_name.toLowerCase().includes(needle) || a.agent.toLowerCase().includes(needle)),
    );
  }, [board.agents, team, statuses, q]);

  const handleExport = () => {
    downloadCsv<TBoardAgent>(`${t('compliance.board.exportName')}-${board.month}`, rows, [
      { header: t('compliance.columns.agent'), value: (r) => r.display_name },
      { header: t('compliance.columns.username'), value: (r) => r.agent },
      { header: t('compliance.columns.team'), value: (r) => r.team ?? '' },
      { header: t('compliance.columns.checks'), value: (r) => r.checks },
      { header: t('compliance.columns.monthlyQuota'), value: (r) => r.monthly_quota },
      { header: t('compliance.columns.dailyQuota'), value: (r) => r.daily_quota },
      { header: t('compliance.columns.shiftDays'), value: (r) => r.shift_days_so_far },
      { header: t('compliance.columns.daysBelow'), value: (r) => r.days_below_daily_quota },
      { header: t('compliance.columns.remaining'), value: (r) => r.remaining_shift_days },
      {
        header: t('compliance.columns.remainingSource'),
        value: (r) => t(`compliance.source.${r.remaining_source}`),
      },
      { header: t('compliance.columns.pending'), value: (r) => r.pending_assignments },
      { header: t('compliance.columns.unassigned'), value: (r) => r.unassigned_assignments },
      { header: t('compliance.columns.projected'), value: (r) => oneDecimal(r.projected_checks) },
      { header: t('compliance.columns.status'), value: (r) => t(`compliance.status.${r.status}`) },
      { header: t('compliance.columns.average'), value: (r) => ciText(r.score) },
      { header: t('compliance.columns.n'), value: (r) => r.score.n },
      { header: t('compliance.columns.passRate'), value: (r) => percent(r.pass_rate) },
      { header: t('compliance.columns.fatal'), value: (r) => r.fatal_count },
    ]);
    return Promise.resolve(rows.length);
  };

  const teamOptions = [
    ...board.teams.map((x) => ({ value: x.team_id ?? NO_TEAM, label: x.team ?? t('compliance.noTeam') })),
  ];

  return (
    <Card
      title={t('compliance.board.agentsTitle')}
      extra={<ExportButton run={handleExport} disabled={rows.length === 0} />}
      data-testid="compliance-agents"
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<number>
          allowClear
          placeholder={t('compliance.filters.team')}
          style={{ minWidth: 180 }}
          value={team ?? undefined}
          onChange={(v) => setTeam(v ?? null)}
          options={teamOptions}
          data-testid="filter-team"
        />
        <Select<ComplianceStatus[]>
          mode="multiple"
          allowClear
          placeholder={t('compliance.filters.status')}
          style={{ minWidth: 240 }}
          value={statuses}
          onChange={setStatuses}
          options={COMPLIANCE_STATUSES.map((s) => ({ value: s, label: t(`compliance.status.${s}`) }))}
          data-testid="filter-status"
        />
        <Input.Search
          allowClear
          placeholder={t('compliance.filters.search')}
          style={{ width: 220 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('common.showing', { shown: rows.length, total: board.agents.length })}
        </Typography.Text>
      </Flex>
      <Table<TBoardAgent>
        rowKey="agent_id"
        size="small"
        dataSource={rows}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 500] }}
        locale={{ emptyText: t('compliance.board.empty') }}
        data-testid="compliance-agent-table"
        columns={[
          {
            title: t('compliance.columns.agent'),
            key: 'agent',
            fixed: 'left',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name),
            render: (_, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r)}>
                {r.display_name}
              </Button>
            ),
          },
          {
            title: t('compliance.columns.team'),
            dataIndex: 'team',
            sorter: (a, b) => (a.team ?? '').localeCompare(b.team ?? ''),
            render: (v: string | null) =>
              v ?? <Typography.Text type="secondary">{t('compliance.noTeam')}</Typography.Text>,
          },
          {
            title: t('compliance.columns.checksOfQuota'),
            key: 'checks',
            sorter: (a, b) => a.checks / a.monthly_quota - b.checks / b.monthly_quota,
            render: (_, r) => <QuotaProgress checks={r.checks} quota={r.monthly_quota} status={r.status} />,
          },
          {
            title: t('compliance.columns.status'),
            key: 'status',
            sorter: (a, b) => COMPLIANCE_STATUSES.indexOf(a.status) - COMPLIANCE_STATUSES.indexOf(b.status),
            render: (_, r) => <StatusTag agent={r} />,
          },
          {
            title: (
              <Explained label={t('compliance.columns.projected')} help={t('compliance.help.projected')} />
            ),
            dataIndex: 'projected_checks',
            align: 'right',
            sorter: (a, b) => a.projected_checks - b.projected_checks,
            render: (v: number) => oneDecimal(v),
          },
          {
            title: (
              <Explained label={t('compliance.columns.daysBelow')} help={t('compliance.help.daysBelow')} />
            ),
            dataIndex: 'days_below_daily_quota',
            align: 'right',
            sorter: (a, b) => a.days_below_daily_quota - b.days_below_daily_quota,
            render: (v: number) => <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>,
          },
          {
            title: (
              <Explained label={t('compliance.columns.dailyQuota')} help={t('compliance.help.dailyQuota')} />
            ),
            dataIndex: 'daily_quota',
            align: 'right',
            sorter: (a, b) => a.daily_quota - b.daily_quota,
            render: (v: number) =>
              v > board.plan.daily_min ? (
                <Tooltip title={t('compliance.help.raised', { base: board.plan.daily_min })}>
                  <Tag color="purple">{v}</Tag>
                </Tooltip>
              ) : (
                v
              ),
          },
          {
            title: t('compliance.columns.shiftDays'),
            dataIndex: 'shift_days_so_far',
            align: 'right',
            sorter: (a, b) => a.shift_days_so_far - b.shift_days_so_far,
          },
          {
            title: (
              <Explained label={t('compliance.columns.remaining')} help={t('compliance.help.remaining')} />
            ),
            key: 'remaining',
            align: 'right',
            sorter: (a, b) => a.remaining_shift_days - b.remaining_shift_days,
            render: (_, r) => (
              <Tooltip title={t(`compliance.sourceHelp.${r.remaining_source}`)}>
                <span style={{ cursor: 'help', whiteSpace: 'nowrap' }}>
                  {r.remaining_shift_days}{' '}
                  {r.remaining_source === 'roster' ? (
                    <CalendarOutlined />
                  ) : r.remaining_source === 'none' ? null : (
                    <FieldTimeOutlined />
                  )}
                </span>
              </Tooltip>
            ),
          },
          {
            title: <Explained label={t('compliance.columns.pending')} help={t('compliance.help.pending')} />,
            key: 'pending',
            align: 'right',
            sorter: (a, b) => a.pending_assignments - b.pending_assignments,
            render: (_, r) =>
              r.unassigned_assignments > 0 ? (
                <Tooltip title={t('compliance.help.unassigned', { count: r.unassigned_assignments })}>
                  <span style={{ cursor: 'help' }}>
                    {r.pending_assignments}{' '}
                    <Typography.Text type="warning">+{r.unassigned_assignments}</Typography.Text>
                  </span>
                </Tooltip>
              ) : (
                r.pending_assignments
              ),
          },
          {
            title: <Explained label={t('compliance.columns.average')} help={t('compliance.help.average')} />,
            key: 'average',
            sorter: (a, b) => (a.score.mean ?? -1) - (b.score.mean ?? -1),
            render: (_, r) => <ScoreCi score={r.score} />,
          },
          {
            title: t('compliance.columns.passRate'),
            dataIndex: 'pass_rate',
            align: 'right',
            sorter: (a, b) => (a.pass_rate ?? -1) - (b.pass_rate ?? -1),
            render: (v: number | null) => percent(v),
          },
          {
            title: t('compliance.columns.fatal'),
            dataIndex: 'fatal_count',
            align: 'right',
            sorter: (a, b) => a.fatal_count - b.fatal_count,
            render: (v: number) => <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

/** A column title with a question-mark tooltip. */
export function Explained({ label, help }: { label: string; help: string }) {
  return (
    <Tooltip title={help}>
      <span style={{ cursor: 'help', whiteSpace: 'nowrap' }}>
        {label} <QuestionCircleOutlined style={{ fontSize: 12, opacity: 0.6 }} />
      </span>
    </Tooltip>
  );
}
