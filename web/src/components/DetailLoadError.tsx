import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../lib/api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Whether a load failed because the record is missing or hidden from the caller (the API answers 404 for both). */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'not_found';

/**
 * A detail page that could not load its record. A 404 means the record does not exist or is not
 * the caller's to see (the API does not say which): it says so and leads back to a list the caller
 * can open, since reloading would not help. Any other failure is an error with a retry.
 */
export function DetailLoadError({
  error,
  onRetry,
  back,
}: {
  error: unknown;
  onRetry: () => void;
  /** Where "back" leads and what the button says. */
  back: { to: string; label: string };
}) {
  const { t } = useTranslation();
  if (!isNotFound(error)) return <ErrorAlert error={error} onRetry={onRetry} />;
  return (
    <Result
      status="404"
      title={t('notFound.recordTitle')}
      subTitle={t('notFound.recordSubtitle')}
      data-testid="record-not-found"
      extra={
        <Link to={back.to}>
          <Button type="primary">{back.label}</Button>
        </Link>
      }
    />
  );
}
