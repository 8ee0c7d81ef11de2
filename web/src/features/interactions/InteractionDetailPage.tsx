import { ArrowLeftOutlined, LockOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Row,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TInteractionDetail } from '../../../../shared/schemas/interaction.ts';
import { PATHS } from '../../app/router-paths.ts';
import { useAbility } from '../../app/session.tsx';
import { DetailLoadError } from '../../components/DetailLoadError.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatDateTime } from '../../lib/time.ts';
import { audioType, fetchInteraction, formatDuration, recordingPath, uploadRecording } from './api.ts';
import { recordingUploadError } from './recording-errors.ts';
import { RecordingPlayer, type PlayerHandle } from './RecordingPlayer.tsx';
import { TranscriptView } from './TranscriptView.tsx';
import { useQueueName } from './useQueueName.ts';

function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Where the player reads the audio: the uploaded file (Range, cookie) or the external URL. */
function recordingSource(it: TInteractionDetail): string | null {
  if (it.recording_uploaded) return `${recordingPath(it.id)}?v=${encodeURIComponent(it.updated_at)}`;
  return it.recording_url;
}

export function InteractionDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const canUpload = useAbility('interactions.upload_recording');
  const loaded = useLoad(() => fetchInteraction(id), [id]);
  const queueName = useQueueName();
  const [override, setOverride] = useState<TInteractionDetail | null>(null);
  const it = override && override.id === id ? override : loaded.data;
  const player = useRef<PlayerHandle | null>(null);
  const [time, setTime] = useState(0);
  const [percent, setPercent] = useState<number | null>(null);
  const handleSeek = useCallback((seconds: number) => player.current?.seek(seconds), []);

  if (loaded.loading && !it) return <PageSpinner />;
  if (!it) {
    return (
      <DetailLoadError
        error={loaded.error}
        onRetry={loaded.reload}
        back={{ to: PATHS.interactions, label: t('interactions.detail.back') }}
      />
    );
  }

  const src = recordingSource(it);

  const handleUpload = async (file: File) => {
    if (!audioType(file).startsWith('audio/')) {
      void message.error(t('interactions.detail.notAudio'));
      return;
    }
    setPercent(0);
    try {
      const saved = await uploadRecording(it.id, file, (f) => setPercent(Math.round(f * 100)));
      setOverride(saved);
      void message.success(t('interactions.detail.uploadDone'));
    } catch (err) {
      void message.error(recordingUploadError(t, err));
    } finally {
      setPercent(null);
    }
  };

  // A recording that a submitted evaluation cites is evidence: the server refuses to replace it
  // (409), and the page says so before anyone tries.
  const replacing = it.has_recording;
  const uploadButton =
    canUpload &&
    (it.recording_locked ? (
      <Tooltip title={t('interactions.detail.lockedHint')}>
        <Button icon={<LockOutlined />} disabled data-testid="recording-upload" data-locked="true">
          {t('interactions.detail.replace')}
        </Button>
      </Tooltip>
    ) : (
      <Upload
        accept="audio/*,.wav,.mp3,.ogg,.m4a"
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          void handleUpload(file);
          return false;
        }}
      >
        <Tooltip title={replacing ? t('interactions.detail.replaceHint') : undefined}>
          <Button icon={<UploadOutlined />} loading={percent !== null} data-testid="recording-upload">
            {replacing ? t('interactions.detail.replace') : t('interactions.detail.upload')}
          </Button>
        </Tooltip>
      </Upload>
    ));

  return (
    <>
      <Link to={PATHS.interactions}>
        <ArrowLeftOutlined /> {t('interactions.detail.back')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '12px 0 16px' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="interaction-title">
          {t('interactions.detail.title', { id: it.external_id })}
        </Typography.Title>
        <Flex gap={8}>
          <Tag>{t(`quality.channel.${it.channel}`)}</Tag>
          <Tag>{t(`quality.direction.${it.direction}`)}</Tag>
        </Flex>
      </Flex>
      <Card title={t('interactions.detail.metadata')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('interactions.columns.externalId')}>
            <Typography.Text code>{it.external_id}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.columns.agent')}>
            {it.agent_name} ({it.agent_username})
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.columns.startedAt')}>
            {formatDateTime(it.started_at)}
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.columns.duration')}>
            {formatDuration(it.duration_s)}
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.columns.queue')}>
            {queueName(it.queue) ?? t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.columns.customerRef')}>
            {it.customer_ref ?? t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.detail.importBatch')}>
            {it.import_id ? (
              <Link to={`${PATHS.interactions}?import_id=${it.import_id}`}>#{it.import_id}</Link>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={t('interactions.detail.recordingTitle')}
            extra={uploadButton}
            style={{ marginBottom: 16 }}
          >
            {percent !== null && (
              <Progress percent={percent} status="active" data-testid="recording-upload-progress" />
            )}
            {src ? (
              <>
                <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">
                    {it.recording_uploaded
                      ? t('interactions.detail.uploaded', { size: formatBytes(it.recording_bytes) })
                      : t('interactions.detail.external')}
                  </Typography.Text>
                  {it.recording_locked && (
                    <Tooltip title={t('interactions.detail.lockedHint')}>
                      <Tag icon={<LockOutlined />} color="gold" data-testid="recording-evidence">
                        {t('interactions.detail.lockedTag')}
                      </Tag>
                    </Tooltip>
                  )}
                </Flex>
                <RecordingPlayer
                  key={src}
                  src={src}
                  recordSeconds={it.duration_s}
                  handleRef={player}
                  onTime={setTime}
                />
              </>
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('interactions.detail.noRecording')}
                data-testid="no-recording"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('interactions.detail.transcriptTitle')} style={{ marginBottom: 16 }}>
            <TranscriptView turns={it.transcript} time={time} onSeek={src ? handleSeek : undefined} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
