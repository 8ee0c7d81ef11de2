import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { changePassword } from './api.ts';

type Values = { current_password: string; new_password: string; confirm: string };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const handleFinish = async (values: Values) => {
    setBusy(true);
    try {
      await changePassword({ current_password: values.current_password, new_password: values.new_password });
      form.resetFields();
      void message.success(t('account.changed'));
    } catch (err) {
      if (!applyFieldErrors(form, err, t)) void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <Card style={{ maxWidth: 480 }}>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)}>
          <Form.Item
            name="current_password"
            label={t('account.current')}
            rules={[{ required: true, message: t('errors.field.required') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} />
          </Form.Item>
          <Form.Item
            name="new_password"
            label={t('account.next')}
            rules={[
              { required: true, message: t('errors.field.required') },
              { min: LIMITS.passwordMin, message: t('account.tooShort', { min: LIMITS.passwordMin }) },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirm')}
            dependencies={['new_password']}
            rules={[
              { required: true, message: t('errors.field.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('new_password') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('account.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
