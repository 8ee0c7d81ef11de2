import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { importFailureText } from './importFailure.ts';
import { fetchRejections, FINISHED, rejectionsDownloadUrl, type RejectedRow } from './api.ts';
import { useReasonText } from './useReasonText.ts';

const SHOWN_MAX = 2000;

/** One import: a progress bar while it runs, then its counts and its rejected rows. */
export function ImportResultPanel({ job }: { job: TInteractionImport }) {
  const { t } = useTranslation();
  const finished = FINISHED.has(job.status);
  const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);

  if (!finished) {
    return (
      <div data-testid="import-progress">
        <Typography.Text>{t('imports.upload.processing', { rows: job.rows_read })}</Typography.Text>
        <Progress percent={percent} status="active" />
      </div>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="import-result" data-status={job.status}>
      {job.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('imports.upload.failed', { error: importFailureText(t, job) })}
          data-testid="import-failure"
        />
      )}
      {job.encoding === 'gb18030' && (
        <Alert type="info" showIcon title={t('imports.upload.readAs')} data-testid="import-encoding" />
      )}
      {job.status === 'interrupted' && (
        <Alert type="error" showIcon title={t('imports.upload.interrupted')} />
      )}
      {job.status === 'done' && (
        <Alert
          type={job.rejected > 0 ? 'warning' : 'success'}
          showIcon
          title={`${t('imports.upload.done')} · ${job.filename ?? ''}`}
        />
      )}
      <Row gutter={16}>
        {(['imported', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Statistic
              title={t(`imports.counts.${k}`)}
              value={job[k]}
              styles={{ content: k === 'rejected' && job[k] > 0 ? { color: '#cf1322' } : undefined }}
              data-testid={`import-count-${k}`}
            />
          </Col>
        ))}
      </Row>
      {job.rejected > 0 ? (
        <RejectionsTable id={job.id} total={job.rejected} />
      ) : (
        job.status === 'done' && (
          <Typography.Text type="secondary">{t('imports.rejections.none')}</Typography.Text>
        )
      )}
    </Flex>
  );
}

function RejectionsTable({ id, total }: { id: number; total: number }) {
  const { t, i18n } = useTranslation();
  const { reasonText, reasonDetail } = useReasonText();
  const rows = useLoad(() => fetchRejections(id, SHOWN_MAX), [id]);
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('imports.rejections.title', { count: total })}</Typography.Text>
        <Button
          icon={<DownloadOutlined />}
          href={rejectionsDownloadUrl(id, i18n.language)}
          download
          data-testid="rejections-download"
        >
          {t('imports.rejections.download')}
        </Button>
      </Flex>
      {total > SHOWN_MAX && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('imports.rejections.shownFirst', { shown: SHOWN_MAX, total })}
        </Typography.Text>
      )}
      <ErrorAlert error={rows.error} onRetry={rows.reload} />
      <Table<RejectedRow>
        size="small"
        rowKey={(r) => `${r.row}-${r.code}`}
        data-testid="rejections-table"
        loading={rows.loading}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('imports.rejections.line'), dataIndex: 'row', width: 80 },
          {
            title: t('imports.rejections.reason'),
            key: 'reason',
            render: (_, r) => {
              const detail = reasonDetail(r.code, r.reason, r.details);
              return (
                // Wrapped: a long reason (and its English detail) would push the row's content off the table.
                <span style={{ display: 'block', maxWidth: 640, whiteSpace: 'normal' }}>
                  {reasonText(r.code, r.reason, r.details)}
                  {detail && (
                    <Typography.Text
                      type="secondary"
                      style={{ display: 'block', fontSize: 12 }}
                      data-testid="rejection-detail"
                    >
                      {detail}
                    </Typography.Text>
                  )}
                </span>
              );
            },
          },
          {
            title: t('imports.rejections.raw'),
            dataIndex: 'raw',
            render: (v: string) => (
              <Typography.Text code ellipsis style={{ maxWidth: 360, display: 'inline-block' }} title={v}>
                {v}
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
