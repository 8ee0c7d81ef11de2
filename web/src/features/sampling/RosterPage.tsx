import { UploadOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, Flex, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TShift } from '../../../../shared/schemas/sampling.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAllPages } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { dayjs, getCenterTimeZone } from '../../lib/time.ts';
import { fetchShiftDays, fetchShifts } from './api.ts';
import { samplingAccess } from './access.ts';
import { RosterDayDrawer } from './RosterDayDrawer.tsx';
import { RosterImportModal } from './RosterImportModal.tsx';

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * The roster as a month calendar: how many CSRs are on shift each day; a day opens who. Days
 * without roster rows count everyone who handled a contact (said on the page).
 */
export function RosterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const access = samplingAccess(me);
  const [params, setParams] = useSearchParams();
  // ?month=YYYY-MM opens that month (links from elsewhere, and the month survives a reload).
  const month = useMemo(() => {
    const wanted = params.get('month');
    const today = dayjs().tz(getCenterTimeZone());
    return (wanted && /^\d{4}-\d{2}$/.test(wanted) ? dayjs(`${wanted}-01`) : today).startOf('month');
  }, [params]);
  const setMonth = (d: Dayjs) =>
    setParams(
      (p) => {
        p.set('month', d.format('YYYY-MM'));
        return p;
      },
      { replace: true },
    );
  const [teamId, setTeamId] = useState<number | undefined>();
  const [day, setDay] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  // The calendar grid shows a few days of the neighbouring months too.
  const from = ymd(month.startOf('month').subtract(7, 'day'));
  const to = ymd(month.endOf('month').add(14, 'day'));
  const days = useLoad(() => fetchShiftDays(from, to, teamId), [from, to, teamId]);
  const teams = useLoad(() => fetchAllPages<TTeam>('/teams'), []);
  const counts = useMemo(
    () => new Map((days.data?.items ?? []).map((d) => [d.date, d.on_shift])),
    [days.data],
  );
  const monthTotal = [...counts]
    .filter(([d]) => d.startsWith(month.format('YYYY-MM')))
    .reduce((s, [, n]) => s + n, 0);

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchShifts(
      ymd(month.startOf('month')),
      ymd(month.endOf('month')),
      teamId,
      onProgress,
    );
    const teamName = new Map((teams.data ?? []).map((tm) => [tm.id, tm.name]));
    downloadCsv<TShift>(`${t('sampling.roster.exportName')}-${month.format('YYYY-MM')}`, rows, [
      { header: 'agent', value: (s) => s.username },
      { header: 'date', value: (s) => s.date },
      { header: 'shift', value: (s) => s.shift },
      { header: t('sampling.roster.columns.name'), value: (s) => s.display_name },
      { header: t('sampling.roster.columns.team'), value: (s) => (s.team_id ? teamName.get(s.team_id) : '') },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t('sampling.roster.title')}
        subtitle={t('sampling.roster.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={monthTotal === 0} />
            {access.manageRoster && (
              <Button
                type="primary"
                icon={<UploadOutlined />}
                onClick={() => setImportOpen(true)}
                data-testid="roster-import"
              >
                {t('sampling.roster.import.button')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('sampling.roster.allTeams')}
            style={{ minWidth: 200 }}
            value={teamId}
            onChange={setTeamId}
            options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
          <Typography.Text type="secondary" data-testid="roster-month-total">
            {t('sampling.roster.monthTotal', { month: month.format('YYYY-MM'), count: monthTotal })}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph type="secondary">{t('sampling.roster.noRosterRule')}</Typography.Paragraph>
        <ErrorAlert error={days.error ?? teams.error} onRetry={days.reload} />
        <div data-testid="roster-calendar">
          <Calendar
            value={month}
            onPanelChange={(d) => setMonth(d.startOf('month'))}
            onSelect={(d, info) => {
              if (info.source === 'date') setDay(ymd(d));
              else setMonth(d.startOf('month'));
            }}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const n = counts.get(ymd(d));
              return n ? (
                <div data-testid={`roster-day-${ymd(d)}`}>
                  <Badge status="processing" text={t('sampling.roster.onShift', { count: n })} />
                </div>
              ) : null;
            }}
          />
        </div>
      </Card>
      <RosterDayDrawer
        date={day}
        teamId={teamId}
        teams={teams.data ?? []}
        canManage={access.manageRoster}
        onClose={() => setDay(null)}
        onChanged={days.reload}
      />
      <RosterImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={days.reload} />
    </>
  );
}
