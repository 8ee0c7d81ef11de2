import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TApiToken, TCreatedApiToken } from '../../../../shared/schemas/token.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchTokens, revokeToken, tokenStatus, type TokenStatus } from './api.ts';
import { TokenCreateModal } from './TokenCreateModal.tsx';
import { TokenSecretModal } from './TokenSecretModal.tsx';

const STATUS_COLOR: Record<TokenStatus, string> = { live: 'success', revoked: 'default', expired: 'warning' };

export function TokensPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const tokens = useLoad(fetchTokens, []);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<TCreatedApiToken | null>(null);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (tokens.data ?? []).filter(
      (tk) => !needle || tk.name.toLowerCase().includes(needle) || tk.username.toLowerCase().includes(needle),
    );
  }, [tokens.data, search]);

  const handleRevoke = (token: TApiToken) => {
    void modal.confirm({
      title: t('tokens.revokeConfirm', { name: token.name }),
      okText: t('tokens.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await revokeToken(token.id);
          void message.success(t('tokens.revoked', { name: token.name }));
          tokens.reload();
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  const statusLabel = (tk: TApiToken) => t(`tokens.status.${tokenStatus(tk)}`);

  const handleExport = (): Promise<number> => {
    downloadCsv<TApiToken>(t('tokens.exportName'), rows, [
      { header: t('tokens.columns.name'), value: (r) => r.name },
      { header: t('tokens.columns.prefix'), value: (r) => r.prefix },
      { header: t('tokens.columns.user'), value: (r) => r.username },
      { header: t('tokens.columns.createdAt'), value: (r) => formatDateTime(r.created_at) },
      { header: t('tokens.columns.lastUsed'), value: (r) => formatDateTime(r.last_used_at) },
      { header: t('tokens.columns.expires'), value: (r) => formatDateTime(r.expires_at) },
      { header: t('tokens.columns.status'), value: statusLabel },
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={rows.length === 0} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('tokens.create')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('tokens.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
          />
        </Flex>
        <ErrorAlert error={tokens.error} onRetry={tokens.reload} />
        <Table<TApiToken>
          rowKey="id"
          loading={tokens.loading}
          dataSource={rows}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              title: t('tokens.columns.name'),
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
            },
            {
              title: t('tokens.columns.prefix'),
              dataIndex: 'prefix',
              render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
            },
            {
              title: t('tokens.columns.user'),
              dataIndex: 'username',
              sorter: (a, b) => a.username.localeCompare(b.username),
            },
            {
              title: t('tokens.columns.createdAt'),
              dataIndex: 'created_at',
              sorter: (a, b) => a.created_at.localeCompare(b.created_at),
              defaultSortOrder: 'descend',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('tokens.columns.lastUsed'),
              dataIndex: 'last_used_at',
              render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')),
            },
            {
              title: t('tokens.columns.expires'),
              dataIndex: 'expires_at',
              render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')),
            },
            {
              title: t('tokens.columns.status'),
              key: 'status',
              filters: (['live', 'revoked', 'expired'] as const).map((s) => ({
                text: t(`tokens.status.${s}`),
                value: s,
              })),
              onFilter: (value, tk) => tokenStatus(tk) === value,
              render: (_, tk) => <Tag color={STATUS_COLOR[tokenStatus(tk)]}>{statusLabel(tk)}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, tk) =>
                !tk.revoked_at && (
                  <Button type="link" size="small" danger onClick={() => handleRevoke(tk)}>
                    {t('tokens.revoke')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <TokenCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created);
          tokens.reload();
        }}
      />
      <TokenSecretModal token={secret} onClose={() => setSecret(null)} />
    </>
  );
}
