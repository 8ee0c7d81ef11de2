import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUserImportResult } from '../../../../shared/schemas/user.ts';
import { downloadCsv, downloadText } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { IMPORT_TEMPLATE, importUsers } from './api.ts';

type Rejected = TUserImportResult['rejected'][number];

/** Bulk creation from CSV with upload progress, the imported count and the rejected rows. */
export function UserImportModal({
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
  const [result, setResult] = useState<TUserImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const handleFile = async (file: File) => {
    setPercent(0);
    setResult(null);
    setError(null);
    try {
      const r = await importUsers(file, setPercent);
      setResult(r);
      if (r.imported > 0) onImported();
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
      title={t('users.importer.title')}
      onCancel={handleClose}
      footer={<Button onClick={handleClose}>{t('common.close')}</Button>}
      width={720}
      destroyOnHidden
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('users.importer.help')}
        </Typography.Paragraph>
        <Button onClick={() => downloadText('users-template.csv', IMPORT_TEMPLATE)}>
          {t('users.importer.template')}
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
          data-testid="user-import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('users.importer.drop')}</p>
        </Upload.Dragger>
        {percent !== null && (
          <div>
            <Typography.Text>{t('users.importer.uploading')}</Typography.Text>
            <Progress percent={percent} status="active" />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {result && (
          <>
            <Alert
              type={result.rejected.length > 0 ? 'warning' : 'success'}
              showIcon
              title={t('users.importer.imported', { count: result.imported })}
              data-testid="user-import-result"
            />
            {result.encoding === 'gb18030' && (
              <Alert
                type="info"
                showIcon
                title={t('imports.upload.readAs')}
                data-testid="user-import-encoding"
              />
            )}
            {result.rejected.length > 0 ? (
              <>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>
                    {t('users.importer.rejectedTitle', { count: result.rejected.length })}
                  </Typography.Text>
                  <Button
                    size="small"
                    onClick={() =>
                      downloadCsv<Rejected>('users-import-rejected', result.rejected, [
                        { header: t('users.importer.row'), value: (r) => r.row },
                        { header: t('users.importer.reason'), value: (r) => r.reason },
                      ])
                    }
                  >
                    {t('users.importer.exportRejected')}
                  </Button>
                </Space>
                <Table<Rejected>
                  size="small"
                  rowKey="row"
                  dataSource={result.rejected}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('users.importer.row'), dataIndex: 'row', width: 80 },
                    { title: t('users.importer.reason'), dataIndex: 'reason' },
                  ]}
                />
              </>
            ) : (
              <Typography.Text type="secondary">{t('users.importer.noneRejected')}</Typography.Text>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
