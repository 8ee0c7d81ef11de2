import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RoleTags } from '../components/RoleTags.tsx';
import { PATHS } from './router-paths.ts';
import { useMe, useSession } from './session.tsx';

/** Name and roles; change password; sign out. */
export function UserMenu() {
  const me = useMe();
  const { signOut } = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const handleSignOut = async () => {
    await signOut();
    void message.success(t('nav.signedOut'));
    await navigate(PATHS.signIn, { replace: true });
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>
                <Typography.Text strong>{me.display_name}</Typography.Text>{' '}
                <Typography.Text type="secondary">@{me.username}</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  <RoleTags roles={me.roles} />
                </div>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'password', icon: <LockOutlined />, label: t('nav.changePassword') },
          { key: 'sign-out', icon: <LogoutOutlined />, label: t('nav.signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'password') void navigate(PATHS.password);
          if (key === 'sign-out') void handleSignOut();
        },
      }}
    >
      <a data-testid="user-menu" onClick={(e) => e.preventDefault()} style={{ color: 'inherit' }}>
        <Space>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1554ad' }} />
          <span>{me.display_name}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </a>
    </Dropdown>
  );
}
