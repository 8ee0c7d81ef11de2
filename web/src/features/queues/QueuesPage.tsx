import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchQueues, updateQueue } from './api.ts';
import { QueueFormModal } from './QueueFormModal.tsx';

type StatusFilter = 'all' | 'active' | 'inactive';

export function QueuesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const queues = useLoad(fetchQueues, []);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [editing, setEditing] = useState<TQueue | 'new' | null>(null);
  const canEdit = me.abilities['queues.update'] === true;

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (queues.data ?? []).filter(
      (q) =>
        (status === 'all' || q.active === (status === 'active')) &&
        (!needle || q.code.toLowerCase().includes(needle) || q.name.toLowerCase().includes(needle)),
    );
  }, [queues.data, search, status]);

  const handleToggleActive = (queue: TQueue) => {
    void modal.confirm({
      title: t(queue.active ? 'queues.deactivateConfirm' : 'queues.reactivateConfirm', { name: queue.name }),
      okText: queue.active ? t('common.deactivate') : t('common.reactivate'),
      okButtonProps: { danger: queue.active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await updateQueue(queue.id, { version: queue.version, active: !queue.active });
          void message.success(t('common.saved'));
          queues.reload();
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  const handleExport = (): Promise<number> => {
    downloadCsv<TQueue>(t('queues.exportName'), rows, [
      { header: t('queues.columns.code'), value: (r) => r.code },
      { header: t('queues.columns.name'), value: (r) => r.name },
      { header: t('queues.columns.description'), value: (r) => r.description },
      { header: t('queues.columns.agents'), value: (r) => r.agent_count },
      {
        header: t('queues.columns.status'),
        value: (r) => (r.active ? t('common.active') : t('common.inactive')),
      },
      { header: t('queues.columns.createdAt'), value: (r) => formatDateTime(r.created_at) },
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <>
      <PageHeader
        title={t('queues.title')}
        subtitle={t('queues.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={rows.length === 0} />
            {me.abilities['queues.create'] && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('queues.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('queues.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
          />
          <Select<StatusFilter>
            value={status}
            onChange={setStatus}
            style={{ width: 160 }}
            options={[
              { value: 'all', label: t('teams.anyStatus') },
              { value: 'active', label: t('users.onlyActive') },
              { value: 'inactive', label: t('users.onlyInactive') },
            ]}
          />
        </Flex>
        <ErrorAlert error={queues.error} onRetry={queues.reload} />
        <Table<TQueue>
          rowKey="id"
          loading={queues.loading}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              title: t('queues.columns.code'),
              dataIndex: 'code',
              sorter: (a, b) => a.code.localeCompare(b.code),
              defaultSortOrder: 'ascend',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('queues.columns.name'),
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
            },
            {
              title: t('queues.columns.description'),
              dataIndex: 'description',
              ellipsis: true,
              render: (v: string | null) => v ?? t('common.none'),
            },
            {
              title: t('queues.columns.agents'),
              dataIndex: 'agent_count',
              align: 'right',
              sorter: (a, b) => a.agent_count - b.agent_count,
            },
            {
              title: t('queues.columns.createdAt'),
              dataIndex: 'created_at',
              sorter: (a, b) => a.created_at.localeCompare(b.created_at),
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('queues.columns.status'),
              dataIndex: 'active',
              render: (v: boolean) => <StatusTag active={v} />,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, queue) =>
                canEdit && (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing(queue)}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      danger={queue.active}
                      onClick={() => handleToggleActive(queue)}
                    >
                      {queue.active ? t('common.deactivate') : t('common.reactivate')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <QueueFormModal
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          queues.reload();
        }}
      />
    </>
  );
}
