import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';

const COLORS: Record<Role, string> = {
  admin: 'red',
  qa_lead: 'purple',
  qa: 'geekblue',
  team_leader: 'orange',
  agent: 'blue',
  coach: 'cyan',
  kb_editor: 'green',
  trainer: 'lime',
  manager: 'gold',
  hr: 'magenta',
};

/** The user's roles as translated, coloured tags. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={COLORS[role]} style={{ marginInlineEnd: 4 }}>
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </>
  );
}
