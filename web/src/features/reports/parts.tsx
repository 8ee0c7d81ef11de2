import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined, MinusOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { roundHalfUp } from '../../../../shared/reports/rounding.ts';
import { formatCi, formatPercent, formatScore } from './format.ts';

/** "82.4 (79.1–85.7)" with a tooltip that says in plain words what the range means. */
export function CiText({
  average,
  low,
  high,
  evaluations,
  large,
}: {
  average: number | null;
  low: number | null;
  high: number | null;
  evaluations: number;
  large?: boolean;
}) {
  const { t } = useTranslation();
  if (average === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const hasRange = low !== null && high !== null;
  const help = hasRange
    ? t('reports.ci.help', {
        low: formatScore(low),
        high: formatScore(high),
        count: evaluations,
      })
    : t('reports.ci.tooFew');
  return (
    <Tooltip title={help}>
      <span style={{ whiteSpace: 'nowrap', cursor: 'help' }} data-testid="ci-text">
        <Typography.Text strong={!large} style={large ? { fontSize: 24 } : undefined}>
          {formatScore(average)}
        </Typography.Text>
        {hasRange && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
            ({formatScore(low)}–{formatScore(high)})
          </Typography.Text>
        )}
      </span>
    </Tooltip>
  );
}

/** The same range as plain text, for exports. */
export const ciCell = (average: number | null, low: number | null, high: number | null) =>
  formatCi(average, low, high);

/**
 * A change against the previous period: ▲ green when it got better, ▼ red when it got worse.
 * `kind` says how to show the number (score points or percentage points).
 */
export function Change({
  value,
  kind,
  higherIsBetter = true,
}: {
  value: number | null | undefined;
  kind: 'points' | 'rate' | 'count';
  higherIsBetter?: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (value === null || value === undefined)
    return (
      <Tooltip title={t('reports.change.none')}>
        <Typography.Text type="secondary">—</Typography.Text>
      </Tooltip>
    );
  const text =
    kind === 'rate'
      ? `${roundHalfUp(Math.abs(value) * 100, 1).toFixed(1)} ${t('reports.change.pp')}`
      : kind === 'points'
        ? Math.abs(value).toFixed(1)
        : String(Math.abs(value));
  if (value === 0)
    return (
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        <MinusOutlined /> {text}
      </Typography.Text>
    );
  const better = value > 0 === higherIsBetter;
  const color = better ? token.colorSuccess : token.colorError;
  return (
    <span style={{ color, whiteSpace: 'nowrap' }} data-testid="change">
      {value > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {text}
    </span>
  );
}

/** A share (0–1) of items passed: green from 95%, orange below 85%, red below 75%. */
export function ShareText({ value }: { value: number | null | undefined }) {
  const { token } = theme.useToken();
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const color =
    value >= 0.95
      ? token.colorSuccess
      : value >= 0.85
        ? token.colorText
        : value >= 0.75
          ? token.colorWarningText
          : token.colorError;
  return <span style={{ color, whiteSpace: 'nowrap' }}>{formatPercent(value)}</span>;
}

/** A label with a small (i) that explains it. */
export function Explained({ label, help }: { label: string; help: string }) {
  return (
    <Space size={4}>
      {label}
      <Tooltip title={help}>
        <InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.45)', cursor: 'help' }} />
      </Tooltip>
    </Space>
  );
}

/** Fatal / not passed / passed, as in the evaluation pages. */
export function VerdictTag({ fatal, passed }: { fatal: boolean; passed: boolean }) {
  const { t } = useTranslation();
  if (fatal)
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        {t('evaluations.fatal')}
      </Tag>
    );
  return passed ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }}>
      {t('evaluations.passed')}
    </Tag>
  ) : (
    <Tag color="warning" style={{ marginInlineEnd: 0 }}>
      {t('evaluations.notPassed')}
    </Tag>
  );
}

/** The radar's scale in words: the centre is `min`%, the outer ring 100%. */
export function RadarScale({ min }: { min: number }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', textAlign: 'center' }}>
      {t('reports.radarScale', { min })}
    </Typography.Text>
  );
}
