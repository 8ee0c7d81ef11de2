import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TInterval } from '../../../../shared/schemas/compliance.ts';
import { oneDecimal } from './format.ts';

/**
 * An average with its sample size and 95% interval — "82.4 ±3.3 (n 12)" — and a tooltip that says in
 * plain words how sure the number is.
 */
export function ScoreCi({ score, testId }: { score: TInterval; testId?: string }) {
  const { t } = useTranslation();
  if (score.mean === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const hasRange = score.low !== null && score.high !== null;
  const help = hasRange
    ? t('compliance.ci.help', {
        mean: oneDecimal(score.mean),
        low: oneDecimal(score.low),
        high: oneDecimal(score.high),
        count: score.n,
      })
    : t('compliance.ci.tooFew', { mean: oneDecimal(score.mean) });
  return (
    <Tooltip title={help}>
      <span style={{ whiteSpace: 'nowrap', cursor: 'help' }} data-testid={testId ?? 'score-ci'}>
        <Typography.Text strong>{oneDecimal(score.mean)}</Typography.Text>
        {hasRange && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
            {oneDecimal(score.low)}–{oneDecimal(score.high)}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
          n={score.n}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** The same as plain text for exports: "82.4 (79.1–85.7)". */
export function ciText(score: TInterval): string {
  if (score.mean === null) return '';
  if (score.low === null || score.high === null) return oneDecimal(score.mean);
  return `${oneDecimal(score.mean)} (${oneDecimal(score.low)}–${oneDecimal(score.high)})`;
}
