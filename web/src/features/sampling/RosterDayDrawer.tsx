import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Input, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TShift } from '../../../../shared/schemas/sampling.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { errorMessage } from '../../lib/errors.ts';
import { deleteShift, fetchShifts } from './api.ts';

/** Who is on shift one day (the roster rows), with removal for those who keep the roster. */
export function RosterDayDrawer({
  date,
  teamId,
  teams,
  canManage,
  onClose,
  onChanged,
}: {
  date: string | null;
  teamId: number | undefined;
  teams: TTeam[];
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const rows = useLoad(
    () => (date ? fetchShifts(date, date, teamId) : Promise.resolve<TShift[]>([])),
    [date, teamId],
  );
  const teamName = useMemo(() => new Map(teams.map((tm) => [tm.id, tm.name])), [teams]);
  const shown = (rows.data ?? []).filter((s) =>
    `${s.display_name} ${s.username}`.toLowerCase().includes(q.trim().toLowerCase()),
  );

  const handleDelete = (shift: TShift) => {
    modal.confirm({
      title: t('sampling.roster.deleteConfirm', { name: shift.display_name, date: shift.date }),
      okText: t('sampling.plan.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteShift(shift.id);
          rows.reload();
          onChanged();
        } catch (err) {
          void message.error(errorMessage(t, err));
        }
      },
    });
  };

  return (
    <Drawer
      open={date !== null}
      onClose={onClose}
      size={560}
      title={t('sampling.roster.dayTitle', { date: date ?? '', count: rows.data?.length ?? 0 })}
      destroyOnHidden
    >
      <ErrorAlert error={rows.error} onRetry={rows.reload} />
      <Input.Search
        allowClear
        placeholder={t('sampling.roster.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {!rows.loading && (rows.data?.length ?? 0) === 0 && (
        <Typography.Paragraph type="secondary">{t('sampling.roster.dayEmpty')}</Typography.Paragraph>
      )}
      <Table<TShift>
        rowKey="id"
        size="small"
        data-testid="roster-day-table"
        loading={rows.loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('sampling.roster.columns.name'),
            key: 'name',
            sorter: (a, b) => a.display_name.localeCompare(b.display_name),
            render: (_, s) => (
              <span>
                {s.display_name}
                <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                  {s.username}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('sampling.roster.columns.team'),
            key: 'team',
            sorter: (a, b) =>
              (teamName.get(a.team_id ?? 0) ?? '').localeCompare(teamName.get(b.team_id ?? 0) ?? ''),
            render: (_, s) => (s.team_id ? teamName.get(s.team_id) : '—'),
          },
          {
            title: t('sampling.roster.columns.shift'),
            dataIndex: 'shift',
            sorter: (a, b) => (a.shift ?? '').localeCompare(b.shift ?? ''),
            render: (v: string | null) => v ?? '—',
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 48,
                  render: (_: unknown, s: TShift) => (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('sampling.plan.remove')}
                      onClick={() => handleDelete(s)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Drawer>
  );
}
