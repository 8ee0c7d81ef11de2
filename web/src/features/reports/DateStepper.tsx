import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayjs } from '../../lib/time.ts';
import { shiftMonth } from './format.ts';
import { centerMonth, centerToday } from './useReportParams.ts';

/** A local date with previous / next day and "today" (the center's today). */
export function DateStepper({ value, onChange }: { value: string; onChange: (date: string) => void }) {
  const { t } = useTranslation();
  const step = (days: number) => onChange(dayjs(value).add(days, 'day').format('YYYY-MM-DD'));
  const today = centerToday();
  return (
    <Space.Compact>
      <Tooltip title={t('reports.common.previous')}>
        <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={t('reports.common.previous')} />
      </Tooltip>
      <DatePicker
        allowClear={false}
        value={dayjs(value)}
        onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))}
        data-testid="report-date"
      />
      <Tooltip title={t('reports.common.next')}>
        <Button
          icon={<RightOutlined />}
          onClick={() => step(1)}
          disabled={value >= today}
          aria-label={t('reports.common.next')}
        />
      </Tooltip>
      <Button onClick={() => onChange(today)} disabled={value === today}>
        {t('reports.common.today')}
      </Button>
    </Space.Compact>
  );
}

/** A month with previous / next, and the part of the month for the 10-day report. */
export function PeriodStepper({
  month,
  part,
  onChange,
}: {
  month: string;
  part?: 1 | 2 | 3;
  onChange: (next: { month: string; part?: 1 | 2 | 3 }) => void;
}) {
  const { t } = useTranslation();
  const current = centerMonth();
  const step = (by: 1 | -1) => {
    if (!part) return onChange({ month: shiftMonth(month, by) });
    const next = part + by;
    if (next < 1) onChange({ month: shiftMonth(month, -1), part: 3 });
    else if (next > 3) onChange({ month: shiftMonth(month, 1), part: 1 });
    else onChange({ month, part: next as 1 | 2 | 3 });
  };
  return (
    <Space wrap>
      <Space.Compact>
        <Tooltip title={t('reports.common.previous')}>
          <Button
            icon={<LeftOutlined />}
            onClick={() => step(-1)}
            aria-label={t('reports.common.previous')}
          />
        </Tooltip>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && onChange({ month: d.format('YYYY-MM'), part })}
          data-testid="report-month"
        />
        <Tooltip title={t('reports.common.next')}>
          <Button
            icon={<RightOutlined />}
            onClick={() => step(1)}
            disabled={month >= current && (!part || part === 3)}
            aria-label={t('reports.common.next')}
          />
        </Tooltip>
      </Space.Compact>
      {part && (
        <Segmented<1 | 2 | 3>
          value={part}
          onChange={(p) => onChange({ month, part: p })}
          data-testid="report-part"
          options={[
            { value: 1, label: t('reports.period.part1') },
            { value: 2, label: t('reports.period.part2') },
            { value: 3, label: t('reports.period.part3') },
          ]}
        />
      )}
    </Space>
  );
}
