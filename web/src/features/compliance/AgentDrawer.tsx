import { Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAgentDay } from '../../../../shared/schemas/compliance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { complianceApi } from './api.ts';
import { StatusTag } from './AgentTable.tsx';
import { oneDecimal, percent } from './format.ts';
import { ScoreCi } from './ScoreCi.tsx';

/** One CSR's month day by day: why the board says what it says. */
export function AgentDrawer({
  agentId,
  month,
  onClose,
}: {
  agentId: number | null;
  month: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const data = useLoad(
    () => (agentId === null ? Promise.resolve(null) : complianceApi.agent(agentId, month)),
    [agentId, month],
  );
  const detail = data.data ?? null;
  const a = detail?.agent;
  const weekday = (date: string) =>
    new Intl.DateTimeFormat(i18n.language === 'zh-CN' ? 'zh-CN' : 'en', {
      weekday: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));

  return (
    <Drawer
      open={agentId !== null}
      onClose={onClose}
      size={640}
      title={a ? `${a.display_name} · ${month}` : t('compliance.drawer.title')}
      data-testid="compliance-drawer"
    >
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {a && detail && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              {
                key: 'team',
                label: t('compliance.columns.team'),
                children: a.team ?? t('compliance.noTeam'),
              },
              { key: 'status', label: t('compliance.columns.status'), children: <StatusTag agent={a} /> },
              {
                key: 'checks',
                label: t('compliance.columns.checks'),
                children: `${a.checks} / ${a.monthly_quota}`,
              },
              { key: 'daily', label: t('compliance.columns.dailyQuota'), children: a.daily_quota },
              { key: 'shift', label: t('compliance.columns.shiftDays'), children: a.shift_days_so_far },
              { key: 'below', label: t('compliance.columns.daysBelow'), children: a.days_below_daily_quota },
              {
                key: 'remaining',
                label: t('compliance.columns.remaining'),
                children: `${a.remaining_shift_days} (${t(`compliance.source.${a.remaining_source}`)})`,
              },
              {
                key: 'projected',
                label: t('compliance.columns.projected'),
                children: oneDecimal(a.projected_checks),
              },
              { key: 'avg', label: t('compliance.columns.average'), children: <ScoreCi score={a.score} /> },
              { key: 'pass', label: t('compliance.columns.passRate'), children: percent(a.pass_rate) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('compliance.drawer.explain', { today: detail.today })}
          </Typography.Paragraph>
          <Table<TAgentDay>
            rowKey="date"
            size="small"
            pagination={false}
            dataSource={detail.days}
            data-testid="compliance-days"
            rowClassName={(d) => (d.date === detail.today ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('compliance.drawer.date'),
                dataIndex: 'date',
                render: (d: string) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {d} <Typography.Text type="secondary">{weekday(d)}</Typography.Text>
                  </span>
                ),
              },
              {
                title: t('compliance.drawer.onShift'),
                key: 'shift',
                render: (_, d) =>
                  d.on_shift === null ? (
                    <Typography.Text type="secondary">{t('compliance.drawer.unknown')}</Typography.Text>
                  ) : d.on_shift ? (
                    <Tag color={d.source === 'roster' ? 'blue' : 'cyan'}>
                      {t(`compliance.drawer.by.${d.source}`)}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary">
                      {t('compliance.drawer.off')}
                      {d.source === 'roster' ? ` · ${t('compliance.drawer.by.roster')}` : ''}
                    </Typography.Text>
                  ),
              },
              {
                title: t('compliance.drawer.checks'),
                key: 'checks',
                align: 'right',
                render: (_, d) =>
                  d.on_shift ? (
                    <Typography.Text type={d.below ? 'danger' : undefined}>
                      {d.checks} / {d.quota}
                    </Typography.Text>
                  ) : d.checks > 0 ? (
                    d.checks
                  ) : (
                    ''
                  ),
              },
              {
                title: t('compliance.drawer.pending'),
                dataIndex: 'pending_assignments',
                align: 'right',
                render: (v: number) => (v > 0 ? v : ''),
              },
              {
                title: '',
                key: 'flag',
                render: (_, d) => (d.below ? <Tag color="error">{t('compliance.drawer.below')}</Tag> : null),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
