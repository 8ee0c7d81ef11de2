import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCreatedApiToken } from '../../../../shared/schemas/token.ts';

/** Shows a new token's secret once, with a copy button and the warning that it will not be shown again. */
export function TokenSecretModal({
  token,
  onClose,
}: {
  token: TCreatedApiToken | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const handleCopy = async () => {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token.token);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      open={token !== null}
      title={t('tokens.secret.title')}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.secret.done')}
        </Button>
      }
    >
      {token && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('tokens.secret.warning')} />
          <Typography.Text strong>{token.name}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              readOnly
              value={token.token}
              data-testid="token-secret"
              onFocus={(e) => e.target.select()}
            />
            <Button icon={<CopyOutlined />} onClick={() => void handleCopy()}>
              {t('common.copy')}
            </Button>
          </Space.Compact>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tokens.secret.usage')}
          </Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
