import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERACTION_COLUMNS, type TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { downloadText } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { getCenterTimeZone } from '../../lib/time.ts';
import { fetchImport, FINISHED, importContentType, importTemplate, startImport } from './api.ts';
import { uploadErrorText } from './importFailure.ts';
import { ImportResultPanel } from './ImportResultPanel.tsx';

const POLL_MS = 600;

/**
 * Uploads a CSV/XLSX file as a background import, shows the upload and then the import's
 * progress (polling GET /imports/{id}) and finally its counts and rejected rows.
 */
export function ImportUploadCard({
  shownId,
  onShow,
  onFinished,
}: {
  /** The import whose result is shown (from the address), if any. */
  shownId: number | null;
  onShow: (id: number | null) => void;
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const [sending, setSending] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<TInteractionImport | null>(null);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);

  // Follow the shown import until it finishes.
  useEffect(() => {
    if (shownId === null) {
      setJob(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await fetchImport(shownId);
        if (!live) return;
        setJob(next);
        if (FINISHED.has(next.status)) onFinishedRef.current();
        else timer = setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (live) setError(errorMessage(t, err));
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [shownId, t]);

  const handleFile = async (file: File) => {
    setError(null);
    const type = importContentType(file);
    if (!type) {
      setError(t('imports.upload.unsupported'));
      return;
    }
    onShow(null);
    setSending({ name: file.name, percent: 0 });
    try {
      const started = await startImport(file, type, (f) =>
        setSending({ name: file.name, percent: Math.round(f * 100) }),
      );
      onShow('import_id' in started ? started.import_id : started.id);
    } catch (err) {
      setError(uploadErrorText(t, err));
    } finally {
      setSending(null);
    }
  };

  const busy = sending !== null || (job !== null && !FINISHED.has(job.status));

  return (
    <Card
      title={t('imports.upload.title')}
      style={{ marginBottom: 16 }}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => downloadText('interactions-template.csv', importTemplate())}
          data-testid="import-template"
        >
          {t('imports.upload.template')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('imports.upload.help', { columns: INTERACTION_COLUMNS.join(', '), zone: getCenterTimeZone() })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('imports.upload.evidenceHelp')}
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void handleFile(file);
            return false;
          }}
          data-testid="interaction-import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.upload.drop')}</p>
        </Upload.Dragger>
        {sending && (
          <div data-testid="import-sending">
            <Typography.Text>{t('imports.upload.sending', sending)}</Typography.Text>
            <Progress percent={sending.percent} status="active" />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
        {job && <ImportResultPanel job={job} />}
      </Flex>
    </Card>
  );
}
