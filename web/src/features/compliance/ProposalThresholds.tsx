import { BulbOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Collapse, Flex, InputNumber, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  PROPOSAL_REQUEST_THRESHOLDS,
  type ProposalRequestThreshold,
} from '../../../../shared/schemas/compliance.ts';
import {
  DEFAULT_THRESHOLD_INPUTS,
  THRESHOLD_INPUT_BOUNDS,
  type ThresholdInputs,
  clampInput,
  inputsDiffer,
} from './proposalThresholds.ts';

const UNIT: Record<ProposalRequestThreshold, 'percent' | 'perDay' | 'items'> = {
  min_pass_rate: 'percent',
  max_fatal_rate: 'percent',
  extra_daily: 'perDay',
  top_items: 'items',
};

/**
 * The QA lead's thresholds for proposing a month's plan (weak CSRs, extra checks, targeted items),
 * each with its unit, bounds and the default; proposing sends them. Collapsed, its header reads
 * the thresholds in a sentence.
 */
export function ProposalThresholds({
  value,
  onChange,
  onPropose,
  busy,
  regenerate,
  month,
  usedByPlan,
}: {
  value: ThresholdInputs;
  onChange: (next: ThresholdInputs) => void;
  onPropose: () => void;
  busy: boolean;
  /** A proposal for the month is shown: the button makes it again. */
  regenerate: boolean;
  month: string;
  /** The thresholds the shown proposal was made with, if any. */
  usedByPlan: ThresholdInputs | null;
}) {
  const { t } = useTranslation();
  const unit = (key: ProposalRequestThreshold) => t(`compliance.thresholds.units.${UNIT[key]}`);
  const withUnit = (key: ProposalRequestThreshold, n: number | string) =>
    UNIT[key] === 'percent' ? `${n}%` : `${n} ${unit(key)}`;
  const changed = usedByPlan !== null && inputsDiffer(value, usedByPlan);
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="proposal-thresholds"
      items={[
        {
          key: 'thresholds',
          label: (
            <Space wrap size={4}>
              <Typography.Text strong>{t('compliance.thresholds.title')}</Typography.Text>
              <Typography.Text type="secondary" data-testid="proposal-thresholds-summary">
                {t('compliance.thresholds.summary', {
                  rate: value.min_pass_rate,
                  fatal: value.max_fatal_rate,
                  extra: value.extra_daily,
                  items: value.top_items,
                })}
              </Typography.Text>
              {changed && <Tag color="gold">{t('compliance.thresholds.changed')}</Tag>}
            </Space>
          ),
          children: (
            <>
              <Flex gap={24} wrap>
                {PROPOSAL_REQUEST_THRESHOLDS.map((key) => {
                  const b = THRESHOLD_INPUT_BOUNDS[key];
                  return (
                    <Flex key={key} vertical gap={4} style={{ width: 220 }}>
                      <Typography.Text strong>
                        {t(`compliance.thresholds.fields.${key}.label`)}
                      </Typography.Text>
                      <InputNumber<number>
                        min={b.min}
                        max={b.max}
                        step={b.step}
                        precision={b.precision}
                        value={value[key]}
                        // An emptied box changes nothing until a number is typed (leaving it empty shows the
                        // last value again); the default comes only from "restore defaults".
                        onChange={(v) => {
                          if (v !== null) onChange({ ...value, [key]: clampInput(key, v) });
                        }}
                        suffix={unit(key)}
                        style={{ width: '100%' }}
                        aria-label={t(`compliance.thresholds.fields.${key}.label`)}
                        data-testid={`threshold-${key}`}
                      />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`compliance.thresholds.fields.${key}.help`)}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('compliance.thresholds.range', {
                          range: withUnit(key, `${b.min}–${b.max}`),
                          default: withUnit(key, DEFAULT_THRESHOLD_INPUTS[key]),
                        })}
                      </Typography.Text>
                    </Flex>
                  );
                })}
              </Flex>
              <Flex gap={8} wrap style={{ marginTop: 16 }}>
                <Button
                  type="primary"
                  icon={<BulbOutlined />}
                  loading={busy}
                  onClick={onPropose}
                  data-testid="propose-with-thresholds"
                >
                  {regenerate
                    ? t('compliance.thresholds.regenerate', { month })
                    : t('compliance.thresholds.propose', { month })}
                </Button>
                <Button
                  icon={<UndoOutlined />}
                  disabled={!inputsDiffer(value, DEFAULT_THRESHOLD_INPUTS)}
                  onClick={() => onChange(DEFAULT_THRESHOLD_INPUTS)}
                  data-testid="thresholds-defaults"
                >
                  {t('compliance.thresholds.restore')}
                </Button>
              </Flex>
            </>
          ),
        },
      ]}
    />
  );
}
