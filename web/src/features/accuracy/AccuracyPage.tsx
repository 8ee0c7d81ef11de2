import { Card, DatePicker, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { TDisputeOutcome, ZAccuracyRow } from '../../../../shared/schemas/evaluation.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { dayjs, getCenterTimeZone } from '../../lib/time.ts';
import { disputesLink } from '../disputes/disputeFilters.ts';

type Row = z.infer<typeof ZAccuracyRow>;

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** B15–B16: per inspector and month, how many evaluations were disputed, overturned, or wrong. */
export function AccuracyPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => dayjs().tz(getCenterTimeZone()).format('YYYY-MM'));
  const data = useLoad(
    () => api.get<{ month: string; items: Row[] }>('/reports/inspector-accuracy', { month }),
    [month],
  );
  const rows = data.data?.items ?? [];
  const num = (key: keyof Row) => ({
    dataIndex: key,
    key,
    align: 'right' as const,
    sorter: (a: Row, b: Row) => Number(a[key]) - Number(b[key]),
  });

  /** A dispute count opens the disputes behind it: this inspector, this month, this outcome. */
  const drill = (key: 'disputed' | 'overturned' | 'inspector_errors', outcome?: TDisputeOutcome) => ({
    ...num(key),
    render: (v: number, r: Row) =>
      v === 0 ? (
        v
      ) : (
        <Link
          to={disputesLink({ evaluator_id: r.evaluator_id, month, outcome })}
          data-testid={`accuracy-${key}-${r.evaluator_id}`}
        >
          {v}
        </Link>
      ),
  });

  const handleExport = async () => {
    downloadCsv<Row>(`${t('accuracy.exportName')}-${month}`, rows, [
      { header: t('accuracy.columns.inspector'), value: (r) => r.evaluator_name },
      { header: t('accuracy.columns.evaluations'), value: (r) => r.evaluations },
      { header: t('accuracy.columns.disputed'), value: (r) => r.disputed },
      { header: t('accuracy.columns.overturned'), value: (r) => r.overturned },
      { header: t('accuracy.columns.errors'), value: (r) => r.inspector_errors },
      { header: t('accuracy.columns.errorRate'), value: (r) => percent(r.error_rate) },
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <>
      <PageHeader
        title={t('accuracy.title')}
        subtitle={t('accuracy.subtitle')}
        extra={<ExportButton run={handleExport} disabled={rows.length === 0} />}
      />
      <Card>
        <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
          <Typography.Text>{t('accuracy.month')}</Typography.Text>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            data-testid="accuracy-month"
          />
        </Flex>
        <ErrorAlert error={data.error} onRetry={data.reload} />
        <Table<Row>
          rowKey="evaluator_id"
          size="middle"
          data-testid="accuracy-table"
          dataSource={rows}
          loading={data.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('accuracy.empty') }}
          columns={[
            {
              title: t('accuracy.columns.inspector'),
              dataIndex: 'evaluator_name',
              sorter: (a, b) => a.evaluator_name.localeCompare(b.evaluator_name),
            },
            { title: t('accuracy.columns.evaluations'), ...num('evaluations') },
            { title: t('accuracy.columns.disputed'), ...drill('disputed') },
            { title: t('accuracy.columns.overturned'), ...drill('overturned', 'overturned') },
            { title: t('accuracy.columns.errors'), ...drill('inspector_errors', 'inspector_error') },
            {
              title: t('accuracy.columns.errorRate'),
              ...num('error_rate'),
              defaultSortOrder: 'descend',
              render: (v: number) => (
                <Typography.Text type={v > 0 ? 'danger' : undefined} data-testid="accuracy-rate">
                  {percent(v)}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
