import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors.ts';

/**
 * Exports to CSV. `run` fetches what it needs (possibly many pages) and reports progress
 * with the number of rows read so far.
 */
export function ExportButton({
  run,
  disabled,
}: {
  run: (onProgress: (rows: number) => void) => Promise<number>;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);

  const handleClick = async () => {
    setProgress(0);
    try {
      const count = await run(setProgress);
      void message.success(t('common.exported', { count }));
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Button
      icon={<DownloadOutlined />}
      loading={progress !== null}
      disabled={disabled}
      onClick={() => void handleClick()}
      data-testid="export-csv"
    >
      {progress !== null ? t('common.exporting', { count: progress }) : t('common.exportCsv')}
    </Button>
  );
}
