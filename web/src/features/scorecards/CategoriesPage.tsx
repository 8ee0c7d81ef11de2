import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TScoreCategory } from '../../../../shared/schemas/form.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { createCategory, fetchCategories, updateCategory } from './api.ts';

type Values = { key: string; name_zh: string; name_en: string };

/** Score categories (clause 4.7): add, rename, reorder, deactivate. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const list = useLoad(fetchCategories, []);
  const rows = [...(list.data ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
  const [editing, setEditing] = useState<TScoreCategory | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) void message.success(done);
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      list.reload();
    }
  };

  /** Swaps positions with the neighbour; positions are renumbered 10, 20, … so ties cannot stick. */
  const handleMove = (index: number, to: number) => {
    const order = [...rows];
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(to, 0, moved);
    void run(async () => {
      for (const [i, c] of order.entries()) {
        const position = (i + 1) * 10;
        if (c.position !== position) await updateCategory(c.id, { version: c.version, position });
      }
    });
  };

  const handleToggle = (c: TScoreCategory) => {
    const name = `${c.name_zh} / ${c.name_en}`;
    if (!c.active) return void run(() => updateCategory(c.id, { version: c.version, active: true }));
    modal.confirm({
      title: t('categories.deactivateConfirm', { name }),
      okText: t('common.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run(() => updateCategory(c.id, { version: c.version, active: false })),
    });
  };

  const openEditor = (target: TScoreCategory | 'new') => {
    setEditing(target);
    form.resetFields();
    if (target !== 'new')
      form.setFieldsValue({ key: target.key, name_zh: target.name_zh, name_en: target.name_en });
  };

  const handleSave = async (v: Values) => {
    setBusy(true);
    try {
      if (editing === 'new') {
        const position = (rows.at(-1)?.position ?? 0) + 10;
        const c = await createCategory({ ...v, position });
        void message.success(t('categories.created', { name: c.name_zh }));
      } else if (editing) {
        await updateCategory(editing.id, {
          version: editing.version,
          name_zh: v.name_zh,
          name_en: v.name_en,
        });
        void message.success(t('categories.renamed'));
      }
      setEditing(null);
      list.reload();
    } catch (err) {
      if (!applyFieldErrors(form, err, t)) void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<TScoreCategory> = [
    {
      title: t('categories.columns.order'),
      key: 'order',
      width: 90,
      render: (_, _c, i) => (
        <Space size={0}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            onClick={() => handleMove(i, i - 1)}
            aria-label={t('scorecards.builder.moveUp')}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={i === rows.length - 1}
            onClick={() => handleMove(i, i + 1)}
            aria-label={t('scorecards.builder.moveDown')}
          />
        </Space>
      ),
    },
    {
      title: t('categories.columns.key'),
      dataIndex: 'key',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('categories.columns.nameZh'), dataIndex: 'name_zh' },
    { title: t('categories.columns.nameEn'), dataIndex: 'name_en' },
    {
      title: t('categories.columns.status'),
      dataIndex: 'active',
      render: (v: boolean) => <StatusTag active={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openEditor(c)}>
            {t('categories.rename')}
          </Button>
          <Button type="link" size="small" danger={c.active} onClick={() => handleToggle(c)}>
            {c.active ? t('common.deactivate') : t('common.reactivate')}
          </Button>
        </Space>
      ),
    },
  ];

  const handleExport = (): Promise<number> => {
    downloadCsv<TScoreCategory>(t('categories.exportName'), rows, [
      { header: t('categories.columns.key'), value: (c) => c.key },
      { header: t('categories.columns.nameZh'), value: (c) => c.name_zh },
      { header: t('categories.columns.nameEn'), value: (c) => c.name_en },
      {
        header: t('categories.columns.status'),
        value: (c) => (c.active ? t('common.active') : t('common.inactive')),
      },
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <>
      <PageHeader
        title={t('categories.title')}
        subtitle={t('categories.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={rows.length === 0} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => openEditor('new')}
              data-testid="category-add"
            >
              {t('categories.add')}
            </Button>
          </>
        }
      />
      <Card>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TScoreCategory>
          rowKey="id"
          size="middle"
          data-testid="categories-table"
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          pagination={false}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('categories.add') : t('categories.rename')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleSave(v)}>
          <Form.Item
            name="key"
            label={t('categories.columns.key')}
            extra={t('categories.keyHelp')}
            rules={[
              { required: true, message: t('errors.field.required') },
              { pattern: /^[a-z][a-z0-9_]*$/, message: t('categories.keyHelp') },
            ]}
          >
            <Input maxLength={40} disabled={editing !== 'new'} id="category-key" />
          </Form.Item>
          <Form.Item
            name="name_zh"
            label={t('categories.columns.nameZh')}
            rules={[{ required: true, whitespace: true, message: t('errors.field.required') }]}
          >
            <Input maxLength={100} id="category-name-zh" />
          </Form.Item>
          <Form.Item
            name="name_en"
            label={t('categories.columns.nameEn')}
            rules={[{ required: true, whitespace: true, message: t('errors.field.required') }]}
          >
            <Input maxLength={100} id="category-name-en" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
