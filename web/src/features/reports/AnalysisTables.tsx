import { Card, Flex, Input, Progress, Table, Tag, Typography, type TableColumnType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../components/ExportButton.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { categoryName, formatPercent, formatScore } from './format.ts';
import { Explained, ShareText } from './parts.tsx';
import type { FailedItem, InspectorWork, PeriodReport, Stats } from './types.ts';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Number((v * 100).toFixed(2));

type CategoryRow = { key: string; name: string; center: boolean; stats: Stats };

/** Clause 4.7: per category, the share of applicable items passed, for the center and each team. */
export function CategoryAnalysis({ report, fileName }: { report: PeriodReport; fileName: string }) {
  const { t } = useTranslation();
  const rows: CategoryRow[] = [
    { key: 'center', name: t('reports.common.center'), center: true, stats: report.center },
    ...report.teams.map((tm) => ({
      key: `team:${tm.team_id}`,
      name: tm.team_name,
      center: false,
      stats: tm,
    })),
  ];
  const handleExport = () => {
    downloadCsv<CategoryRow>(fileName, rows, [
      { header: t('reports.period.categories.subject'), value: (r) => r.name },
      { header: t('reports.common.evaluations'), value: (r) => r.stats.evaluations },
      ...report.categories.map((c) => ({
        header: `${categoryName(c)} (%)`,
        value: (r: CategoryRow) => pct(r.stats.categories[c.key]),
      })),
    ]);
    return Promise.resolve(rows.length);
  };
  return (
    <Card
      title={
        <Explained label={t('reports.period.categories.title')} help={t('reports.period.categories.help')} />
      }
      extra={<ExportButton run={handleExport} />}
    >
      <Table<CategoryRow>
        rowKey="key"
        size="middle"
        data-testid="category-table"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('reports.period.categories.subject'),
            key: 'name',
            fixed: 'left',
            render: (_, r) => <Typography.Text strong={r.center}>{r.name}</Typography.Text>,
          },
          {
            title: t('reports.common.evaluations'),
            key: 'evaluations',
            align: 'right',
            render: (_, r) => r.stats.evaluations,
          },
          ...report.categories.map((c) => ({
            title: categoryName(c),
            key: c.key,
            align: 'right' as const,
            sorter: (a: CategoryRow, b: CategoryRow) =>
              (a.stats.categories[c.key] ?? -1) - (b.stats.categories[c.key] ?? -1),
            render: (_: unknown, r: CategoryRow) => <ShareText value={r.stats.categories[c.key]} />,
          })),
        ]}
      />
    </Card>
  );
}

/** The most-failed items of the period (concentrated problems, B17); `compact` for the overview. */
export function ProblemsTable({
  report,
  fileName,
  compact,
}: {
  report: PeriodReport;
  fileName: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const names = new Map(report.categories.map((c) => [c.key, categoryName(c)]));
  const handleExport = () => {
    downloadCsv<FailedItem>(fileName, report.top_failed_items, [
      { header: t('reports.period.problems.item'), value: (r) => r.text },
      { header: t('reports.period.problems.category'), value: (r) => names.get(r.category) ?? r.category },
      {
        header: t('reports.period.problems.fatalItem'),
        value: (r) => (r.fatal ? t('common.yes') : t('common.no')),
      },
      { header: t('reports.period.problems.failed'), value: (r) => r.failed },
      { header: t('reports.period.problems.applicable'), value: (r) => r.applicable },
      { header: `${t('reports.period.problems.failRate')} (%)`, value: (r) => pct(r.fail_rate) },
      { header: t('reports.period.problems.agentsFailing'), value: (r) => r.agents_failing },
    ]);
    return Promise.resolve(report.top_failed_items.length);
  };
  return (
    <Card
      title={
        <Explained label={t('reports.period.problems.title')} help={t('reports.period.problems.help')} />
      }
      extra={<ExportButton run={handleExport} disabled={report.top_failed_items.length === 0} />}
    >
      <Table<FailedItem>
        rowKey="item_id"
        size={compact ? 'small' : 'middle'}
        data-testid="problems-table"
        dataSource={report.top_failed_items}
        pagination={false}
        scroll={compact ? undefined : { x: 'max-content' }}
        locale={{ emptyText: t('reports.period.problems.empty') }}
        columns={
          [
            { title: '#', key: 'rank', width: 48, render: (_, _r, i) => i + 1 },
            {
              title: t('reports.period.problems.item'),
              key: 'text',
              render: (_, r) => (
                <Flex gap={6} align="center" wrap>
                  <span>{r.text}</span>
                  {r.fatal && (
                    <Tag color="error" style={{ marginInlineEnd: 0 }}>
                      {t('reports.period.problems.fatalItem')}
                    </Tag>
                  )}
                </Flex>
              ),
            },
            ...(compact
              ? []
              : [
                  {
                    title: t('reports.period.problems.category'),
                    key: 'category',
                    render: (_: unknown, r: FailedItem) => <Tag>{names.get(r.category) ?? r.category}</Tag>,
                  },
                ]),
            {
              title: t('reports.period.problems.failed'),
              key: 'failed',
              align: 'right',
              sorter: (a, b) => a.failed - b.failed,
              render: (_, r) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text strong>{r.failed}</Typography.Text>
                  <Typography.Text type="secondary"> / {r.applicable}</Typography.Text>
                </span>
              ),
            },
            {
              title: t('reports.period.problems.failRate'),
              key: 'fail_rate',
              width: compact ? 130 : 200,
              sorter: (a, b) => (a.fail_rate ?? 0) - (b.fail_rate ?? 0),
              render: (_, r) => (
                <Flex gap={8} align="center">
                  <Progress
                    percent={(r.fail_rate ?? 0) * 100}
                    showInfo={false}
                    size="small"
                    strokeColor={r.fatal ? '#ff4d4f' : '#fa8c16'}
                    style={{ width: compact ? 48 : 100, margin: 0 }}
                  />
                  <span style={{ whiteSpace: 'nowrap' }}>{formatPercent(r.fail_rate)}</span>
                </Flex>
              ),
            },
            {
              title: t('reports.period.problems.agentsFailing'),
              dataIndex: 'agents_failing',
              key: 'agents',
              align: 'right',
              sorter: (a, b) => a.agents_failing - b.agents_failing,
            },
          ] satisfies TableColumnType<FailedItem>[]
        }
      />
    </Card>
  );
}

const byNumber =
  <T,>(get: (r: T) => number | null) =>
  (a: T, b: T) =>
    (get(a) ?? -Infinity) - (get(b) ?? -Infinity);

/**
 * Inspector workload (evaluations, assigned vs done, time per evaluation) and accuracy (evaluations
 * disputed, overturned, judged inspector errors and the error rate — the inspector-accuracy
 * report's figures): filter by name, sort by any figure, export the rows shown as CSV.
 */
export function InspectorTable({
  rows: allRows,
  fileName,
  title,
}: {
  rows: InspectorWork[];
  fileName: string;
  title?: string;
}) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const rows = useMemo(() => {
    const q = term.trim().toLowerCase();
    return q === ''
      ? allRows
      : allRows.filter(
          (r) => r.display_name.toLowerCase().includes(q) || r.username.toLowerCase().includes(q),
        );
  }, [allRows, term]);
  const handleExport = () => {
    downloadCsv<InspectorWork>(fileName, rows, [
      { header: t('users.columns.username'), value: (r) => r.username },
      { header: t('reports.period.inspectors.inspector'), value: (r) => r.display_name },
      { header: t('reports.period.inspectors.evaluations'), value: (r) => r.evaluations },
      { header: t('reports.period.inspectors.assigned'), value: (r) => r.assigned },
      { header: t('reports.period.inspectors.done'), value: (r) => r.done },
      { header: t('reports.period.inspectors.avgMinutes'), value: (r) => r.avg_minutes },
      { header: t('reports.period.inspectors.disputes'), value: (r) => r.disputes },
      { header: t('reports.period.inspectors.overturned'), value: (r) => r.overturned },
      { header: t('reports.period.inspectors.inspectorErrors'), value: (r) => r.inspector_errors },
      { header: `${t('reports.period.inspectors.errorRate')} (%)`, value: (r) => pct(r.error_rate) },
    ]);
    return Promise.resolve(rows.length);
  };
  const num = (key: keyof InspectorWork) => ({
    key,
    dataIndex: key,
    align: 'right' as const,
    sorter: byNumber<InspectorWork>((r) => {
      const v = r[key];
      return typeof v === 'number' ? v : null;
    }),
  });
  return (
    <Card title={title ?? t('reports.period.inspectors.title')}>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('reports.common.searchAgent')}
          onChange={(e) => setTerm(e.target.value)}
          style={{ width: 220 }}
          data-testid="inspectors-search"
        />
        <ExportButton run={handleExport} disabled={rows.length === 0} />
      </Flex>
      <Table<InspectorWork>
        rowKey="inspector_id"
        size="middle"
        data-testid="inspectors-table"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reports.period.inspectors.empty') }}
        columns={[
          {
            title: t('reports.period.inspectors.inspector'),
            key: 'inspector',
            fixed: 'left',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name, 'zh-CN'),
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong>{r.display_name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.username}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('reports.period.inspectors.workload'),
            key: 'workload',
            children: [
              { title: t('reports.period.inspectors.evaluations'), ...num('evaluations') },
              {
                title: `${t('reports.period.inspectors.done')} / ${t('reports.period.inspectors.assigned')}`,
                key: 'done',
                width: 190,
                sorter: (a, b) => a.done - b.done,
                render: (_, r) => (
                  <Flex gap={8} align="center">
                    <span style={{ whiteSpace: 'nowrap', minWidth: 64 }}>
                      {r.done} / {r.assigned}
                    </span>
                    {r.assigned > 0 && (
                      <Progress
                        percent={Math.min(100, (r.done / r.assigned) * 100)}
                        showInfo={false}
                        size="small"
                        status={r.done >= r.assigned ? 'success' : 'active'}
                        style={{ width: 80, margin: 0 }}
                      />
                    )}
                  </Flex>
                ),
              },
              {
                title: (
                  <Explained
                    label={t('reports.period.inspectors.avgMinutes')}
                    help={t('reports.period.inspectors.avgMinutesHelp')}
                  />
                ),
                ...num('avg_minutes'),
                render: (v: number | null) => formatScore(v),
              },
            ],
          },
          {
            title: (
              <Explained
                label={t('reports.period.inspectors.accuracy')}
                help={t('reports.period.inspectors.accuracyHelp')}
              />
            ),
            key: 'accuracy',
            children: [
              { title: t('reports.period.inspectors.disputes'), ...num('disputes') },
              {
                title: t('reports.period.inspectors.overturned'),
                ...num('overturned'),
                render: (v: number) => (
                  <Typography.Text type={v > 0 ? 'warning' : undefined}>{v}</Typography.Text>
                ),
              },
              {
                title: t('reports.period.inspectors.inspectorErrors'),
                ...num('inspector_errors'),
                render: (v: number) => (
                  <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>
                ),
              },
              {
                title: t('reports.period.inspectors.errorRate'),
                ...num('error_rate'),
                render: (v: number | null, r: InspectorWork) => (
                  <Typography.Text type={r.inspector_errors > 0 ? 'danger' : undefined}>
                    {formatPercent(v)}
                  </Typography.Text>
                ),
              },
            ],
          },
        ]}
      />
    </Card>
  );
}
