import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../shared/limits.ts';
import type { TSignInRequest } from '../../../../shared/schemas/session.ts';
import { useSession } from '../../app/session.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { signIn } from './api.ts';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (state.status === 'loading') return <PageSpinner fullScreen />;
  if (state.status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  const handleFinish = async (values: TSignInRequest) => {
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(values);
      signedIn(me);
      await navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const expired = params.get('expired') === '1' && !error;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #e8f0fb 0%, #f5f7fa 60%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch variant="outlined" />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4, color: '#1554ad' }}>
          {t('app.brand')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Typography.Title level={4} style={{ marginTop: 24 }} data-testid="sign-in-title">
          {t('auth.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
        {expired && (
          <Alert type="info" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="sign-in-error"
          />
        )}
        <Form<TSignInRequest> layout="vertical" requiredMark={false} onFinish={(v) => void handleFinish(v)}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              maxLength={LIMITS.usernameMax}
              id="username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={LIMITS.passwordMax}
              id="password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="sign-in-submit"
          >
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12, textAlign: 'center' }}>
        {t('auth.footer')}
      </Typography.Text>
    </Flex>
  );
}
