import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.ts';
import type { TCreatedApiToken } from '../../../../shared/schemas/token.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { createToken, fetchActiveUsers } from './api.ts';

type Values = { name: string; user_id?: number; expires_in_days?: number | null };

export function TokenCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: TCreatedApiToken) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const users = useLoad(() => (open ? fetchActiveUsers() : Promise.resolve([])), [open]);

  const handleOk = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await createToken({
        name: v.name,
        user_id: v.user_id ?? undefined,
        expires_in_days: v.expires_in_days ?? null,
      });
      form.resetFields();
      onCreated(created);
    } catch (err) {
      if (!applyFieldErrors(form, err, t)) void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokens.form.title')}
      onCancel={onClose}
      onOk={() => void handleOk().catch(() => undefined)}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="name"
          label={t('tokens.form.name')}
          extra={t('tokens.form.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('errors.field.required') }]}
        >
          <Input maxLength={LIMITS.tokenNameMax} />
        </Form.Item>
        <Form.Item name="user_id" label={t('tokens.form.user')} extra={t('tokens.form.userHelp')}>
          <Select<number>
            allowClear
            loading={users.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(users.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.display_name} (${u.username})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="expires_in_days"
          label={t('tokens.form.expires')}
          extra={t('tokens.form.expiresHelp')}
        >
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
