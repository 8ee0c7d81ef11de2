import { Button, Dropdown, Space, Typography, type TableColumnType, type TableColumnsType } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { RoleTags } from '../../components/RoleTags.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatDateTime } from '../../lib/time.ts';
import type { UserListQuery, UserSort } from './api.ts';

type Handlers = {
  onEdit: (user: TUser) => void;
  onResetPassword: (user: TUser) => void;
  onToggleActive: (user: TUser) => void;
};

/** Table columns; the sortable ones map to the server's `sort` keys. */
export function useUserColumns(
  query: UserListQuery,
  queuesById: Map<number, TQueue>,
  handlers: Handlers,
): TableColumnsType<TUser> {
  const { t } = useTranslation();
  const sortOrder = (key: UserSort): TableColumnType<TUser>['sortOrder'] =>
    query.sort === key ? (query.order === 'asc' ? 'ascend' : 'descend') : null;
  const sortable = (key: UserSort) => ({ key, sorter: true, sortOrder: sortOrder(key) });

  return [
    {
      title: t('users.columns.username'),
      dataIndex: 'username',
      ...sortable('username'),
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('users.columns.displayName'), dataIndex: 'display_name', ...sortable('display_name') },
    {
      title: t('users.columns.roles'),
      dataIndex: 'roles',
      width: 240,
      render: (_, u) => <RoleTags roles={u.roles} />,
    },
    {
      title: t('users.columns.team'),
      dataIndex: 'team_name',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('users.columns.queues'),
      dataIndex: 'queue_ids',
      render: (ids: number[]) =>
        ids.length ? ids.map((id) => queuesById.get(id)?.name ?? `#${id}`).join('、') : t('common.none'),
    },
    {
      title: t('users.columns.hireDate'),
      dataIndex: 'hire_date',
      ...sortable('hire_date'),
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('users.columns.createdAt'),
      dataIndex: 'created_at',
      ...sortable('created_at'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('users.columns.status'),
      dataIndex: 'active',
      render: (v: boolean) => <StatusTag active={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => handlers.onEdit(u)}>
            {t('common.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', label: t('users.resetPassword') },
                {
                  key: 'active',
                  label: u.active ? t('common.deactivate') : t('common.reactivate'),
                  danger: u.active,
                },
              ],
              onClick: ({ key }) =>
                key === 'password' ? handlers.onResetPassword(u) : handlers.onToggleActive(u),
            }}
          >
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
          </Dropdown>
        </Space>
      ),
    },
  ];
}
