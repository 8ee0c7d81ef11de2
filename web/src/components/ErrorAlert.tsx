import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors.ts';

/** A failed load, translated, with a retry. Renders nothing when there is no error. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={errorMessage(t, error)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.reload')}
          </Button>
        )
      }
    />
  );
}
