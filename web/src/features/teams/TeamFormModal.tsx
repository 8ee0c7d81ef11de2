import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { ApiError } from '../../lib/api.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { createTeam, fetchLeaderCandidates, updateTeam } from './api.ts';

type Values = { name: string; leader_id: number | null };

/** Create a team, or rename it and change its leader. */
export function TeamFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: TTeam | 'new' | null;
  onClose: () => void;
  onSaved: (team: TTeam) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = target !== null && target !== 'new' ? target : null;
  const leaders = useLoad(() => (target ? fetchLeaderCandidates() : Promise.resolve([])), [target]);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    form.setFieldsValue(editing ? { name: editing.name, leader_id: editing.leader_id } : { leader_id: null });
  }, [target, editing, form]);

  const handleOk = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = { name: v.name, leader_id: v.leader_id ?? null };
      const saved = editing
        ? await updateTeam(editing.id, { ...body, version: editing.version })
        : await createTeam(body);
      void message.success(t(editing ? 'teams.form.updated' : 'teams.form.created', { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_write') {
        modal.warning({ title: t('errors.codes.stale_write'), okText: t('common.close') });
      } else if (!applyFieldErrors(form, err, t)) {
        void message.error(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const options = (leaders.data ?? []).map((u) => ({
    value: u.id,
    label: `${u.display_name} (${u.username})`,
  }));
  if (editing?.leader_id && !options.some((o) => o.value === editing.leader_id)) {
    options.unshift({ value: editing.leader_id, label: editing.leader_name ?? `#${editing.leader_id}` });
  }

  return (
    <Modal
      open={target !== null}
      title={editing ? t('teams.form.editTitle', { name: editing.name }) : t('teams.form.createTitle')}
      onCancel={onClose}
      onOk={() => void handleOk().catch(() => undefined)}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'team-form-submit' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('teams.form.name')}
          rules={[{ required: true, whitespace: true, message: t('errors.field.required') }]}
        >
          <Input maxLength={LIMITS.teamNameMax} id="team-name" />
        </Form.Item>
        <Form.Item name="leader_id" label={t('teams.form.leader')} extra={t('teams.form.leaderHelp')}>
          <Select<number | null>
            id="team-leader"
            allowClear
            loading={leaders.loading}
            placeholder={t('teams.form.noLeader')}
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
