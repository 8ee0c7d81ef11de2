import { Card, Flex, InputNumber, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previousMonth } from '../../../../shared/schemas/compliance.ts';
import { sampleSizeFor, tQuantile975 } from '../../../../shared/statistics.ts';
import { complianceApi } from './api.ts';
import { oneDecimal } from './format.ts';

type Spread = { sd: number; source: 'board' | 'observed'; month: string; agents: number; checks: number };

/**
 * How many checks give ±X points at 95% for a CSR with a given spread (shared/statistics.ts, the
 * same function as GET /compliance/sample-size), prefilled with the center's observed spread: the
 * month on the board when it has enough checks, else last month's.
 */
export function SampleSizeCard({
  month,
  boardSpread,
  monthlyQuota,
}: {
  month: string;
  boardSpread: { sd: number | null; agents: number; checks: number };
  monthlyQuota: number;
}) {
  const { t } = useTranslation();
  const [observed, setObserved] = useState<Spread | null>(null);
  const [sd, setSd] = useState<number | null>(null);
  const [margin, setMargin] = useState<number | null>(5);

  useEffect(() => {
    let live = true;
    const fromBoard =
      boardSpread.sd !== null
        ? {
            sd: boardSpread.sd,
            source: 'board' as const,
            month,
            agents: boardSpread.agents,
            checks: boardSpread.checks,
          }
        : null;
    if (fromBoard) {
      setObserved(fromBoard);
      setSd((current) => current ?? Math.round(fromBoard.sd * 10) / 10);
      return;
    }
    const last = previousMonth(month);
    complianceApi
      .sampleSize({ margin: 5, month: last })
      .then((res) => {
        if (!live || res.observed.sd === null) return;
        const spread = {
          sd: res.observed.sd,
          source: 'observed' as const,
          month: last,
          agents: res.observed.agents,
          checks: res.observed.checks,
        };
        setObserved(spread);
        setSd((current) => current ?? Math.round(spread.sd * 10) / 10);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [month, boardSpread.sd, boardSpread.agents, boardSpread.checks]);

  const valid = sd !== null && sd >= 0 && margin !== null && margin > 0;
  const needed = valid ? sampleSizeFor({ sd, margin }) : null;
  const atQuota =
    sd !== null && monthlyQuota >= 2 ? (tQuantile975(monthlyQuota - 1) * sd) / Math.sqrt(monthlyQuota) : null;

  return (
    <Card title={t('compliance.sampleSize.title')} data-testid="sample-size">
      <Typography.Paragraph type="secondary">{t('compliance.sampleSize.intro')}</Typography.Paragraph>
      <Flex gap={24} wrap align="flex-end">
        <div>
          <Typography.Text>{t('compliance.sampleSize.spread')}</Typography.Text>
          <br />
          <InputNumber<number>
            min={0}
            max={100}
            step={0.5}
            value={sd}
            onChange={setSd}
            addonAfter={t('compliance.sampleSize.points')}
            data-testid="sample-size-sd"
          />
        </div>
        <div>
          <Typography.Text>{t('compliance.sampleSize.margin')}</Typography.Text>
          <br />
          <InputNumber<number>
            min={0.5}
            max={50}
            step={0.5}
            value={margin}
            onChange={setMargin}
            addonBefore="±"
            addonAfter={t('compliance.sampleSize.points')}
            data-testid="sample-size-margin"
          />
        </div>
        <Statistic
          title={t('compliance.sampleSize.needed')}
          value={needed ?? '—'}
          suffix={needed !== null ? t('compliance.sampleSize.checks') : undefined}
          data-testid="sample-size-n"
        />
      </Flex>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 4 }}>
        {observed
          ? t(
              observed.source === 'board'
                ? 'compliance.sampleSize.observedBoard'
                : 'compliance.sampleSize.observedLast',
              {
                sd: oneDecimal(observed.sd),
                month: observed.month,
                agents: observed.agents,
                checks: observed.checks,
              },
            )
          : t('compliance.sampleSize.noObserved')}
      </Typography.Paragraph>
      {valid && needed !== null && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {t('compliance.sampleSize.explain', {
            count: needed,
            margin: oneDecimal(margin),
            sd: oneDecimal(sd),
          })}
        </Typography.Paragraph>
      )}
      {atQuota !== null && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('compliance.sampleSize.atQuota', { quota: monthlyQuota, margin: oneDecimal(atQuota) })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
