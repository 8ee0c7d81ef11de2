import { Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { UserFilters } from './api.ts';

type ActiveChoice = 'all' | 'active' | 'inactive';

const toChoice = (active: boolean | undefined): ActiveChoice =>
  active === undefined ? 'all' : active ? 'active' : 'inactive';

/** Search, role, team and status filters of the users table. */
export function UserFilterBar({
  value,
  teams,
  onChange,
}: {
  value: UserFilters;
  teams: TTeam[];
  onChange: (next: UserFilters) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value.q ?? '');
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('users.search')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        style={{ width: 240 }}
        data-testid="users-search"
      />
      <Select<Role | undefined>
        allowClear
        placeholder={t('users.anyRole')}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        style={{ width: 180 }}
      />
      <Select<number | undefined>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('users.anyTeam')}
        value={value.team_id}
        onChange={(team_id) => onChange({ ...value, team_id })}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        style={{ width: 180 }}
      />
      <Select<ActiveChoice>
        value={toChoice(value.active)}
        onChange={(c) => onChange({ ...value, active: c === 'all' ? undefined : c === 'active' })}
        options={[
          { value: 'all', label: t('users.anyStatus') },
          { value: 'active', label: t('users.onlyActive') },
          { value: 'inactive', label: t('users.onlyInactive') },
        ]}
        style={{ width: 160 }}
      />
      <Button
        onClick={() => {
          setText('');
          onChange({ active: true });
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
