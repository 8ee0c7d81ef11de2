import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import { ApiError } from '../../lib/api.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { createQueue, updateQueue } from './api.ts';

type Values = { code: string; name: string; description: string | null };

const CODE_PATTERN = /^[A-Za-z0-9._-]+$/;

/** Create a queue, or rename and describe it (the code is fixed once created). */
export function QueueFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: TQueue | 'new' | null;
  onClose: () => void;
  onSaved: (queue: TQueue) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({ code: editing.code, name: editing.name, description: editing.description });
  }, [target, editing, form]);

  const handleOk = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const description = v.description?.trim() ? v.description.trim() : null;
      const saved = editing
        ? await updateQueue(editing.id, { version: editing.version, name: v.name, description })
        : await createQueue({ code: v.code, name: v.name, description });
      void message.success(t(editing ? 'queues.form.updated' : 'queues.form.created', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_write') {
        modal.warning({ title: t('errors.codes.stale_write'), okText: t('common.close') });
      } else if (!applyFieldErrors(form, err, t)) {
        void message.error(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? t('queues.form.editTitle', { name: editing.name }) : t('queues.form.createTitle')}
      onCancel={onClose}
      onOk={() => void handleOk().catch(() => undefined)}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'queue-form-submit' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          name="code"
          label={t('queues.form.code')}
          extra={editing ? undefined : t('queues.form.codeHelp')}
          rules={[
            { required: true, message: t('errors.field.required') },
            { pattern: CODE_PATTERN, message: t('queues.form.codePattern') },
          ]}
        >
          <Input disabled={!!editing} maxLength={LIMITS.queueCodeMax} id="queue-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('queues.form.name')}
          rules={[{ required: true, whitespace: true, message: t('errors.field.required') }]}
        >
          <Input maxLength={LIMITS.queueNameMax} id="queue-name" />
        </Form.Item>
        <Form.Item name="description" label={t('queues.form.description')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
