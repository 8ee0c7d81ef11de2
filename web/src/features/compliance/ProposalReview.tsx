import { Alert, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { planName } from '../sampling/plan-name.ts';
import type {
  TProposal,
  TProposalAgent,
  TProposalItem,
  TProposalQueue,
} from '../../../../shared/schemas/compliance.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchCategories } from '../scorecards/api.ts';
import { useCategoryName } from '../scorecards/useCategoryName.ts';
import { percent } from './format.ts';
import { ScoreCi } from './ScoreCi.tsx';

type Hire = TProposal['new_hires']['agents'][number];

/** Why the proposed plan looks as it does: last month's weak CSRs, failed items, weak queues, new hires. */
export function ProposalReview({ proposal }: { proposal: TProposal }) {
  const { t } = useTranslation();
  const th = proposal.thresholds;
  const categories = useLoad(fetchCategories, []);
  const categoryName = useCategoryName(categories.data ?? []);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('compliance.proposal.basis', {
          month: proposal.month,
          last: proposal.based_on,
          plan: planName(t, proposal.base_plan.name),
        })}
        description={t('compliance.proposal.thresholds', {
          rate: percent(th.min_pass_rate),
          // Proposals made before the threshold existed counted any fatal error (as 0 does).
          fatal: percent(th.max_fatal_rate ?? 0),
          extra: th.extra_daily,
          items: th.top_items,
          picks: th.queue_picks,
          min: th.min_queue_checks,
        })}
      />
      <Tabs
        items={[
          {
            key: 'agents',
            label: t('compliance.proposal.tabs.agents', { count: proposal.agents.length }),
            children: <AgentsTable rows={proposal.agents} />,
          },
          {
            key: 'items',
            label: t('compliance.proposal.tabs.items', { count: proposal.items.length }),
            children: <ItemsTable rows={proposal.items} categoryName={categoryName} />,
          },
          {
            key: 'queues',
            label: t('compliance.proposal.tabs.queues', { count: proposal.queues.length }),
            children: <QueuesTable rows={proposal.queues} picks={th.queue_picks} />,
          },
          {
            key: 'hires',
            label: t('compliance.proposal.tabs.hires', { count: proposal.new_hires.agents.length }),
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {proposal.new_hires.rule_added
                    ? t('compliance.proposal.hiresAdded', {
                        days: proposal.new_hires.within_days,
                        extra: proposal.new_hires.extra,
                      })
                    : t('compliance.proposal.hiresKept')}
                </Typography.Paragraph>
                <Table<Hire>
                  rowKey="agent_id"
                  size="small"
                  pagination={false}
                  dataSource={proposal.new_hires.agents}
                  locale={{ emptyText: <Empty description={t('compliance.proposal.noHires')} /> }}
                  columns={[
                    { title: t('compliance.columns.agent'), dataIndex: 'display_name' },
                    { title: t('compliance.columns.username'), dataIndex: 'agent' },
                    { title: t('compliance.proposal.hireDate'), dataIndex: 'hire_date' },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function Reasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons.map((r) => (
        <Tag key={r} color={r === 'fatal_errors' ? 'error' : 'warning'}>
          {t(`compliance.reasons.${r as 'below_pass_mark'}`)}
        </Tag>
      ))}
    </>
  );
}

function AgentsTable({ rows }: { rows: TProposalAgent[] }) {
  const { t } = useTranslation();
  return (
    <Table<TProposalAgent>
      rowKey="agent_id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      data-testid="proposal-agents"
      locale={{ emptyText: <Empty description={t('compliance.proposal.noAgents')} /> }}
      columns={[
        {
          title: t('compliance.columns.agent'),
          dataIndex: 'display_name',
          sorter: (a, b) => a.display_name.localeCompare(b.display_name),
        },
        { title: t('compliance.columns.team'), dataIndex: 'team', render: (v: string | null) => v ?? '—' },
        {
          title: t('compliance.proposal.why'),
          key: 'why',
          render: (_, r) => <Reasons reasons={r.reasons} />,
        },
        {
          title: t('compliance.proposal.lastAverage'),
          key: 'avg',
          sorter: (a, b) => (a.score.mean ?? -1) - (b.score.mean ?? -1),
          render: (_, r) => <ScoreCi score={r.score} />,
        },
        {
          title: t('compliance.proposal.passMark'),
          dataIndex: 'pass_mark',
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
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
          render: (v: number, r) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {v}
              {r.score.n > 0 && (
                <Typography.Text type="secondary"> ({percent(v / r.score.n)})</Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t('compliance.proposal.dailyQuota'),
          key: 'quota',
          align: 'right',
          render: (_, r) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {r.daily_min_before} → <Typography.Text strong>{r.daily_min_after}</Typography.Text>
            </span>
          ),
        },
      ]}
    />
  );
}

function ItemsTable({
  rows,
  categoryName,
}: {
  rows: TProposalItem[];
  categoryName: (key: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table<TProposalItem>
      rowKey="item_key"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      data-testid="proposal-items"
      locale={{ emptyText: <Empty description={t('compliance.proposal.noItems')} /> }}
      columns={[
        {
          title: t('compliance.proposal.item'),
          key: 'text',
          render: (_, r) => (
            <span>
              {r.text} {r.fatal && <Tag color="error">{t('compliance.proposal.fatalItem')}</Tag>}
            </span>
          ),
        },
        { title: t('compliance.proposal.form'), dataIndex: 'form' },
        {
          title: t('compliance.proposal.category'),
          dataIndex: 'category',
          render: (v: string) => categoryName(v),
        },
        {
          title: t('compliance.proposal.fails'),
          key: 'fails',
          align: 'right',
          sorter: (a, b) => a.fails - b.fails,
          render: (_, r) => `${r.fails} / ${r.answered}`,
        },
        {
          title: t('compliance.proposal.failRate'),
          dataIndex: 'fail_rate',
          align: 'right',
          sorter: (a, b) => a.fail_rate - b.fail_rate,
          render: (v: number) => percent(v),
        },
        {
          title: t('compliance.proposal.worstQueue'),
          dataIndex: 'queue',
          render: (v: string | null) => v ?? '—',
        },
      ]}
    />
  );
}

function QueuesTable({ rows, picks }: { rows: TProposalQueue[]; picks: number }) {
  const { t } = useTranslation();
  return (
    <Table<TProposalQueue>
      rowKey="queue_id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      data-testid="proposal-queues"
      locale={{ emptyText: <Empty description={t('compliance.proposal.noQueues')} /> }}
      columns={[
        { title: t('compliance.proposal.queue'), dataIndex: 'name' },
        {
          title: t('compliance.proposal.why'),
          key: 'why',
          render: (_, r) => (
            <>
              {r.reasons.map((x) => (
                <Tag key={x} color="warning">
                  {t(`compliance.queueReasons.${x}`)}
                </Tag>
              ))}
            </>
          ),
        },
        {
          title: t('compliance.proposal.lastAverage'),
          key: 'avg',
          render: (_, r) => <ScoreCi score={r.score} />,
        },
        {
          title: t('compliance.columns.passRate'),
          dataIndex: 'pass_rate',
          align: 'right',
          render: (v: number | null) => percent(v),
        },
        { title: t('compliance.proposal.itemFails'), dataIndex: 'item_fails', align: 'right' },
        {
          title: t('compliance.proposal.rule'),
          key: 'rule',
          render: (_, r) =>
            r.rule_added ? (
              <Tag color="blue">{t('compliance.proposal.ruleAdded', { picks })}</Tag>
            ) : (
              <Tag>{t('compliance.proposal.ruleKept')}</Tag>
            ),
        },
      ]}
    />
  );
}
