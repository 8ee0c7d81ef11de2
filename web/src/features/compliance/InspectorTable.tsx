import { Card, Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TBoard, TInspectorRow } from '../../../../shared/schemas/compliance.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { Explained } from './AgentTable.tsx';

/** Per inspector for the month: assigned, done, pending, overdue, skipped, checks submitted. */
export function InspectorTable({ board, loading }: { board: TBoard; loading: boolean }) {
  const { t } = useTranslation();
  const rows = board.inspectors;

  const handleExport = () => {
    downloadCsv<TInspectorRow>(`${t('compliance.inspectors.exportName')}-${board.month}`, rows, [
      { header: t('compliance.inspectors.inspector'), value: (r) => r.display_name },
      { header: t('compliance.columns.username'), value: (r) => r.username },
      {
        header: t('compliance.inspectors.inPlan'),
        value: (r) => (r.in_plan ? t('common.yes') : t('common.no')),
      },
      { header: t('compliance.inspectors.capacity'), value: (r) => r.capacity ?? '' },
      { header: t('compliance.inspectors.assigned'), value: (r) => r.assigned },
      { header: t('compliance.inspectors.done'), value: (r) => r.done },
      { header: t('compliance.inspectors.pending'), value: (r) => r.pending },
      { header: t('compliance.inspectors.overdue'), value: (r) => r.overdue },
      { header: t('compliance.inspectors.skipped'), value: (r) => r.skipped },
      { header: t('compliance.inspectors.evaluations'), value: (r) => r.evaluations },
    ]);
    return Promise.resolve(rows.length);
  };

  const num = (key: keyof TInspectorRow) => ({
    dataIndex: key,
    align: 'right' as const,
    sorter: (a: TInspectorRow, b: TInspectorRow) => Number(a[key] ?? 0) - Number(b[key] ?? 0),
  });

  return (
    <Card
      title={t('compliance.inspectors.title')}
      extra={<ExportButton run={handleExport} disabled={rows.length === 0} />}
      data-testid="compliance-inspectors"
    >
      <Table<TInspectorRow>
        rowKey="user_id"
        size="small"
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('compliance.inspectors.empty') }}
        columns={[
          {
            title: t('compliance.inspectors.inspector'),
            key: 'name',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name),
            render: (_, r) => (
              <span>
                {r.display_name}{' '}
                {r.in_plan ? (
                  <Tag color="blue">{t('compliance.inspectors.capacityTag', { count: r.capacity ?? 0 })}</Tag>
                ) : (
                  <Tag>{t('compliance.inspectors.notInPlan')}</Tag>
                )}
              </span>
            ),
          },
          { title: t('compliance.inspectors.assigned'), ...num('assigned') },
          {
            title: t('compliance.inspectors.done'),
            key: 'done',
            sorter: (a, b) => a.done - b.done,
            render: (_, r) => (
              <div style={{ minWidth: 140 }}>
                <Progress
                  size="small"
                  percent={r.assigned > 0 ? Math.round((r.done / r.assigned) * 100) : 0}
                  format={() => `${r.done} / ${r.assigned}`}
                />
              </div>
            ),
          },
          { title: t('compliance.inspectors.pending'), ...num('pending') },
          {
            title: (
              <Explained
                label={t('compliance.inspectors.overdue')}
                help={t('compliance.inspectors.overdueHelp')}
              />
            ),
            ...num('overdue'),
            render: (v: number) => <Typography.Text type={v > 0 ? 'danger' : undefined}>{v}</Typography.Text>,
          },
          { title: t('compliance.inspectors.skipped'), ...num('skipped') },
          {
            title: (
              <Explained
                label={t('compliance.inspectors.evaluations')}
                help={t('compliance.inspectors.evaluationsHelp')}
              />
            ),
            ...num('evaluations'),
          },
        ]}
      />
    </Card>
  );
}
