import { Button, Card, Flex, Progress, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { PATHS } from '../../app/router-paths.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { fetchAllPages } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatCount } from '../../lib/numbers.ts';
import { formatDateTime } from '../../lib/time.ts';
import { FINISHED, rejectionsDownloadUrl } from './api.ts';
import { importFailureText } from './importFailure.ts';
import { ImportUploadCard } from './ImportUploadCard.tsx';

const STATUS_COLORS: Record<TInteractionImport['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  interrupted: 'warning',
};

export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const canImport = useAbility('interactions.import');
  const canList = useAbility('imports.list');
  const [params, setParams] = useSearchParams();
  const shownId = Number(params.get('id')) || null;
  const history = useCursorList<TInteractionImport>('/imports', {});
  const reloadHistory = history.reload;

  const handleShow = useCallback(
    (id: number | null) =>
      setParams((p) => {
        if (id === null) p.delete('id');
        else p.set('id', String(id));
        return p;
      }),
    [setParams],
  );

  const count = (v: number) => formatCount(v, i18n.language);
  const columns: TableColumnsType<TInteractionImport> = [
    {
      title: t('imports.history.columns.createdAt'),
      dataIndex: 'created_at',
      sorter: (a, b) => a.created_at.localeCompare(b.created_at),
      defaultSortOrder: 'descend',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('imports.history.columns.by'),
      dataIndex: 'created_by_name',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      // The format only where the name does not say it (an API import has no file name): the
      // table then fits a 1440 px screen in English without scrolling.
      title: t('imports.history.columns.file'),
      dataIndex: 'filename',
      render: (v: string | null, r) => (
        <>
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 220 }}>
            {v ?? t('common.none')}
          </Typography.Text>
          {!v?.toLowerCase().endsWith(`.${r.format}`) && (
            <Typography.Text type="secondary"> · {r.format.toUpperCase()}</Typography.Text>
          )}
          {r.encoding === 'gb18030' && (
            <Tooltip title={t('imports.upload.readAs')}>
              <Tag style={{ marginInlineStart: 6 }} data-testid="import-history-encoding">
                GB18030
              </Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      // The bar only while an import runs: a finished one says it with its tag and counts, and the
      // table keeps room for the rejected rows and the actions.
      title: t('imports.history.columns.status'),
      dataIndex: 'status',
      render: (v: TInteractionImport['status'], r) => {
        const tag = <Tag color={STATUS_COLORS[v]}>{t(`imports.status.${v}`)}</Tag>;
        if (!FINISHED.has(v)) {
          return (
            <Flex vertical style={{ minWidth: 120 }}>
              {tag}
              <Progress percent={Math.round(r.progress * 100)} size="small" />
            </Flex>
          );
        }
        return v === 'failed' || v === 'interrupted' ? (
          <Tooltip title={importFailureText(t, r)}>{tag}</Tooltip>
        ) : (
          tag
        );
      },
    },
    ...(['rows_read', 'imported', 'updated', 'unchanged'] as const).map((key) => ({
      title: key === 'rows_read' ? t('imports.history.columns.rowsRead') : t(`imports.counts.${key}`),
      dataIndex: key,
      align: 'right' as const,
      render: (v: number) => count(v),
    })),
    {
      title: t('imports.counts.rejected'),
      dataIndex: 'rejected',
      align: 'right',
      render: (v: number, r) =>
        v > 0 ? (
          <a
            href={rejectionsDownloadUrl(r.id, i18n.language)}
            download
            title={t('imports.history.rejectedLink')}
          >
            {count(v)}
          </a>
        ) : (
          count(v)
        ),
    },
    {
      // Kept in view when a narrow screen scrolls the table.
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Flex gap={12} align="center" style={{ whiteSpace: 'nowrap' }}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => handleShow(r.id)}>
            {t('imports.history.show')}
          </Button>
          <Link to={`${PATHS.interactions}?import_id=${r.id}`}>{t('interactions.title')}</Link>
        </Flex>
      ),
    },
  ];

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllPages<TInteractionImport>('/imports', {}, onProgress);
    downloadCsv<TInteractionImport>(t('imports.history.exportName'), rows, [
      { header: t('imports.history.columns.createdAt'), value: (r) => formatDateTime(r.created_at) },
      { header: t('imports.history.columns.by'), value: (r) => r.created_by_name },
      { header: t('imports.history.columns.file'), value: (r) => r.filename },
      {
        header: t('imports.history.columns.format'),
        value: (r) =>
          r.encoding === 'gb18030' ? `${r.format} (${t('imports.upload.readAsShort')})` : r.format,
      },
      { header: t('imports.history.columns.source'), value: (r) => r.source },
      { header: t('imports.history.columns.status'), value: (r) => t(`imports.status.${r.status}`) },
      { header: t('imports.history.columns.rowsRead'), value: (r) => r.rows_read },
      { header: t('imports.counts.imported'), value: (r) => r.imported },
      { header: t('imports.counts.updated'), value: (r) => r.updated },
      { header: t('imports.counts.unchanged'), value: (r) => r.unchanged },
      { header: t('imports.counts.rejected'), value: (r) => r.rejected },
      { header: t('imports.history.columns.finishedAt'), value: (r) => formatDateTime(r.finished_at) },
      {
        header: t('imports.history.columns.error'),
        value: (r) => (r.status === 'failed' || r.status === 'interrupted' ? importFailureText(t, r) : null),
      },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={canList && <ExportButton run={handleExport} disabled={history.total === 0} />}
      />
      {canImport && <ImportUploadCard shownId={shownId} onShow={handleShow} onFinished={reloadHistory} />}
      {canList && (
        <Card title={t('imports.history.title')}>
          <ErrorAlert error={history.error} onRetry={history.reload} />
          <Table<TInteractionImport>
            rowKey="id"
            size="middle"
            data-testid="imports-table"
            columns={columns}
            dataSource={history.items}
            loading={history.loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">
              {t('common.showing', { shown: history.items.length, total: history.total })}
            </Typography.Text>
            {history.hasMore && (
              <Button onClick={history.loadMore} loading={history.loading}>
                {t('common.loadMore')}
              </Button>
            )}
          </Flex>
        </Card>
      )}
    </>
  );
}
