import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import {
  fetchAllUsers,
  fetchOrg,
  toQuery,
  updateUser,
  type UserFilters,
  type UserListQuery,
  type UserSort,
} from './api.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFilterBar } from './UserFilterBar.tsx';
import { UserFormDrawer } from './UserFormDrawer.tsx';
import { UserImportModal } from './UserImportModal.tsx';
import { useUserColumns } from './useUserColumns.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<UserFilters>({ active: true });
  const [sort, setSort] = useState<{ sort: UserSort; order: 'asc' | 'desc' }>({
    sort: 'username',
    order: 'asc',
  });
  const query: UserListQuery = { ...filters, ...sort };
  const list = useCursorList<TUser>('/users', toQuery(query));
  const org = useLoad(fetchOrg, []);
  const teams = useMemo(() => org.data?.teams ?? [], [org.data]);
  const queuesById = useMemo(() => new Map((org.data?.queues ?? []).map((q) => [q.id, q])), [org.data]);
  const [editing, setEditing] = useState<TUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const importOpen = params.get('import') === '1';

  const setImportOpen = (open: boolean) =>
    setParams((p) => {
      if (open) p.set('import', '1');
      else p.delete('import');
      return p;
    });

  const handleToggleActive = (user: TUser) => {
    const name = user.display_name;
    modal.confirm({
      title: t(user.active ? 'users.deactivateConfirm' : 'users.reactivateConfirm', { name }),
      okText: user.active ? t('common.deactivate') : t('common.reactivate'),
      okButtonProps: { danger: user.active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const saved = await updateUser(user.id, { version: user.version, active: !user.active });
          list.replace((r) => r.id === user.id, saved);
          void message.success(t(saved.active ? 'users.reactivated' : 'users.deactivated', { name }));
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  const columns = useUserColumns(query, queuesById, {
    onEdit: setEditing,
    onResetPassword: setResetting,
    onToggleActive: handleToggleActive,
  });

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllUsers(query, onProgress);
    downloadCsv<TUser>(t('users.exportName'), rows, [
      { header: t('users.columns.username'), value: (u) => u.username },
      { header: t('users.columns.displayName'), value: (u) => u.display_name },
      { header: t('users.columns.roles'), value: (u) => u.roles.map((r) => t(`roles.${r}`)).join(' | ') },
      { header: t('users.columns.team'), value: (u) => u.team_name },
      {
        header: t('users.columns.queues'),
        value: (u) => u.queue_ids.map((id) => queuesById.get(id)?.code ?? id).join(' | '),
      },
      { header: t('users.columns.hireDate'), value: (u) => u.hire_date },
      {
        header: t('users.columns.status'),
        value: (u) => (u.active ? t('common.active') : t('common.inactive')),
      },
      { header: t('users.columns.createdAt'), value: (u) => formatDateTime(u.created_at) },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={list.total === 0} />
            {me.abilities['users.import'] && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('users.import')}
              </Button>
            )}
            {me.abilities['users.create'] && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="user-create"
              >
                {t('users.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <UserFilterBar value={filters} teams={teams} onChange={setFilters} />
        <ErrorAlert error={list.error ?? org.error} onRetry={list.reload} />
        <Table<TUser>
          rowKey="id"
          data-testid="users-table"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (!s?.order || !s.columnKey) setSort({ sort: 'username', order: 'asc' });
            else setSort({ sort: s.columnKey as UserSort, order: s.order === 'ascend' ? 'asc' : 'desc' });
          }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="users-count">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      <UserFormDrawer
        target={editing}
        teams={teams}
        queues={org.data?.queues ?? []}
        onClose={() => setEditing(null)}
        onSaved={(user, created) => {
          setEditing(null);
          if (created) list.reload();
          else list.replace((r) => r.id === user.id, user);
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={(user) => {
          setResetting(null);
          list.replace((r) => r.id === user.id, user);
        }}
      />
      <UserImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={list.reload} />
    </>
  );
}
