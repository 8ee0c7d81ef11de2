import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAssignment } from './api.ts';
import { isOpen } from './parts.tsx';
import { ASSIGNMENTS_PATHS } from './paths.ts';

/**
 * Above the evaluation workspace when it was opened from the work queue: which assignment, when
 * it is due, and the way back. Submitting there completes it (the workspace sends its id).
 */
export function AssignmentBanner({ assignmentId }: { assignmentId: number }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => fetchAssignment(assignmentId), [assignmentId]);
  const a = loaded.data;
  if (!a) return null;
  const back = <Link to={ASSIGNMENTS_PATHS.queue}>{t('assignments.banner.back')}</Link>;
  if (!isOpen(a)) {
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('assignments.banner.notOpen', { status: t(`assignments.status.${a.status}`) })}
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
