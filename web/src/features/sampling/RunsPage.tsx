import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRunResponse, TSamplingRun } from '../../../../shared/schemas/sampling.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { dayjs, formatDateTime, getCenterTimeZone } from '../../lib/time.ts';
import { fetchRuns, runDay } from './api.ts';
import { samplingAccess } from './access.ts';
import { RunSummary } from './RunSummary.tsx';

const STATUS_COLOR = { running: 'processing', done: 'success', failed: 'error' } as const;

/** Run a day's sampling now and see what it did; the history of scheduled and manual runs. */
export function RunsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const access = samplingAccess(me);
  const [date, setDate] = useState<Dayjs>(() => dayjs().tz(getCenterTimeZone()).subtract(1, 'day'));
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<TRunResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runs = useLoad(() => fetchRuns(), []);

  const handleRun = async () => {
    setRunning(true);
    setError(null);
    try {
      const r = await runDay(date.format('YYYY-MM-DD'));
      setResult(r);
      runs.reload();
      void message.success(t('sampling.runs.done', { date: r.run.date, count: r.summary.created }));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setRunning(false);
    }
  };

  const who = (r: TSamplingRun) =>
    r.trigger === 'schedule' ? t('sampling.runs.scheduler') : (r.requested_by_name ?? '—');

  const handleExport = async () => {
    const rows = await fetchRuns();
    downloadCsv<TSamplingRun>(t('sampling.runs.exportName'), rows, [
      { header: t('sampling.runs.columns.date'), value: (r) => r.date },
      { header: t('sampling.runs.columns.trigger'), value: (r) => t(`sampling.runs.trigger.${r.trigger}`) },
      { header: t('sampling.runs.columns.by'), value: who },
      { header: t('sampling.runs.columns.startedAt'), value: (r) => formatDateTime(r.started_at) },
      { header: t('sampling.runs.columns.status'), value: (r) => t(`sampling.runs.status.${r.status}`) },
      { header: t('sampling.runs.columns.onShift'), value: (r) => r.summary?.on_shift },
      { header: t('sampling.runs.columns.created'), value: (r) => r.created },
      { header: t('sampling.runs.columns.overflow'), value: (r) => r.overflow },
      { header: t('sampling.runs.columns.short'), value: (r) => r.summary?.agents_short.length },
      { header: t('sampling.runs.columns.error'), value: (r) => r.error },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader title={t('sampling.runs.title')} subtitle={t('sampling.runs.subtitle')} />
      {access.run && (
        <Card title={t('sampling.runs.runTitle')} style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
            <DatePicker
              value={date}
              onChange={(d) => d && setDate(d)}
              allowClear={false}
              data-testid="run-date"
            />
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={running}
              onClick={() => void handleRun()}
              data-testid="run-now"
            >
              {running ? t('sampling.runs.running') : t('sampling.runs.runNow')}
            </Button>
            <Typography.Text type="secondary">{t('sampling.runs.runHelp')}</Typography.Text>
          </Flex>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {result && <RunSummary summary={result.summary} date={result.run.date} />}
        </Card>
      )}
      <Card
        title={t('sampling.runs.history')}
        extra={<ExportButton run={handleExport} disabled={(runs.data?.length ?? 0) === 0} />}
      >
        <ErrorAlert error={runs.error} onRetry={runs.reload} />
        <Table<TSamplingRun>
          rowKey="id"
          size="middle"
          data-testid="runs-table"
          loading={runs.loading}
          dataSource={runs.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (r) => r.summary !== null || r.error !== null,
            expandedRowRender: (r) =>
              r.summary ? (
                <RunSummary summary={r.summary} date={r.date} />
              ) : (
                <Alert type="error" showIcon title={r.error} />
              ),
          }}
          columns={[
            {
              title: t('sampling.runs.columns.date'),
              dataIndex: 'date',
              sorter: (a, b) => a.date.localeCompare(b.date),
            },
            {
              title: t('sampling.runs.columns.trigger'),
              dataIndex: 'trigger',
              filters: (['schedule', 'manual'] as const).map((v) => ({
                text: t(`sampling.runs.trigger.${v}`),
                value: v,
              })),
              onFilter: (v, r) => r.trigger === v,
              render: (v: TSamplingRun['trigger']) => (
                <Tag color={v === 'schedule' ? 'blue' : 'default'}>{t(`sampling.runs.trigger.${v}`)}</Tag>
              ),
            },
            { title: t('sampling.runs.columns.by'), key: 'by', render: (_, r) => who(r) },
            {
              title: t('sampling.runs.columns.startedAt'),
              dataIndex: 'started_at',
              sorter: (a, b) => a.started_at.localeCompare(b.started_at),
              defaultSortOrder: 'descend',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('sampling.runs.columns.status'),
              dataIndex: 'status',
              filters: (['done', 'failed', 'running'] as const).map((v) => ({
                text: t(`sampling.runs.status.${v}`),
                value: v,
              })),
              onFilter: (v, r) => r.status === v,
              render: (v: TSamplingRun['status']) => (
                <Tag color={STATUS_COLOR[v]}>{t(`sampling.runs.status.${v}`)}</Tag>
              ),
            },
            {
              title: t('sampling.runs.columns.onShift'),
              key: 'on',
              render: (_, r) => r.summary?.on_shift ?? '—',
            },
            {
              title: t('sampling.runs.columns.created'),
              dataIndex: 'created',
              sorter: (a, b) => a.created - b.created,
            },
            {
              title: t('sampling.runs.columns.overflow'),
              dataIndex: 'overflow',
              sorter: (a, b) => a.overflow - b.overflow,
              render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
            },
            {
              title: t('sampling.runs.columns.short'),
              key: 'short',
              render: (_, r) => r.summary?.agents_short.length ?? '—',
            },
          ]}
        />
      </Card>
    </>
  );
}
