import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import type { EvaluationStatus } from '../../../../shared/workflow.ts';
import { storedVerdict } from './liveVerdict.ts';

const STATUS_COLORS: Record<EvaluationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  disputed: 'warning',
  acknowledged: 'cyan',
  countersigned: 'success',
};

/**
 * The evaluation's status, coloured; "overdue" beside it when the confirmation window passed, and
 * "signed late" when the CSR signed after it.
 */
export function EvaluationStatusTag({
  status,
  overdue,
  late,
}: {
  status: EvaluationStatus;
  overdue?: boolean;
  late?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[status]} data-testid="evaluation-status" style={{ marginInlineEnd: 0 }}>
        {t(`evaluations.status.${status}`)}
      </Tag>
      {overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('evaluations.overdue')}
        </Tag>
      )}
      {late && (
        <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="evaluation-signed-late">
          {t('evaluations.signedLate')}
        </Tag>
      )}
    </Space>
  );
}

/**
 * Score with the fatal / passed verdict; none ("not scored yet") for a draft without a score, and a
 * draft's provisional total marked so (`status` given: storedVerdict).
 */
export function ScoreText({
  score,
  fatal,
  passed,
  strike,
  status,
}: Pick<TEvaluation, 'score' | 'fatal' | 'passed'> & { strike?: boolean; status?: EvaluationStatus }) {
  const { t } = useTranslation();
  const verdict = storedVerdict({ status: status ?? 'submitted', score, fatal, passed });
  if (score === null)
    return (
      <Typography.Text type="secondary" data-testid="not-scored">
        {t('evaluations.notScored')}
      </Typography.Text>
    );
  return (
    <Space size={4} wrap>
      <Typography.Text
        strong
        delete={strike}
        type={verdict === 'fatal' || verdict === 'notPassed' ? 'danger' : undefined}
        data-testid="score-value"
      >
        {score.toFixed(1)}
      </Typography.Text>
      {verdict === 'provisional' ? (
        <Tag style={{ marginInlineEnd: 0 }} data-testid="score-provisional">
          {t('evaluations.draftScore')}
        </Tag>
      ) : fatal ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('evaluations.fatal')}
        </Tag>
      ) : passed ? (
        <Tag color="success" style={{ marginInlineEnd: 0 }}>
          {t('evaluations.passed')}
        </Tag>
      ) : (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          {t('evaluations.notPassed')}
        </Tag>
      )}
    </Space>
  );
}

/** A scorecard category by its key: the default five are translated, others shown as they are. */
export function useCategoryLabel(): (key: string) => string {
  const { t } = useTranslation();
  return (key) => {
    switch (key) {
      case 'knowledge':
      case 'communication':
      case 'attitude':
      case 'phrasing':
      case 'process':
        return t(`evaluations.categories.${key}`);
      default:
        return key;
    }
  };
}
