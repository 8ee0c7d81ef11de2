import { CopyOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tooltip, Typography } from 'antd';
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
import { ApiError, api, fetchAllPages, type Page } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';

type Values = { title: string; queue_id?: number | null; caller_script: string; expected_answer: string };
/** What the dialog does: add one, change one, or save a copy of one (a used one's text cannot change). */
type Editing = { mode: 'new' } | { mode: 'edit' | 'duplicate'; scenario: TTestCallScenario };

/** The count in a refusal to change a scenario submitted evaluations were scored against. */
function usedByOf(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return null;
  const d = err.details as { reason?: unknown; used_by?: unknown } | null;
  return d && d.reason === 'scenario_in_use' && typeof d.used_by === 'number' ? d.used_by : null;
}

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
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const queues = data.data?.queues ?? [];
  const queueName = (id: number | null) => queues.find((q) => q.id === id)?.name ?? t('testCalls.anyQueue');

  const openEditor = (target: Editing) => {
    setEditing(target);
    if (target.mode === 'new') {
      form.setFieldsValue({ title: '', queue_id: null, caller_script: '', expected_answer: '' });
      return;
    }
    const s = target.scenario;
    form.setFieldsValue({
      title: target.mode === 'duplicate' ? t('testCalls.copyTitle', { title: s.title }) : s.title,
      queue_id: s.queue_id,
      caller_script: s.caller_script,
      expected_answer: s.expected_answer,
    });
  };

  const handleSave = async (values: Values) => {
    setBusy(true);
    try {
      if (editing?.mode === 'new') await api.post('/test-call-scenarios', values);
      else if (editing?.mode === 'duplicate')
        await api.post(`/test-call-scenarios/${editing.scenario.id}/duplicate`, values);
      else if (editing)
        await api.patch(`/test-call-scenarios/${editing.scenario.id}`, {
          ...values,
          version: editing.scenario.version,
        });
      void message.success(t(editing?.mode === 'duplicate' ? 'testCalls.duplicated' : 'common.saved'));
      setEditing(null);
      data.reload();
    } catch (err) {
      const usedBy = usedByOf(err);
      if (usedBy !== null) void message.error(t('testCalls.lockedError', { count: usedBy }));
      else if (!applyFieldErrors(form, err, t)) void message.error(errorMessage(t, err));
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
                onClick={() => openEditor({ mode: 'new' })}
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
            {
              title: t('testCalls.usedBy'),
              dataIndex: 'used_by',
              align: 'right' as const,
              render: (v: number) =>
                v > 0 ? (
                  <Tooltip title={t('testCalls.locked', { count: v })}>
                    <Space size={4} data-testid="scenario-used-by">
                      <LockOutlined />
                      {v}
                    </Space>
                  </Tooltip>
                ) : (
                  0
                ),
            },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, s: TTestCallScenario) => (
                      <Space size={0}>
                        <Tooltip
                          title={s.used_by > 0 ? t('testCalls.locked', { count: s.used_by }) : undefined}
                        >
                          <Button
                            type="link"
                            size="small"
                            disabled={s.used_by > 0}
                            onClick={() => openEditor({ mode: 'edit', scenario: s })}
                            data-testid="scenario-edit"
                          >
                            {t('common.edit')}
                          </Button>
                        </Tooltip>
                        <Button
                          type="link"
                          size="small"
                          icon={<CopyOutlined />}
                          onClick={() => openEditor({ mode: 'duplicate', scenario: s })}
                          data-testid="scenario-duplicate"
                        >
                          {t('testCalls.duplicate')}
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
        title={t(
          editing?.mode === 'new'
            ? 'testCalls.create'
            : editing?.mode === 'duplicate'
              ? 'testCalls.duplicateTitle'
              : 'testCalls.edit',
        )}
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
