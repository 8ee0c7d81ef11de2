import { App, Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, USERNAME_PATTERN } from '../../../../shared/limits.ts';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { ApiError } from '../../lib/api.ts';
import { applyFieldErrors, errorMessage } from '../../lib/errors.ts';
import { dayjs } from '../../lib/time.ts';
import { createUser, updateUser } from './api.ts';
import type { Dayjs } from 'dayjs';

type Values = {
  username: string;
  display_name: string;
  password: string;
  roles: Role[];
  team_id: number | null;
  hire_date: Dayjs | null;
  queue_ids: number[];
};

type Props = {
  /** null: closed; 'new': create; a user: edit. */
  target: TUser | 'new' | null;
  teams: TTeam[];
  queues: TQueue[];
  onClose: () => void;
  onSaved: (user: TUser, created: boolean) => void;
};

/** Create or edit a user. Edits send the version read, so a concurrent change answers 409. */
export function UserFormDrawer({ target, teams, queues, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        username: editing.username,
        display_name: editing.display_name,
        roles: editing.roles,
        team_id: editing.team_id,
        hire_date: editing.hire_date ? dayjs(editing.hire_date) : null,
        queue_ids: editing.queue_ids,
      });
    } else {
      form.setFieldsValue({ roles: ['agent'], queue_ids: [], team_id: null, hire_date: null });
    }
  }, [target, editing, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    const common = {
      display_name: v.display_name,
      roles: v.roles,
      team_id: v.team_id ?? null,
      hire_date: v.hire_date ? v.hire_date.format('YYYY-MM-DD') : null,
      queue_ids: v.queue_ids,
    };
    try {
      const saved = editing
        ? await updateUser(editing.id, { ...common, version: editing.version })
        : await createUser({ ...common, username: v.username, password: v.password });
      void message.success(
        t(editing ? 'users.form.updated' : 'users.form.created', { name: saved.display_name }),
      );
      onSaved(saved, !editing);
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

  const teamOptions = teams
    .filter((team) => team.active || team.id === editing?.team_id)
    .map((team) => ({ value: team.id, label: team.name }));
  const queueOptions = queues
    .filter((q) => q.active || editing?.queue_ids.includes(q.id))
    .map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }));

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={480}
      destroyOnHidden
      title={
        editing ? t('users.form.editTitle', { name: editing.display_name }) : t('users.form.createTitle')
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-form-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void handleFinish(v)}>
        <Form.Item
          name="username"
          label={t('users.form.username')}
          extra={editing ? undefined : t('users.form.usernameHelp')}
          rules={[
            { required: true, message: t('errors.field.required') },
            { min: LIMITS.usernameMin, max: LIMITS.usernameMax },
            { pattern: USERNAME_PATTERN, message: t('users.form.usernamePattern') },
          ]}
        >
          <Input disabled={!!editing} autoComplete="off" maxLength={LIMITS.usernameMax} id="user-username" />
        </Form.Item>
        <Form.Item
          name="display_name"
          label={t('users.form.displayName')}
          rules={[{ required: true, whitespace: true, message: t('errors.field.required') }]}
        >
          <Input maxLength={LIMITS.displayNameMax} id="user-display-name" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.form.password')}
            extra={t('users.form.passwordHelp', { min: LIMITS.passwordMin })}
            rules={[
              { required: true, message: t('errors.field.required') },
              { min: LIMITS.passwordMin, message: t('account.tooShort', { min: LIMITS.passwordMin }) },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} id="user-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t('users.form.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.form.rolesRequired') }]}
        >
          <Select<Role[]>
            mode="multiple"
            id="user-roles"
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="team_id" label={t('users.form.team')}>
          <Select<number | null>
            allowClear
            id="user-team"
            placeholder={t('users.form.noTeam')}
            showSearch={{ optionFilterProp: 'label' }}
            options={teamOptions}
          />
        </Form.Item>
        <Form.Item name="hire_date" label={t('users.form.hireDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="queue_ids" label={t('users.form.queues')}>
          <Select<number[]> mode="multiple" options={queueOptions} optionFilterProp="label" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
