import { Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TAgentDay } from '../../../../shared/schemas/compliance.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { evaluationChecksLink } from '../evaluations/evaluationFilters.ts';
import { complianceApi } from './api.ts';
import { StatusTag } from './AgentTable.tsx';
import { oneDecimal, percent } from './format.ts';
import { ScoreCi } from './ScoreCi.tsx';

/**
 * One CSR's month day by day: why the board says what it says. Each day and each count of checks
 * opens the evaluations list on exactly those checks (that CSR, that local date, drafts left out).
 */
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
  const canList = useAbility('evaluations.list');
  const detail = data.data ?? null;
  const a = detail?.agent;
  const first = detail?.days[0]?.date;
  const last = detail?.days.at(-1)?.date;
  /** The content linked to the evaluations of `from`..`to` when the caller may list them. */
  const linked = (content: ReactNode, from: string, to: string, testId: string) =>
    canList && agentId !== null ? (
      <Link
        to={evaluationChecksLink(agentId, from, to)}
        title={t('compliance.drawer.openChecks')}
        data-testid={testId}
      >
        {content}
      </Link>
    ) : (
      content
    );
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
                children:
                  first && last && a.checks > 0
                    ? linked(`${a.checks} / ${a.monthly_quota}`, first, last, 'compliance-month-checks')
                    : `${a.checks} / ${a.monthly_quota}`,
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
                    {linked(d, d, d, `compliance-day-${d}`)}{' '}
                    <Typography.Text type="secondary">{weekday(d)}</Typography.Text>
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
                render: (_, d) => {
                  const text = d.on_shift ? `${d.checks} / ${d.quota}` : d.checks > 0 ? String(d.checks) : '';
                  // Below the quota the count stays red, also as a link.
                  const shown = d.below ? <Typography.Text type="danger">{text}</Typography.Text> : text;
                  return d.checks > 0
                    ? linked(shown, d.date, d.date, `compliance-day-checks-${d.date}`)
                    : shown;
                },
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
