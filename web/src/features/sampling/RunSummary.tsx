import { Alert, Col, Flex, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TRunSummary } from '../../../../shared/schemas/sampling.ts';

type InspectorLoad = TRunSummary['per_inspector'][number];
type ShortAgent = TRunSummary['agents_short'][number];

/** What a run did: counts, the load per inspector, overflow and the CSRs it could not fill. */
export function RunSummary({ summary, date }: { summary: TRunSummary; date: string }) {
  const { t } = useTranslation();
  const stats: {
    key: 'onShift' | 'needed' | 'created' | 'placedOverflow' | 'overflow' | 'short';
    value: number;
    danger?: boolean;
  }[] = [
    { key: 'onShift', value: summary.on_shift },
    { key: 'needed', value: summary.needed },
    { key: 'created', value: summary.created },
    { key: 'placedOverflow', value: summary.placed_overflow },
    { key: 'overflow', value: summary.overflow, danger: summary.overflow > 0 },
    { key: 'short', value: summary.agents_short.length, danger: summary.agents_short.length > 0 },
  ];
  return (
    <Flex vertical gap={16} data-testid="run-summary">
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={6} xl={3}>
            <Statistic
              title={t(`sampling.runs.summary.${s.key}`)}
              value={s.value}
              styles={{ content: s.danger ? { color: '#cf1322' } : undefined }}
              data-testid={`run-stat-${s.key}`}
            />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary">
        {summary.roster
          ? t('sampling.runs.summary.byRoster', { date })
          : t('sampling.runs.summary.byContacts', { date })}{' '}
        {Object.entries(summary.by_strategy).map(([k, n]) => (
          <Tag key={k}>
            {t(`sampling.strategy.${k}`, { defaultValue: k })}: {n}
          </Tag>
        ))}
      </Typography.Text>
      {summary.no_inspectors && (
        <Alert type="error" showIcon title={t('sampling.runs.summary.noInspectors')} />
      )}
      {summary.overflow > 0 && !summary.no_inspectors && (
        <Alert
          type="warning"
          showIcon
          title={t('sampling.runs.summary.overflowHelp', { count: summary.overflow })}
        />
      )}
      <div>
        <Typography.Title level={5}>{t('sampling.runs.summary.perInspector')}</Typography.Title>
        <Table<InspectorLoad>
          rowKey="user_id"
          size="small"
          data-testid="run-inspectors"
          dataSource={summary.per_inspector}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('sampling.runs.columns.inspector'),
              key: 'name',
              sorter: (a, b) => a.display_name.localeCompare(b.display_name),
              render: (_, r) => `${r.display_name} (${r.username})`,
            },
            {
              title: t('sampling.runs.columns.before'),
              dataIndex: 'before',
              sorter: (a, b) => a.before - b.before,
            },
            {
              title: t('sampling.runs.columns.assigned'),
              dataIndex: 'assigned',
              sorter: (a, b) => a.assigned - b.assigned,
            },
            {
              title: t('sampling.runs.columns.total'),
              dataIndex: 'total',
              sorter: (a, b) => a.total - b.total,
            },
            { title: t('sampling.runs.columns.capacity'), dataIndex: 'capacity' },
            {
              title: t('sampling.runs.columns.load'),
              key: 'load',
              width: 180,
              render: (_, r) => (
                <Progress
                  size="small"
                  percent={r.capacity > 0 ? Math.round((r.total / r.capacity) * 100) : 100}
                  status={r.total >= r.capacity ? 'exception' : 'normal'}
                />
              ),
            },
          ]}
        />
      </div>
      {summary.agents_short.length > 0 && (
        <div>
          <Typography.Title level={5}>{t('sampling.runs.summary.shortTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('sampling.runs.summary.shortHelp')}</Typography.Paragraph>
          <Table<ShortAgent>
            rowKey="agent_id"
            size="small"
            data-testid="run-short"
            dataSource={summary.agents_short}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              {
                title: t('sampling.runs.columns.agent'),
                key: 'name',
                sorter: (a, b) => a.display_name.localeCompare(b.display_name),
                render: (_, r) => `${r.display_name} (${r.username})`,
              },
              {
                title: t('sampling.runs.columns.missing'),
                dataIndex: 'needed',
                sorter: (a, b) => a.needed - b.needed,
              },
              { title: t('sampling.runs.columns.available'), dataIndex: 'available' },
            ]}
          />
        </div>
      )}
    </Flex>
  );
}
