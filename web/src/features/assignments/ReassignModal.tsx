import { Alert, App, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAssignment, TInspectorLoad } from '../../../../shared/schemas/assignments.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ApiError } from '../../lib/api.ts';
import { bulkReassign, reassignAssignment } from './api.ts';
import { changeErrorMessage } from './parts.tsx';

/**
 * Gives the selected assignments to one inspector or spreads them over several (the server sends
 * each to whoever has the least open work). Each inspector is shown with their current load.
 */
export function ReassignModal({
  rows,
  inspectors,
  inspectorsError,
  onClose,
  onDone,
}: {
  rows: TAssignment[];
  inspectors: TInspectorLoad[];
  inspectorsError: unknown;
  onClose: () => void;
  /** Called after a change, and after a refusal that means the list is out of date. */
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ids, setIds] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const placing = rows.every((r) => r.status === 'unassigned');
  // A CSR who is also an inspector cannot check their own contacts.
  const agents = new Set(rows.map((r) => r.agent_id));
  const options = inspectors
    .filter((i) => !(rows.length === 1 && agents.has(i.id)))
    .map((i) => ({
      value: i.id,
      label: i.display_name,
      load: t('assignments.reassign.load', { pending: i.pending, dueToday: i.due_today, overdue: i.overdue }),
      username: i.username,
    }));

  const handleOk = async () => {
    setSaving(true);
    try {
      const [only] = rows;
      const [target] = ids;
      let changed: number;
      if (rows.length === 1 && ids.length === 1 && only && target !== undefined) {
        await reassignAssignment(only.id, target, only.version);
        changed = 1;
      } else {
        changed = (await bulkReassign(rows, ids)).updated;
      }
      void message.success(
        changed > 0 ? t('assignments.reassign.done', { count: changed }) : t('assignments.reassign.none'),
      );
      onDone();
    } catch (err) {
      void message.error(changeErrorMessage(t, err));
      if (
        err instanceof ApiError &&
        (err.code === 'conflict' || err.code === 'stale_write' || err.status === 404)
      )
        onDone();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(placing ? 'assignments.reassign.placeTitle' : 'assignments.reassign.title', {
        count: rows.length,
      })}
      okText={placing ? t('assignments.actions.place') : t('assignments.reassign.confirm')}
      okButtonProps={{ disabled: ids.length === 0 }}
      confirmLoading={saving}
      onOk={() => void handleOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={inspectorsError} />
      {inspectors.length === 0 && !inspectorsError ? (
        <Alert type="warning" showIcon title={t('assignments.all.noInspectors')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div>{t('assignments.reassign.inspectors')}</div>
          <Select<number[]>
            mode="multiple"
            autoFocus
            value={ids}
            onChange={setIds}
            placeholder={t('assignments.reassign.inspectorsPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            optionRender={(o) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {o.data.label} <Typography.Text type="secondary">({o.data.username})</Typography.Text>
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {o.data.load}
                </Typography.Text>
              </Space>
            )}
            style={{ width: '100%' }}
            data-testid="reassign-inspectors"
          />
          {ids.length > 1 && (
            <Typography.Text type="secondary">{t('assignments.reassign.spread')}</Typography.Text>
          )}
        </Space>
      )}
    </Modal>
  );
}
