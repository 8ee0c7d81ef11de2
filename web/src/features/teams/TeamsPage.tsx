import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchTeams, updateTeam } from './api.ts';
import { TeamFormModal } from './TeamFormModal.tsx';

type StatusFilter = 'all' | 'active' | 'inactive';

export function TeamsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const teams = useLoad(fetchTeams, []);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [editing, setEditing] = useState<TTeam | 'new' | null>(null);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (teams.data ?? []).filter(
      (team) =>
        (status === 'all' || team.active === (status === 'active')) &&
        (!needle ||
          team.name.toLowerCase().includes(needle) ||
          (team.leader_name ?? '').toLowerCase().includes(needle)),
    );
  }, [teams.data, search, status]);

  const handleToggleActive = (team: TTeam) => {
    void modal.confirm({
      title: t(team.active ? 'teams.deactivateConfirm' : 'teams.reactivateConfirm', { name: team.name }),
      okText: team.active ? t('common.deactivate') : t('common.reactivate'),
      okButtonProps: { danger: team.active },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await updateTeam(team.id, { version: team.version, active: !team.active });
          void message.success(t('common.saved'));
          teams.reload();
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  const canEdit = me.abilities['teams.update'] === true;

  const handleExport = (): Promise<number> => {
    downloadCsv<TTeam>(t('teams.exportName'), rows, [
      { header: t('teams.columns.name'), value: (r) => r.name },
      { header: t('teams.columns.leader'), value: (r) => r.leader_name },
      { header: t('teams.columns.members'), value: (r) => r.member_count },
      {
        header: t('teams.columns.status'),
        value: (r) => (r.active ? t('common.active') : t('common.inactive')),
      },
      { header: t('teams.columns.createdAt'), value: (r) => formatDateTime(r.created_at) },
    ]);
    return Promise.resolve(rows.length);
  };

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        subtitle={t('teams.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={rows.length === 0} />
            {me.abilities['teams.create'] && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="team-create"
              >
                {t('teams.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('teams.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
          />
          <Select<StatusFilter>
            value={status}
            onChange={setStatus}
            style={{ width: 160 }}
            options={[
              { value: 'all', label: t('teams.anyStatus') },
              { value: 'active', label: t('users.onlyActive') },
              { value: 'inactive', label: t('users.onlyInactive') },
            ]}
          />
        </Flex>
        <ErrorAlert error={teams.error} onRetry={teams.reload} />
        <Table<TTeam>
          rowKey="id"
          data-testid="teams-table"
          loading={teams.loading}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              title: t('teams.columns.name'),
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
              defaultSortOrder: 'ascend',
            },
            {
              title: t('teams.columns.leader'),
              dataIndex: 'leader_name',
              sorter: (a, b) => (a.leader_name ?? '').localeCompare(b.leader_name ?? '', 'zh-CN'),
              render: (v: string | null) =>
                v ?? <Typography.Text type="secondary">{t('teams.form.noLeader')}</Typography.Text>,
            },
            {
              title: t('teams.columns.members'),
              dataIndex: 'member_count',
              align: 'right',
              sorter: (a, b) => a.member_count - b.member_count,
            },
            {
              title: t('teams.columns.createdAt'),
              dataIndex: 'created_at',
              sorter: (a, b) => a.created_at.localeCompare(b.created_at),
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('teams.columns.status'),
              dataIndex: 'active',
              render: (v: boolean) => <StatusTag active={v} />,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, team) =>
                canEdit && (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing(team)}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      danger={team.active}
                      onClick={() => handleToggleActive(team)}
                    >
                      {team.active ? t('common.deactivate') : t('common.reactivate')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <TeamFormModal
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          teams.reload();
        }}
      />
    </>
  );
}
