import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Modal, Progress, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TShiftImportResult } from '../../../../shared/schemas/sampling.ts';
import { downloadCsv, downloadText } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { ROSTER_TEMPLATE, importRoster } from './api.ts';

type Rejected = TShiftImportResult['rejected'][number];

/** Roster upload (CSV agent,date[,shift]) with progress, the counts and the rejected rows by line. */
export function RosterImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<TShiftImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reason = (r: Rejected) => t(`sampling.roster.reasons.${r.code}`, { defaultValue: r.reason });

  const handleFile = async (file: File) => {
    setPercent(0);
    setResult(null);
    setError(null);
    try {
      const r = await importRoster(file, setPercent);
      setResult(r);
      if (r.imported + r.updated > 0) onImported();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setPercent(null);
    }
  };

  const handleClose = () => {
    setResult(null);
    setError(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('sampling.roster.import.title')}
      onCancel={handleClose}
      footer={<Button onClick={handleClose}>{t('common.close')}</Button>}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('sampling.roster.import.help')}
        </Typography.Paragraph>
        <Button onClick={() => downloadText('roster-template.csv', ROSTER_TEMPLATE)}>
          {t('sampling.roster.import.template')}
        </Button>
        <Upload.Dragger
          accept=".csv,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={percent !== null}
          beforeUpload={(file) => {
            void handleFile(file);
            return false;
          }}
          data-testid="roster-import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('sampling.roster.import.drop')}</p>
        </Upload.Dragger>
        {percent !== null && (
          <div>
            <Typography.Text>{t('sampling.roster.import.uploading')}</Typography.Text>
            <Progress percent={percent} status="active" />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {result && (
          <div data-testid="roster-import-result">
            <Row gutter={16} style={{ marginBottom: 16 }}>
              {(['imported', 'updated', 'unchanged'] as const).map((k) => (
                <Col key={k} span={6}>
                  <Statistic
                    title={t(`sampling.roster.import.counts.${k}`)}
                    value={result[k]}
                    data-testid={`roster-count-${k}`}
                  />
                </Col>
              ))}
              <Col span={6}>
                <Statistic
                  title={t('sampling.roster.import.counts.rejected')}
                  value={result.rejected.length}
                  styles={{ content: result.rejected.length > 0 ? { color: '#cf1322' } : undefined }}
                  data-testid="roster-count-rejected"
                />
              </Col>
            </Row>
            {result.encoding === 'gb18030' && (
              <Alert
                type="info"
                showIcon
                title={t('imports.upload.readAs')}
                style={{ marginBottom: 16 }}
                data-testid="roster-import-encoding"
              />
            )}
            {result.rejected.length > 0 ? (
              <>
                <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
                  <Typography.Text strong>
                    {t('sampling.roster.import.rejectedTitle', { count: result.rejected.length })}
                  </Typography.Text>
                  <Button
                    size="small"
                    onClick={() =>
                      downloadCsv<Rejected>('roster-import-rejected', result.rejected, [
                        { header: t('sampling.roster.import.line'), value: (r) => r.row },
                        { header: t('sampling.roster.import.reason'), value: reason },
                        { header: 'reason', value: (r) => r.reason },
                      ])
                    }
                  >
                    {t('sampling.roster.import.exportRejected')}
                  </Button>
                </Space>
                <Table<Rejected>
                  size="small"
                  rowKey="row"
                  data-testid="roster-rejections"
                  dataSource={result.rejected}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('sampling.roster.import.line'), dataIndex: 'row', width: 80 },
                    {
                      title: t('sampling.roster.import.reason'),
                      key: 'reason',
                      render: (_, r) => (
                        <span>
                          {reason(r)}
                          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                            {r.reason}
                          </Typography.Text>
                        </span>
                      ),
                    },
                  ]}
                />
              </>
            ) : (
              <Alert type="success" showIcon title={t('sampling.roster.import.allGood')} />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}
