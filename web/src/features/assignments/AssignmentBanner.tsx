import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queuePath } from './api.ts';
import type { QueuedAssignment } from './useQueuedAssignment.ts';

/**
 * Above the evaluation workspace when it was opened from the work queue: when the assignment is
 * due, whether it can still be completed here, and the way back.
 */
export function AssignmentBanner({ queued }: { queued: QueuedAssignment }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const back = <Link to={queuePath(params.get('back'))}>{t('assignments.banner.back')}</Link>;
  const a = queued.assignment;
  if (!a || !queued.open) {
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          a
            ? t('assignments.banner.notOpen', { status: t(`assignments.status.${a.status}`) })
            : t('assignments.banner.gone')
        }
        action={back}
        data-testid="assignment-banner"
      />
    );
  }
  return (
    <Alert
      type={a.overdue ? 'error' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={t(a.overdue ? 'assignments.banner.fromQueueOverdue' : 'assignments.banner.fromQueue', {
        due: a.due_date,
      })}
      action={back}
      data-testid="assignment-banner"
    />
  );
}
