import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TComparison, TMonthFigures } from '../../../../shared/schemas/compliance.ts';
import { type BarChartOption, BarEChart } from './EChart.tsx';
import { oneDecimal, percent, signedPoints } from './format.ts';
import { ScoreCi } from './ScoreCi.tsx';

type AgentRow = TComparison['agents'][number];
type ItemRow = TComparison['items'][number];
type QueueRow = TComparison['queues'][number];

/** A change shown as ▲/▼ with colour: better is green whichever way "better" points. */
function Delta({
  value,
  kind,
  lowerIsBetter = false,
}: {
  value: number | null;
  kind: 'points' | 'rate';
  lowerIsBetter?: boolean;
}) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const better = lowerIsBetter ? value < 0 : value > 0;
  const worse = lowerIsBetter ? value > 0 : value < 0;
  const text =
    kind === 'points'
      ? signedPoints(value)
      : t('compliance.comparison.pp', {
          value: `${value > 0 ? '+' : value < 0 ? '−' : ''}${oneDecimal(Math.abs(value) * 100)}`,
        });
  return (
    <Typography.Text
      type={better ? 'success' : worse ? 'danger' : undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {value > 0 ? <ArrowUpOutlined /> : value < 0 ? <ArrowDownOutlined /> : null} {text}
    </Typography.Text>
  );
}

function Figures({ f }: { f: TMonthFigures }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <ScoreCi score={f.score} />
      {f.score.n > 0 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
          {t('compliance.comparison.passShort', { rate: percent(f.pass_rate) })}
          {f.fatal_count > 0 ? ` · ${t('compliance.comparison.fatalShort', { count: f.fatal_count })}` : ''}
        </Typography.Text>
      )}
    </span>
  );
}

/** Did targeting help (clause 4.3)? Targeted CSRs, items and queues, last month against this month. */
export function ComparisonView({ comparison }: { comparison: TComparison }) {
  const { t, i18n } = useTranslation();
  const c = comparison;
  const before = t('compliance.comparison.before', { month: c.previous });
  const after = t('compliance.comparison.after', { month: c.month });

  const agentOption = useMemo((): BarChartOption => {
    const names = [...c.agents.map((a) => a.display_name), t('compliance.comparison.others')];
    const mean = (f: TMonthFigures) => (f.score.mean === null ? null : Math.round(f.score.mean * 10) / 10);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0 } },
      series: [
        {
          name: before,
          type: 'bar',
          itemStyle: { color: '#bfbfbf' },
          data: [...c.agents.map((a) => mean(a.before)), mean(c.others.before)],
        },
        {
          name: after,
          type: 'bar',
          itemStyle: { color: '#1677ff' },
          data: [...c.agents.map((a) => mean(a.after)), mean(c.others.after)],
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c, i18n.language]);

  const itemOption = useMemo((): BarChartOption => {
    const rate = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: '%', min: 0 },
      yAxis: {
        type: 'category',
        data: c.items.map((i) => i.text),
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: [
        {
          name: before,
          type: 'bar',
          itemStyle: { color: '#bfbfbf' },
          data: c.items.map((i) => rate(i.before.fail_rate)),
        },
        {
          name: after,
          type: 'bar',
          itemStyle: { color: '#fa541c' },
          data: c.items.map((i) => rate(i.after.fail_rate)),
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c, i18n.language]);

  if (!c.plan) return <Empty description={t('compliance.comparison.noPlan', { month: c.month })} />;

  return (
    <div data-testid="comparison">
      <Typography.Paragraph type="secondary">
        {t('compliance.comparison.intro', { before: c.previous, after: c.month })}
        {c.plan.activated_at === null && (
          <Tag color="warning" style={{ marginInlineStart: 8 }}>
            {t('compliance.comparison.notActive')}
          </Tag>
        )}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={c.agents.length > 8 ? 24 : 12}>
          <Card size="small" title={t('compliance.comparison.agentsChart')}>
            <BarEChart
              option={agentOption}
              height={Math.max(260, (c.agents.length + 1) * 30 + 60)}
              testId="chart-comparison-agents"
              ariaLabel={t('compliance.comparison.agentsChart')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={c.agents.length > 8 ? 24 : 12}>
          <Card size="small" title={t('compliance.comparison.itemsChart')}>
            {c.items.length > 0 ? (
              <BarEChart
                option={itemOption}
                height={300}
                testId="chart-comparison-items"
                ariaLabel={t('compliance.comparison.itemsChart')}
              />
            ) : (
              <Empty description={t('compliance.proposal.noItems')} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Table<AgentRow>
            rowKey="agent_id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={c.agents}
            data-testid="comparison-agents"
            locale={{ emptyText: t('compliance.proposal.noAgents') }}
            columns={[
              {
                title: t('compliance.columns.agent'),
                dataIndex: 'display_name',
                sorter: (a, b) => a.display_name.localeCompare(b.display_name),
              },
              {
                title: t('compliance.columns.team'),
                dataIndex: 'team',
                render: (v: string | null) => v ?? '—',
              },
              { title: before, key: 'before', render: (_, r) => <Figures f={r.before} /> },
              { title: after, key: 'after', render: (_, r) => <Figures f={r.after} /> },
              {
                title: t('compliance.comparison.change'),
                dataIndex: 'change',
                align: 'right',
                sorter: (a, b) => (a.change ?? -999) - (b.change ?? -999),
                render: (v: number | null) => <Delta value={v} kind="points" />,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text type="secondary">
                    {t('compliance.comparison.othersRow', {
                      before: c.others.agents_before,
                      after: c.others.agents_after,
                    })}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>
                  <Figures f={c.others.before} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>
                  <Figures f={c.others.after} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <Delta value={c.others.change} kind="points" />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Col>
        <Col span={24}>
          <Table<ItemRow>
            rowKey="item_key"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={c.items}
            data-testid="comparison-items"
            locale={{ emptyText: t('compliance.proposal.noItems') }}
            columns={[
              { title: t('compliance.proposal.item'), dataIndex: 'text' },
              {
                title: before,
                key: 'before',
                align: 'right',
                render: (_, r) => `${percent(r.before.fail_rate)} (${r.before.fails}/${r.before.answered})`,
              },
              {
                title: after,
                key: 'after',
                align: 'right',
                render: (_, r) => `${percent(r.after.fail_rate)} (${r.after.fails}/${r.after.answered})`,
              },
              {
                title: t('compliance.comparison.failChange'),
                dataIndex: 'change',
                align: 'right',
                render: (v: number | null) => <Delta value={v} kind="rate" lowerIsBetter />,
              },
            ]}
          />
        </Col>
        <Col span={24}>
          <Table<QueueRow>
            rowKey="queue_id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={c.queues}
            data-testid="comparison-queues"
            locale={{ emptyText: t('compliance.proposal.noQueues') }}
            columns={[
              { title: t('compliance.proposal.queue'), dataIndex: 'name' },
              { title: before, key: 'before', render: (_, r) => <ScoreCi score={r.before.score} /> },
              { title: after, key: 'after', render: (_, r) => <ScoreCi score={r.after.score} /> },
              {
                title: t('compliance.comparison.change'),
                dataIndex: 'change',
                align: 'right',
                render: (v: number | null) => <Delta value={v} kind="points" />,
              },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
