import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TInspectorLoad } from '../../../../shared/schemas/assignments.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** Open work per active inspector; a name filters the table below to that inspector. */
export function InspectorLoads({
  loads,
  loading,
  error,
  selected,
  onPick,
}: {
  loads: TInspectorLoad[];
  loading: boolean;
  error: unknown;
  selected: number | undefined;
  onPick: (id: number) => void;
}) {
  const { t } = useTranslation();
  const danger = (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n);
  return (
    <Card
      size="small"
      title={t('assignments.all.inspectors')}
      extra={<Typography.Text type="secondary">{t('assignments.all.inspectorsHint')}</Typography.Text>}
      style={{ marginBottom: 16 }}
      styles={{ body: { padding: 0 } }}
      data-testid="inspector-loads"
    >
      <ErrorAlert error={error} />
      <Table<TInspectorLoad>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={loads}
        pagination={false}
        scroll={{ y: 240, x: 'max-content' }}
        locale={{ emptyText: t('assignments.all.noInspectors') }}
        columns={[
          {
            title: t('assignments.columns.inspector'),
            key: 'name',
            render: (_v, r) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, fontWeight: selected === r.id ? 600 : undefined }}
                onClick={() => onPick(r.id)}
              >
                {r.display_name}
              </Button>
            ),
          },
          {
            title: t('assignments.summary.pending'),
            dataIndex: 'pending',
            align: 'right',
            sorter: (a, b) => a.pending - b.pending,
          },
          {
            title: t('assignments.summary.dueToday'),
            dataIndex: 'due_today',
            align: 'right',
            sorter: (a, b) => a.due_today - b.due_today,
          },
          {
            title: t('assignments.summary.overdue'),
            dataIndex: 'overdue',
            align: 'right',
            sorter: (a, b) => a.overdue - b.overdue,
            render: danger,
          },
          {
            title: t('assignments.summary.doneToday'),
            dataIndex: 'done_today',
            align: 'right',
            sorter: (a, b) => a.done_today - b.done_today,
          },
        ]}
      />
    </Card>
  );
}
