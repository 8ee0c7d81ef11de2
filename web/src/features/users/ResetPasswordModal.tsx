import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { updateUser } from './api.ts';

/** An administrator sets a new password for someone (PATCH password). */
export function ResetPasswordModal({
  user,
  onClose,
  onSaved,
}: {
  user: TUser | null;
  onClose: () => void;
  onSaved: (user: TUser) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const handleOk = async () => {
    if (!user) return;
    const { password } = await form.validateFields();
    setBusy(true);
    try {
      const saved = await updateUser(user.id, { version: user.version, password });
      void message.success(t('users.resetDone', { name: user.display_name }));
      onSaved(saved);
    } catch (err) {
      if (!applyFieldErrors(form, err, t)) void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.display_name }) : ''}
      onCancel={onClose}
      onOk={() => void handleOk().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="password"
          label={t('account.next')}
          rules={[
            { required: true, message: t('errors.field.required') },
            { min: LIMITS.passwordMin, message: t('account.tooShort', { min: LIMITS.passwordMin }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
