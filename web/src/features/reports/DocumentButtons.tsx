import { FileExcelOutlined, FilePdfOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Progress, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { downloadDocument, type DownloadProgress } from './api.ts';
import { documentLanguage } from './format.ts';

export type DocumentFormat = 'xlsx' | 'pdf' | 'csv';

const ICONS: Record<DocumentFormat, ReactNode> = {
  xlsx: <FileExcelOutlined />,
  pdf: <FilePdfOutlined />,
  csv: <FileTextOutlined />,
};

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** One document button: builds the file on the server, shows progress, saves it. */
function DocumentButton({
  path,
  query,
  format,
  fallbackName,
  disabled,
}: {
  path: string;
  query: Query;
  format: DocumentFormat;
  fallbackName: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);

  const handleClick = async () => {
    try {
      const name = await downloadDocument(
        path,
        { ...query, format, lang: documentLanguage() },
        `${fallbackName}.${format}`,
        setProgress,
      );
      void message.success(t('reports.download.done', { name }));
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setProgress(null);
    }
  };

  const percent =
    progress?.phase === 'receiving' && progress.total
      ? Math.min(100, Math.round((progress.received / progress.total) * 100))
      : null;
  const label =
    progress === null
      ? t(`reports.download.${format}`)
      : progress.phase === 'preparing'
        ? t('reports.download.preparing')
        : percent !== null
          ? t('reports.download.receivingPercent', { percent })
          : t('reports.download.receiving', { size: kb(progress.received) });

  return (
    <Button
      icon={progress === null ? ICONS[format] : undefined}
      loading={progress !== null}
      disabled={disabled}
      onClick={() => void handleClick()}
      data-testid={`download-${format}`}
      aria-busy={progress !== null}
    >
      <Space size={6}>
        {label}
        {percent !== null && <Progress type="circle" percent={percent} size={14} showInfo={false} />}
      </Space>
    </Button>
  );
}

/** Download buttons for a report's documents, in the UI language. */
export function DocumentButtons({
  path,
  query,
  formats,
  fallbackName,
  disabled,
}: {
  path: string;
  query: Query;
  formats: readonly DocumentFormat[];
  fallbackName: string;
  disabled?: boolean;
}) {
  return (
    <>
      {formats.map((f) => (
        <DocumentButton
          key={f}
          path={path}
          query={query}
          format={f}
          fallbackName={fallbackName}
          disabled={disabled}
        />
      ))}
    </>
  );
}
