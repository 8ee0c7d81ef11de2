import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TAuditEntry, TAuditVerifyResult } from '../../../../shared/schemas/audit.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchActors, fetchAllAudit, verifyAuditChain } from './api.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { AuditFilterBar } from './AuditFilterBar.tsx';
import {
  actionLabel,
  entityLabel,
  filterStateFromParams,
  filterStateToParams,
  recordPath,
  toApiQuery,
} from './auditFilters.ts';

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filterStateFromParams(params), [params]);
  const query = useMemo(() => toApiQuery(filters), [filters]);
  const list = useCursorList<TAuditEntry>('/audit', query);
  const actors = useLoad(fetchActors, []);
  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<TAuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const handleVerify = async () => {
    setVerifying(true);
    setVerdict(null);
    setVerifyError(null);
    try {
      setVerdict(await verifyAuditChain());
    } catch (err) {
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  };

  const who = (e: TAuditEntry) =>
    e.actor_username === null
      ? t('audit.system')
      : e.actor_name && e.actor_name !== e.actor_username
        ? `${e.actor_name} (${e.actor_username})`
        : e.actor_username;
  const entity = (e: TAuditEntry) =>
    e.entity_id ? `${entityLabel(t, e.entity_type)} #${e.entity_id}` : entityLabel(t, e.entity_type);

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllAudit(query, onProgress);
    downloadCsv<TAuditEntry>(t('audit.exportName'), rows, [
      { header: 'id', value: (r) => r.id },
      { header: t('audit.columns.at'), value: (r) => formatDateTime(r.at) },
      { header: t('audit.columns.actor'), value: who },
      { header: t('audit.columns.action'), value: (r) => actionLabel(t, r.action) },
      { header: `${t('audit.columns.action')} (${t('audit.code')})`, value: (r) => r.action },
      { header: t('audit.columns.entity'), value: entity },
      { header: t('audit.columns.ip'), value: (r) => r.ip },
      { header: t('audit.before'), value: (r) => (r.before == null ? '' : JSON.stringify(r.before)) },
      { header: t('audit.after'), value: (r) => (r.after == null ? '' : JSON.stringify(r.after)) },
      { header: 'seq', value: (r) => r.seq ?? t('audit.pendingSeal') },
      { header: 'hash', value: (r) => r.hash ?? '' },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={list.total === 0} />
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verifying}
              onClick={() => void handleVerify()}
              data-testid="audit-verify"
            >
              {verifying ? t('audit.verifying') : t('audit.verify')}
            </Button>
          </>
        }
      />
      {verdict && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerdict(null) }}
          type={verdict.ok ? 'success' : 'error'}
          data-testid="audit-verdict"
          title={
            verdict.ok
              ? t('audit.verifyOk', { count: verdict.checked })
              : t('audit.verifyBroken', {
                  id: verdict.first_broken_id ?? '?',
                  reason: verdict.reason_code
                    ? t(`audit.reasons.${verdict.reason_code}`)
                    : (verdict.reason ?? ''),
                })
          }
          description={
            verdict.pending > 0 && !verdict.sealer_stalled
              ? t('audit.verifyPending', { count: verdict.pending })
              : undefined
          }
        />
      )}
      {verdict?.sealer_stalled && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type="warning"
          data-testid="audit-sealer-stalled"
          title={t('audit.verifyStalled', {
            count: verdict.pending,
            since: verdict.oldest_pending_at ? formatDateTime(verdict.oldest_pending_at) : '?',
          })}
        />
      )}
      {verifyError != null && (
        <Alert style={{ marginBottom: 16 }} showIcon type="error" title={errorMessage(t, verifyError)} />
      )}
      <Card>
        <AuditFilterBar
          key={params.toString()}
          actors={actors.data ?? []}
          value={filters}
          onChange={(f) => setParams(filterStateToParams(f))}
        />
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TAuditEntry>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} /> }}
          columns={[
            { title: '#', dataIndex: 'id', width: 80 },
            {
              title: t('audit.columns.at'),
              dataIndex: 'at',
              width: 170,
              render: (v: string) => formatDateTime(v),
            },
            { title: t('audit.columns.actor'), key: 'actor', render: (_, e) => who(e) },
            {
              title: t('audit.columns.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <Tooltip title={`${t('audit.code')}: ${v}`}>
                  <Tag color="blue" data-testid="audit-action" data-code={v}>
                    {actionLabel(t, v)}
                  </Tag>
                </Tooltip>
              ),
            },
            {
              title: t('audit.columns.entity'),
              key: 'entity',
              render: (_, e) => {
                const path = recordPath(e.entity_type, e.entity_id);
                return path ? <Link to={path}>{entity(e)}</Link> : entity(e);
              },
            },
            {
              title: t('audit.seal'),
              key: 'seal',
              width: 130,
              render: (_, e) =>
                e.seq === null || e.hash === null ? (
                  <Tooltip title={t('audit.pendingSealHelp')}>
                    <Tag color="gold" data-testid="audit-pending-seal">
                      {t('audit.pendingSeal')}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tooltip title={t('audit.sealHelp', { seq: e.seq, hash: e.hash })}>
                    <Typography.Text type="secondary" code>
                      {e.hash.slice(0, 8)}
                    </Typography.Text>
                  </Tooltip>
                ),
            },
            {
              title: t('audit.columns.ip'),
              dataIndex: 'ip',
              render: (v: string | null) => (
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {v ?? t('common.none')}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
