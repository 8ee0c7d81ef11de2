import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTestCallScenario } from '../../../../shared/schemas/evaluation.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api, fetchAllPages, type Page } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';

type Values = { title: string; queue_id?: number | null; caller_script: string; expected_answer: string };

/** Test-call (拨测) scenarios: what the mystery caller asks, and the answer the CSR should give. */
export function TestCallsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const canManage = useAbility('test_calls.manage');
  const data = useLoad(async () => {
    const [scenarios, queues] = await Promise.all([
      api.get<Page<TTestCallScenario>>('/test-call-scenarios'),
      fetchAllPages<TQueue>('/queues').catch(() => []),
    ]);
    return { scenarios: scenarios.items, queues };
  }, []);
  const [editing, setEditing] = useState<TTestCallScenario | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const queues = data.data?.queues ?? [];
  const queueName = (id: number | null) => queues.find((q) => q.id === id)?.name ?? t('testCalls.anyQueue');

  const openEditor = (target: TTestCallScenario | 'new') => {
    setEditing(target);
    form.setFieldsValue(
      target === 'new'
        ? { title: '', queue_id: null, caller_script: '', expected_answer: '' }
        : {
            title: target.title,
            queue_id: target.queue_id,
            caller_script: target.caller_script,
            expected_answer: target.expected_answer,
          },
    );
  };

  const handleSave = async (values: Values) => {
    setBusy(true);
    try {
      if (editing === 'new') await api.post('/test-call-scenarios', values);
      else if (editing)
        await api.patch(`/test-call-scenarios/${editing.id}`, { ...values, version: editing.version });
      void message.success(t('common.saved'));
      setEditing(null);
      data.reload();
    } catch (err) {
      if (!applyFieldErrors(form, err, t)) void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const handleToggle = (s: TTestCallScenario): void => {
    modal.confirm({
      title: t(s.active ? 'testCalls.retireConfirm' : 'testCalls.restoreConfirm', { title: s.title }),
      okText: t(s.active ? 'testCalls.retire' : 'testCalls.restore'),
      okButtonProps: { danger: s.active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.patch(`/test-call-scenarios/${s.id}`, { version: s.version, active: !s.active });
          data.reload();
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  const rows = data.data?.scenarios ?? [];
  const handleExport = (): Promise<number> => {
    downloadCsv<TTestCallScenario>(t('testCalls.exportName'), rows, [
      { header: t('testCalls.fields.title'), value: (s) => s.title },
      { header: t('testCalls.fields.queue'), value: (s) => queueName(s.queue_id) },
      { header: t('testCalls.fields.callerScript'), value: (s) => s.caller_script },
      { header: t('testCalls.fields.expectedAnswer'), value: (s) => s.expected_answer },
      { header: t('common.status'), value: (s) => (s.active ? t('common.active') : t('common.inactive')) },
      { header: t('testCalls.fields.createdAt'), value: (s) => formatDateTime(s.created_at) },
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <>
      <PageHeader
        title={t('testCalls.title')}
        subtitle={t('testCalls.subtitle')}
        extra={
          <>
            <ExportButton run={(_progress) => handleExport()} disabled={rows.length === 0} />
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => openEditor('new')}
                data-testid="scenario-create"
              >
                {t('testCalls.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <ErrorAlert error={data.error} onRetry={data.reload} />
        <Table<TTestCallScenario>
          rowKey="id"
          size="middle"
          data-testid="scenarios-table"
          dataSource={rows}
          loading={data.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('testCalls.fields.title'),
              dataIndex: 'title',
              sorter: (a, b) => a.title.localeCompare(b.title),
            },
            {
              title: t('testCalls.fields.queue'),
              dataIndex: 'queue_id',
              render: (v: number | null) => queueName(v),
            },
            {
              title: t('testCalls.fields.callerScript'),
              dataIndex: 'caller_script',
              render: (v: string) => (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320 }}>
                  {v}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('testCalls.fields.expectedAnswer'),
              dataIndex: 'expected_answer',
              render: (v: string) => (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320 }}>
                  {v}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('common.status'),
              dataIndex: 'active',
              filters: [
                { text: t('common.active'), value: true },
                { text: t('common.inactive'), value: false },
              ],
              onFilter: (v, r) => r.active === v,
              render: (v: boolean) => <StatusTag active={v} />,
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, s: TTestCallScenario) => (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => openEditor(s)}>
                          {t('common.edit')}
                        </Button>
                        <Button type="link" size="small" danger={s.active} onClick={() => handleToggle(s)}>
                          {t(s.active ? 'testCalls.retire' : 'testCalls.restore')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={t(editing === 'new' ? 'testCalls.create' : 'testCalls.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void handleSave(v)}>
          <Form.Item
            name="title"
            label={t('testCalls.fields.title')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} id="scenario-title" />
          </Form.Item>
          <Form.Item name="queue_id" label={t('testCalls.fields.queue')}>
            <Select
              allowClear
              placeholder={t('testCalls.anyQueue')}
              options={queues.map((q) => ({ value: q.id, label: q.name }))}
            />
          </Form.Item>
          <Form.Item
            name="caller_script"
            label={t('testCalls.fields.callerScript')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} id="scenario-script" />
          </Form.Item>
          <Form.Item
            name="expected_answer"
            label={t('testCalls.fields.expectedAnswer')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} id="scenario-answer" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
